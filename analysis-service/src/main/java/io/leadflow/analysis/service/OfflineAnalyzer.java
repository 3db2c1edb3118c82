package io.leadflow.analysis.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analyzer that needs no outside service and never fails: rules over whole words and phrases.
 * Pure logic, usable without Quarkus.
 */
public class OfflineAnalyzer {

    public static final String PROVIDER = "offline";

    private static final Map<Intent, Pattern> INTENTS = new LinkedHashMap<>();
    private static final Map<Urgency, Pattern> URGENCIES = new LinkedHashMap<>();
    private static final Pattern NEGATIVE = words("bad", "worst", "terrible", "angry", "broken", "refund",
            "disappointed", "not working", "kharab", "bekar", "ganda");
    private static final Pattern POSITIVE = words("thanks", "thank you", "great", "love", "excellent", "awesome",
            "shukriya", "acha", "zabardast");
    private static final Pattern QUANTITY = Pattern.compile(
            "(?iu)\\b(\\d{1,6})\\s*(?:units?|pcs|pieces?|items?|boxes|box|kg|packs?|bottles?|pairs?|sets?)\\b");
    private static final Pattern BUDGET = Pattern.compile(
            "(?iu)(?:(?:rs\\.?|pkr|usd|\\$|aed|inr|eur|€|£)\\s*\\d[\\d,]*(?:\\.\\d+)?(?:\\s*[km])?"
                    + "|\\d[\\d,]*(?:\\.\\d+)?\\s*(?:rs|rupees|pkr|usd|dollars|aed|dirhams|inr|eur|euros))");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d\\s-]{8,}\\d");
    private static final Pattern ARABIC_SCRIPT = Pattern.compile("\\p{InArabic}");
    private static final Pattern URDU_LETTERS = Pattern.compile("[ٹڈڑںھےۓ]");
    private static final Pattern DEVANAGARI = Pattern.compile("\\p{InDevanagari}");
    private static final Pattern SPANISH = words("quiero", "comprar", "precio", "cuánto", "cuanto", "necesito", "hola", "gracias");
    private static final Pattern ROMAN_URDU = words("mujhe", "chahiye", "kitne", "kitna", "hai", "karna", "jaldi", "bhai", "kya");

    static {
        INTENTS.put(Intent.SPAM, words("crypto", "lottery", "casino", "click here", "free money", "earn $", "bitcoin"));
        INTENTS.put(Intent.COMPLAINT, words("complaint", "refund", "worst", "terrible", "disappointed", "scam",
                "not happy", "shikayat", "bekar", "queja"));
        INTENTS.put(Intent.BUY, words("buy", "purchase", "order", "want to buy", "i'll take", "book", "kharidna",
                "khareedna", "lena hai", "chahiye", "comprar", "quiero", "أريد", "شراء", "خریدنا", "चाहिए", "खरीदना"));
        INTENTS.put(Intent.PRICING, words("price", "pricing", "cost", "how much", "rate", "quote", "discount",
                "kitne ka", "kitna", "qeemat", "precio", "cuánto", "cuanto", "سعر", "قیمت", "कीमत"));
        INTENTS.put(Intent.SUPPORT, words("help", "support", "issue", "problem", "not working", "broken", "fix",
                "madad", "ayuda"));
        INTENTS.put(Intent.QUESTION, words("what", "when", "where", "which", "do you", "can i", "is it", "kya",
                "kahan", "qué", "dónde", "هل"));
        URGENCIES.put(Urgency.HIGH, words("urgent", "urgently", "asap", "today", "now", "immediately", "right away",
                "jaldi", "abhi", "aaj", "urgente", "hoy", "ahora", "فوراً", "عاجل", "آج", "जल्दी", "आज"));
        URGENCIES.put(Urgency.MEDIUM, words("tomorrow", "this week", "soon", "kal", "mañana", "pronto", "کل"));
    }

    /** Analyses one text. */
    public Analysis analyze(String text) {
        String subject = text == null ? "" : text;
        Map<Intent, Integer> intentHits = new LinkedHashMap<>();
        INTENTS.forEach((intent, pattern) -> intentHits.put(intent, count(pattern, subject)));
        Intent intent = intentHits.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(Intent.OTHER);
        int evidence = intentHits.getOrDefault(intent, 0);

        Urgency urgency = Urgency.LOW;
        for (Map.Entry<Urgency, Pattern> rule : URGENCIES.entrySet()) {
            if (count(rule.getValue(), subject) > 0) {
                urgency = rule.getKey();
                break;
            }
        }
        int confidence = intent == Intent.OTHER ? 30 : Math.min(95, 55 + 15 * evidence);
        return new Analysis(intent, urgency, category(intent), sentiment(subject), confidence, language(subject),
                extract(subject), PROVIDER, List.of(), 0, Analysis.TokenUsage.NONE);
    }

    private static String category(Intent intent) {
        return switch (intent) {
            case BUY, PRICING -> "sales";
            case SUPPORT, COMPLAINT -> "service";
            case QUESTION -> "inquiry";
            case SPAM -> "spam";
            case OTHER -> "general";
        };
    }

    private static Sentiment sentiment(String text) {
        int negative = count(NEGATIVE, text);
        int positive = count(POSITIVE, text);
        return negative > positive ? Sentiment.NEGATIVE : positive > negative ? Sentiment.POSITIVE : Sentiment.NEUTRAL;
    }

    private static String language(String text) {
        if (ARABIC_SCRIPT.matcher(text).find()) {
            return URDU_LETTERS.matcher(text).find() ? "ur" : "ar";
        }
        if (DEVANAGARI.matcher(text).find()) {
            return "hi";
        }
        if (count(SPANISH, text) > 0) {
            return "es";
        }
        return count(ROMAN_URDU, text) > 0 ? "ur-Latn" : "en";
    }

    private static Analysis.ExtractedData extract(String text) {
        Matcher quantity = QUANTITY.matcher(text);
        Matcher budget = BUDGET.matcher(text);
        List<String> emails = new ArrayList<>();
        EMAIL.matcher(text).results().forEach(m -> emails.add(m.group().toLowerCase()));
        List<String> phones = new ArrayList<>();
        PHONE.matcher(text).results().forEach(m -> phones.add(m.group().replaceAll("[\\s-]", "")));
        return new Analysis.ExtractedData(null,
                quantity.find() ? Integer.valueOf(quantity.group(1)) : null,
                budget.find() ? budget.group().strip() : null,
                null, null, phones, emails);
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }

    /** A pattern that matches any of the phrases as whole words, case-insensitively, in any script. */
    private static Pattern words(String... phrases) {
        StringBuilder alternatives = new StringBuilder();
        for (String phrase : phrases) {
            if (!alternatives.isEmpty()) {
                alternatives.append('|');
            }
            alternatives.append(Pattern.quote(phrase));
        }
        return Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])");
    }
}
