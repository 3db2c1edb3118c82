package io.leadflow.analysis.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;
import io.leadflow.messaging.Failures;
import io.quarkus.logging.Log;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The analyzer that needs no outside service and never fails: weighted rules over whole words and phrases
 * ({@code offline-lexicon.txt}) in English, Roman Urdu, Urdu, Arabic, Hindi and Spanish, with negation ("I don't
 * want to buy", "mujhe nahi chahiye"), a few signals beyond words (a question mark, a link, a quantity), and
 * extraction of product, quantity, budget, location, contact time, phones and emails. Its confidence grows with
 * the evidence and the margin over the runner-up. Pure logic, usable without Quarkus; measured by
 * {@code OfflineAnalyzerEvaluationTest}.
 */
public class OfflineAnalyzer {

    public static final String PROVIDER = "offline";

    /** Ties go to the intent that matters more to act on. */
    private static final List<Intent> PRIORITY = List.of(Intent.SPAM, Intent.COMPLAINT, Intent.SUPPORT, Intent.BUY,
            Intent.PRICING, Intent.QUESTION, Intent.OTHER);
    private static final Pattern QUESTION_MARK = Pattern.compile("[?\\u061F\\u00BF]");
    private static final Pattern LINK = Pattern.compile("(?i)https?://|www\\.|bit\\.ly|\\b[a-z0-9-]+\\.(?:xyz|top|click|link|ru)\\b");
    private static final Pattern ADVERTISED_PRICE = Pattern.compile(
            "(?U)\\b(?:only|just|sirf|solo|فقط|صرف|सिर्फ)\\s+(?:rs\\.?\\s?|\\$|€|£|₹)?\\d");
    private static final Pattern DEVANAGARI = Pattern.compile("\\p{InDevanagari}");
    private static final Pattern ARABIC_SCRIPT = Pattern.compile("[\\u0600-\\u06FF]");
    private static final Pattern URDU_LETTERS = Pattern.compile("[\\u0679\\u0688\\u0691\\u06BA\\u06D2\\u06D3\\u06BE\\u06C1\\u06CC\\u06A9\\u06AF]");
    private static final Set<String> ENGLISH = Set.of("the", "is", "are", "i", "you", "to", "and", "for", "of", "a",
            "my", "your", "please", "what", "how", "can", "do", "it", "we", "this", "in", "me", "want", "have", "with",
            "on", "will", "would", "thanks", "hi", "hello", "not", "need", "any", "our", "there");
    private static final Set<String> SPANISH = Set.of("el", "la", "los", "las", "de", "que", "quiero", "para", "por",
            "con", "una", "un", "es", "hola", "gracias", "necesito", "cuanto", "precio", "tienen", "esta", "mi", "me",
            "se", "su", "del", "al", "muy", "pero", "como", "hay", "ya", "y", "en", "lo", "favor", "buenas", "vale");
    private static final Set<String> ROMAN_URDU = Set.of("hai", "hain", "ka", "ki", "ke", "kya", "mujhe", "chahiye",
            "karna", "aap", "bhai", "kitne", "kitna", "mein", "nahi", "ho", "hoga", "kal", "aaj", "abhi", "jaldi",
            "yeh", "ye", "wo", "kab", "kaise", "kahan", "sakte", "raha", "rahi", "tha", "acha", "theek", "shukriya",
            "lena", "dein", "karein", "kar", "se", "ko", "bhej", "mera", "meri", "humein", "hum", "bohat", "bhi",
            "aur", "par", "wala", "wali", "hoon", "gaya", "gayi", "karo", "baje", "koi");

    /** The answer when the rules themselves failed: no evidence of anything, confidence 0, language undetermined. */
    static final Analysis NOTHING_FOUND = new Analysis(Intent.OTHER, Urgency.LOW, "general", Sentiment.NEUTRAL, 0, "und",
            Analysis.ExtractedData.NONE, PROVIDER, List.of(), 0, Analysis.TokenUsage.NONE);

    /** How much the learned word statistics weigh: at most as much as one strong phrase. */
    private static final double MODEL_WEIGHT = 3.0;

    private final Lexicon lexicon;
    private final Extractor extractor;
    private final IntentModel model;

    public OfflineAnalyzer() {
        this("PK");
    }

    /** @param region where phone numbers written without a country code are (ISO 3166), e.g. PK */
    public OfflineAnalyzer(String region) {
        this(region, "/offline-lexicon.txt");
    }

    /** With the rules of another lexicon resource (a test's). */
    OfflineAnalyzer(String region, String lexiconResource) {
        this.lexicon = Lexicon.load(lexiconResource);
        this.extractor = new Extractor(lexicon, region);
        this.model = IntentModel.load("/offline-examples.tsv");
    }

    /**
     * Analyses one text. Never throws: it is the last link of the chain, so a text that trips a rule gets an answer
     * that says nothing was found (confidence 0) instead of stopping the message, and the rule's failure is logged.
     */
    public Analysis analyze(String text) {
        try {
            return rules(text == null ? "" : text);
        } catch (RuntimeException | StackOverflowError e) {
            Log.warnf("The offline rules failed on a text of %d characters (%s); answering that nothing was found",
                    text == null ? 0 : text.length(), Failures.describe(e));
            return NOTHING_FOUND;
        }
    }

    private Analysis rules(String subject) {
        String normalized = Tokens.normalize(subject);
        Tokens tokens = Tokens.ofNormalized(normalized);
        boolean[] preNegator = positions(lexicon.find("pre-negator", tokens), tokens.size(), true);
        boolean[] postNegator = positions(lexicon.find("post-negator", tokens), tokens.size(), false);
        Extractor.Found found = extractor.extract(subject, normalized, tokens);

        Map<Intent, Integer> scores = intentScores(subject, normalized, tokens, preNegator, postNegator, found);
        Map<Intent, Double> learned = model.probabilities(tokens);
        Intent intent = Intent.OTHER;
        double top = 0;
        for (Intent candidate : tokens.size() == 0 ? List.<Intent>of() : PRIORITY) {
            double score = scores.get(candidate) + MODEL_WEIGHT * learned.get(candidate);
            if (score > top) {
                top = score;
                intent = candidate;
            }
        }
        Urgency urgency = urgency(intent, tokens, preNegator);
        int confidence = confidence(intent, scores, learned);
        return new Analysis(intent, urgency, found.category() != null ? found.category() : category(intent),
                sentiment(intent, tokens, preNegator), confidence, language(subject, tokens), found.data(), PROVIDER,
                List.of(), 0, Analysis.TokenUsage.NONE);
    }

    private Map<Intent, Integer> intentScores(String text, String normalized, Tokens tokens, boolean[] preNegator, boolean[] postNegator,
                                              Extractor.Found found) {
        Map<Intent, Integer> scores = new EnumMap<>(Intent.class);
        for (Intent intent : Intent.values()) {
            scores.put(intent, 0);
        }
        for (Lexicon.Match match : lexicon.find("intent", tokens)) {
            boolean negated = negated(match, tokens, preNegator, postNegator);
            for (Lexicon.Entry entry : match.entries()) {
                Intent intent = Intent.fromLabel(entry.name()).orElseThrow();
                if (negated && intent == Intent.BUY) {
                    // "I don't want to buy": no purchase, and a hint that the customer is done.
                    scores.merge(Intent.OTHER, 1, Integer::sum);
                } else {
                    // A negated complaint is still one ("neither the goods nor my money came back").
                    scores.merge(intent, entry.weight(), Integer::sum);
                }
            }
        }
        for (Lexicon.Match match : lexicon.find("sentiment", tokens)) {
            boolean praise = match.entries().stream().anyMatch(e -> "positive".equals(e.name()));
            if (praise && negated(match, tokens, preNegator, postNegator)) {
                // "not impressed", "acha nahi laga", "nada contento": praise denied is a complaint.
                scores.merge(Intent.COMPLAINT, 2, Integer::sum);
            }
        }
        if (QUESTION_MARK.matcher(text).find()) {
            scores.merge(Intent.QUESTION, 1, Integer::sum);
        }
        if (LINK.matcher(text).find()) {
            scores.merge(Intent.SPAM, 3, Integer::sum);
        }
        if (found.data().quantity() != null && (scores.get(Intent.BUY) > 0 || scores.get(Intent.PRICING) > 0)) {
            // "I want 3 of them", "the price of 50 kg": a quantity strengthens whichever commercial intent leads.
            scores.merge(scores.get(Intent.BUY) >= scores.get(Intent.PRICING) ? Intent.BUY : Intent.PRICING, 2, Integer::sum);
        }
        if (ADVERTISED_PRICE.matcher(normalized).find()) {
            // "only 999", "sirf 5000 mein": sellers advertise, customers do not.
            scores.merge(Intent.SPAM, 2, Integer::sum);
        }
        return scores;
    }

    /**
     * How sure the rules are: nothing found is 30; each point of evidence for the intent adds, evidence for another
     * intent takes away, and agreement of the learned word statistics adds up to 20.
     */
    private static int confidence(Intent intent, Map<Intent, Integer> scores, Map<Intent, Double> learned) {
        int evidence = scores.get(intent);
        if (evidence == 0) {
            return 30;
        }
        int rival = scores.entrySet().stream().filter(e -> e.getKey() != intent).mapToInt(Map.Entry::getValue).max().orElse(0);
        long value = Math.round(35 + 8 * evidence - 6 * rival + 20 * learned.get(intent));
        return (int) Math.max(30, Math.min(95, value));
    }

    /**
     * Explicit time words decide (a negated "urgent" means not urgent); without them, what the customer wants
     * decides: a purchase, a problem or a complaint needs an answer soon, a question or a price request can wait.
     * Spam and small talk are never urgent.
     */
    private Urgency urgency(Intent intent, Tokens tokens, boolean[] preNegator) {
        if (intent == Intent.SPAM || intent == Intent.OTHER) {
            return Urgency.LOW;
        }
        boolean high = false;
        boolean medium = false;
        boolean low = false;
        List<Lexicon.Match> neutral = lexicon.find("time-neutral", tokens);
        for (Lexicon.Match match : lexicon.find("urgency", tokens)) {
            if (coveredBy(match, neutral)) {
                continue;
            }
            for (Lexicon.Entry entry : match.entries()) {
                Urgency level = Urgency.fromLabel(entry.name()).orElseThrow();
                if (level == Urgency.HIGH && negated(match, tokens, preNegator, new boolean[tokens.size()])) {
                    low = true;
                } else if (level == Urgency.HIGH) {
                    high = true;
                } else if (level == Urgency.MEDIUM) {
                    medium = true;
                } else {
                    low = true;
                }
            }
        }
        if (!lexicon.find("weekday", tokens).isEmpty() && intent != Intent.QUESTION) {
            medium = true;
        }
        if (high || clauseFinalYa(tokens)) {
            return Urgency.HIGH;
        }
        if (low) {
            return Urgency.LOW;
        }
        if (medium) {
            return Urgency.MEDIUM;
        }
        return switch (intent) {
            case BUY, SUPPORT, COMPLAINT -> Urgency.MEDIUM;
            default -> Urgency.LOW;
        };
    }

    /** Spanish "ya" ends a demand when it ends the clause ("devuélvanme el dinero ya"); elsewhere it means "already". */
    private static boolean clauseFinalYa(Tokens tokens) {
        for (int i = 1; i < tokens.size(); i++) {
            boolean last = i == tokens.size() - 1 || tokens.clause(i + 1) != tokens.clause(i);
            if (last && "ya".equals(tokens.word(i)) && tokens.clause(i - 1) == tokens.clause(i)) {
                return true;
            }
        }
        return false;
    }

    private Sentiment sentiment(Intent intent, Tokens tokens, boolean[] preNegator) {
        int positive = 0;
        int negative = 0;
        for (Lexicon.Match match : lexicon.find("sentiment", tokens)) {
            boolean negated = negated(match, tokens, preNegator, new boolean[tokens.size()]);
            for (Lexicon.Entry entry : match.entries()) {
                boolean isPositive = "positive".equals(entry.name());
                if (isPositive != negated) {
                    positive += isPositive ? 1 : 0;
                    negative += isPositive ? 0 : 1;
                } else if (isPositive) {
                    negative++;
                }
            }
        }
        if (intent == Intent.COMPLAINT && negative >= positive) {
            return Sentiment.NEGATIVE;
        }
        if (intent == Intent.SPAM) {
            return Sentiment.NEUTRAL;
        }
        return negative > positive ? Sentiment.NEGATIVE : positive > negative ? Sentiment.POSITIVE : Sentiment.NEUTRAL;
    }

    private static boolean coveredBy(Lexicon.Match match, List<Lexicon.Match> neutral) {
        return neutral.stream().anyMatch(n -> n.start() <= match.start() && match.end() <= n.end()
                || match.start() <= n.start() && n.end() <= match.end());
    }

    /** A negator up to three words before the phrase, or right after it (Urdu and Hindi put it after the verb). */
    private static boolean negated(Lexicon.Match match, Tokens tokens, boolean[] preNegator, boolean[] postNegator) {
        int clause = tokens.clause(match.start());
        for (int i = Math.max(0, match.start() - 3); i < match.start(); i++) {
            if (preNegator[i] && tokens.clause(i) == clause) {
                return true;
            }
        }
        return match.end() < tokens.size() && postNegator[match.end()] && tokens.clause(match.end()) == clause;
    }

    /** Marks where negators are: the last word of a pre-negator, the first of a post-negator. */
    private static boolean[] positions(List<Lexicon.Match> matches, int size, boolean atEnd) {
        boolean[] marks = new boolean[size];
        for (Lexicon.Match match : matches) {
            marks[atEnd ? match.end() - 1 : match.start()] = true;
        }
        return marks;
    }

    private static String category(Intent intent) {
        return switch (intent) {
            case BUY, PRICING -> "sales";
            case SUPPORT, COMPLAINT -> "customer service";
            case QUESTION -> "product inquiry";
            case SPAM -> "spam";
            case OTHER -> "general";
        };
    }

    private static String language(String text, Tokens tokens) {
        if (DEVANAGARI.matcher(text).find()) {
            return "hi";
        }
        if (ARABIC_SCRIPT.matcher(text).find()) {
            return URDU_LETTERS.matcher(text).find() ? "ur" : "ar";
        }
        int english = 0;
        int spanish = 0;
        int urdu = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.word(i);
            english += ENGLISH.contains(word) ? 1 : 0;
            spanish += SPANISH.contains(word) ? 1 : 0;
            urdu += ROMAN_URDU.contains(word) ? 1 : 0;
        }
        if (urdu > english && urdu >= spanish) {
            return "ur-Latn";
        }
        return spanish > english ? "es" : "en";
    }
}
