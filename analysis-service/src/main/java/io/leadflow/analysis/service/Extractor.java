package io.leadflow.analysis.service;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.leadflow.events.Analysis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structured data in a text: product (and its category), quantity, budget, location, preferred contact time,
 * and every phone (E.164, via libphonenumber) and email written in it.
 */
final class Extractor {

    /** What was found; {@code category} is the product's area when a product was recognised. */
    record Found(Analysis.ExtractedData data, String category) {
    }

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,7}");

    private static final String AMOUNT = "(\\d{1,3}(?:[,.]\\d{3})+|\\d+(?:\\.\\d+)?)";
    private static final String MULTIPLIER = "(k|thousand|lakh|lac|lakhs|crore|million|mn|m|hazar|hazaar|mil|ہزار|لاکھ|کروڑ|हजार|हज़ार|लाख|करोड़|الف|الاف|مليون)";
    private static final Pattern CURRENCY_FIRST = Pattern.compile("(?U)(\\$|€|£|₹|\\b(?:rs\\.?|pkr|inr|usd|aed|sar|eur|gbp))\\s?"
            + AMOUNT + "(?:\\s?" + MULTIPLIER + "\\b)?");
    private static final Pattern AMOUNT_FIRST = Pattern.compile("(?U)\\b" + AMOUNT + "(?:\\s?" + MULTIPLIER + ")?\\s?"
            + "(rs|rupees|rupee|rupay|rupaye|pkr|inr|usd|dollars?|aed|dirhams?|sar|riyals?|euros?|eur|pesos|روپے|روپیہ|روپيه|रुपये|रुपए|रुपया|درهم|دولار|ريال|يورو)\\b");
    private static final Pattern BUDGET_WORD = Pattern.compile("(?U)\\b(?:budget|presupuesto|ميزانيه|بجٹ|बजट)\\b\\D{0,24}?"
            + AMOUNT + "(?:\\s?" + MULTIPLIER + "\\b)?");
    private static final Map<String, String> CURRENCIES = Map.ofEntries(
            Map.entry("$", "USD"), Map.entry("usd", "USD"), Map.entry("dollar", "USD"), Map.entry("dollars", "USD"),
            Map.entry("دولار", "USD"), Map.entry("€", "EUR"), Map.entry("eur", "EUR"), Map.entry("euro", "EUR"),
            Map.entry("euros", "EUR"), Map.entry("يورو", "EUR"), Map.entry("£", "GBP"), Map.entry("gbp", "GBP"),
            Map.entry("₹", "INR"), Map.entry("inr", "INR"), Map.entry("रुपये", "INR"), Map.entry("रुपए", "INR"),
            Map.entry("रुपया", "INR"), Map.entry("pkr", "PKR"), Map.entry("روپے", "PKR"), Map.entry("روپیہ", "PKR"),
            Map.entry("روپيه", "PKR"), Map.entry("aed", "AED"), Map.entry("dirham", "AED"), Map.entry("dirhams", "AED"),
            Map.entry("درهم", "AED"), Map.entry("sar", "SAR"), Map.entry("riyal", "SAR"), Map.entry("riyals", "SAR"),
            Map.entry("ريال", "SAR"), Map.entry("pesos", "MXN"));
    private static final Set<String> RUPEE_WORDS = Set.of("rs", "rs.", "rupees", "rupee", "rupay", "rupaye");

    private static final List<Pattern> CONTACT_TIMES = List.of(
            Pattern.compile("(?U)\\b(?:after|before|around|between)\\s+\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|baje|bje)?(?:\\s*(?:and|to|-)\\s*\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?)?"),
            Pattern.compile("(?U)\\b(?:call|contact|reach|ring|phone|text|message)\\s+(?:me|us)\\s+((?:this|next|tomorrow|today|tonight|anytime|any time|on \\w+|in the \\w+)(?:\\s+(?:week|morning|afternoon|evening|night|weekend))?)"),
            Pattern.compile("(?U)\\b\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|baje|bje)\\b"),
            Pattern.compile("(?U)\\b(?:(?:(?:in the|tomorrow|this)\\s+)?(?:morning|afternoon|evening)|tonight)\\b"),
            Pattern.compile("(?U)\\b(?:subah|shaam|sham|dopahar)\\b"),
            Pattern.compile("(?U)\\b(?:por la (?:manana|tarde|noche)\\b|(?:despues de|antes de|a partir de) las \\d{1,2}\\b|a las \\d{1,2}(?::\\d{2})?\\b)"),
            Pattern.compile("(?U)(?:صباحا|مساء الغد|مساء|المساء|الصباح|بعد الظهر)"),
            Pattern.compile("(?U)(?:सुबह|शाम|दोपहर|صبح|شام|دوپہر)"));

    private static final Map<String, Integer> NUMBER_WORDS = numberWords();
    private static final Set<String> HUNDREDS = Set.of("hundred", "sau", "سو", "सौ", "مئه", "مائه", "cien", "cientos");
    private static final Set<String> NOT_A_QUANTITY_BEFORE = Set.of("size", "talla", "مقاس", "سائز", "साइज़", "साइज",
            "model", "no", "number", "error", "order", "#", "rs", "pkr", "usd", "inr", "aed", "ton", "kw", "version");
    private static final Set<String> NOT_A_QUANTITY_AFTER = Set.of("am", "pm", "baje", "bje", "k", "lakh", "lac",
            "crore", "rs", "rupees", "pkr", "usd", "dollars", "aed", "inch", "ton", "kw", "din", "days", "weeks",
            "hours", "minutes", "years", "months", "percent", "%");

    private final Lexicon lexicon;
    private final String region;

    Extractor(Lexicon lexicon, String region) {
        this.lexicon = lexicon;
        this.region = region.toUpperCase(Locale.ROOT);
    }

    Found extract(String text, String normalized, Tokens tokens) {
        String product = null;
        String category = null;
        List<Lexicon.Match> products = lexicon.find("product", tokens);
        if (!products.isEmpty()) {
            Lexicon.Entry entry = products.get(0).entries().get(0);
            product = entry.name();
            category = entry.group();
        }
        List<Lexicon.Match> locations = lexicon.find("location", tokens);
        String location = locations.isEmpty() ? null : locations.get(0).entries().get(0).name();
        return new Found(new Analysis.ExtractedData(product, quantity(tokens, products), budget(normalized), location,
                contactTime(normalized), phones(text), emails(text)), category);
    }

    /** A number (digits or a number word) right before a unit ("3 boxes") or a product ("2 laptops"). */
    private Integer quantity(Tokens tokens, List<Lexicon.Match> products) {
        for (int i = 0; i < tokens.size(); i++) {
            Integer value = numberAt(tokens, i);
            if (value == null || value <= 0) {
                continue;
            }
            int next = i + 1;
            if (next < tokens.size() && HUNDREDS.contains(tokens.word(next)) && value < 10) {
                value *= 100;
                next++;
            }
            if (next >= tokens.size() || tokens.clause(next) != tokens.clause(i)
                    || (i > 0 && NOT_A_QUANTITY_BEFORE.contains(tokens.word(i - 1)))
                    || NOT_A_QUANTITY_AFTER.contains(tokens.word(next))) {
                continue;
            }
            if (lexicon.contains("unit", tokens, next) || productStartsNear(products, next)) {
                return value;
            }
        }
        return null;
    }

    private static boolean productStartsNear(List<Lexicon.Match> products, int index) {
        return products.stream().anyMatch(m -> m.start() == index || m.start() == index + 1);
    }

    private static Integer numberAt(Tokens tokens, int index) {
        String word = tokens.word(index);
        if (NUMBER.matcher(word).matches()) {
            if (index + 1 < tokens.size() && tokens.word(index + 1).matches("\\d{3}")) {
                return null;
            }
            if (index > 0 && tokens.word(index - 1).matches("\\d+") && tokens.clause(index - 1) == tokens.clause(index)) {
                return null;
            }
            long value = Long.parseLong(word);
            return value > 1_000_000 ? null : (int) value;
        }
        for (String form : tokens.variants(index)) {
            Integer number = NUMBER_WORDS.get(form);
            if (number != null) {
                return number;
            }
        }
        return null;
    }

    /** An amount with a currency, or after the word budget: "PKR 500000", "USD 15000", "150000". */
    private String budget(String normalized) {
        if (normalized.codePoints().noneMatch(Character::isDigit)) {
            return null; // each form of a budget holds an amount, and under (?U) a regex digit is Character.isDigit
        }
        Matcher matcher = CURRENCY_FIRST.matcher(normalized);
        if (matcher.find()) {
            return money(matcher.group(2), matcher.group(3), matcher.group(1));
        }
        matcher = AMOUNT_FIRST.matcher(normalized);
        if (matcher.find()) {
            return money(matcher.group(1), matcher.group(2), matcher.group(3));
        }
        matcher = BUDGET_WORD.matcher(normalized);
        if (matcher.find()) {
            return money(matcher.group(1), matcher.group(2), null);
        }
        return null;
    }

    private String money(String amount, String multiplier, String currency) {
        String digits = amount.matches("\\d{1,3}(?:[,.]\\d{3})+") ? amount.replaceAll("[,.]", "") : amount;
        BigDecimal value = new BigDecimal(digits).multiply(BigDecimal.valueOf(multiplier(multiplier)));
        String number = value.stripTrailingZeros().toPlainString();
        String code = currencyCode(currency);
        return code == null ? number : code + " " + number;
    }

    private static long multiplier(String word) {
        if (word == null) {
            return 1;
        }
        switch (word) {
            case "k": case "thousand": case "hazar": case "hazaar": case "mil": case "ہزار": case "हजार": case "हज़ार":
            case "الف": case "الاف":
                return 1_000;
            case "lakh": case "lac": case "lakhs": case "لاکھ": case "लाख":
                return 100_000;
            case "crore": case "کروڑ": case "करोड़":
                return 10_000_000;
            default:
                return 1_000_000;
        }
    }

    private String currencyCode(String currency) {
        if (currency == null) {
            return null;
        }
        String key = currency.strip().toLowerCase(Locale.ROOT);
        if (RUPEE_WORDS.contains(key)) {
            return "IN".equals(region) ? "INR" : "PK".equals(region) ? "PKR" : "Rs";
        }
        return CURRENCIES.getOrDefault(key, currency.toUpperCase(Locale.ROOT));
    }

    private static String contactTime(String normalized) {
        for (Pattern pattern : CONTACT_TIMES) {
            Matcher matcher = pattern.matcher(normalized);
            if (matcher.find()) {
                String found = matcher.groupCount() > 0 && matcher.group(1) != null ? matcher.group(1) : matcher.group();
                return found.strip();
            }
        }
        return null;
    }

    private List<String> phones(String text) {
        List<String> phones = new ArrayList<>();
        for (PhoneNumberMatch match : PHONES.findNumbers(text, region)) {
            String e164 = PHONES.format(match.number(), PhoneNumberUtil.PhoneNumberFormat.E164);
            if (!phones.contains(e164)) {
                phones.add(e164);
            }
        }
        return phones;
    }

    private static List<String> emails(String text) {
        List<String> emails = new ArrayList<>();
        Matcher matcher = EMAIL.matcher(text);
        while (matcher.find()) {
            String email = matcher.group().toLowerCase(Locale.ROOT);
            if (!emails.contains(email)) {
                emails.add(email);
            }
        }
        return emails;
    }

    private static Map<String, Integer> numberWords() {
        Map<String, Integer> words = new java.util.HashMap<>();
        String[][] lists = {
                {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"},
                {"ek", "do", "teen", "char", "paanch", "chhe", "saat", "aath", "nau", "das"},
                {"ایک", "دو", "تین", "چار", "پانچ", "چھ", "سات", "آٹھ", "نو", "دس"},
                {"واحد", "اثنين", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر"},
                {"एक", "दो", "तीन", "चार", "पांच", "छह", "सात", "आठ", "नौ", "दस"},
                {"uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"}};
        for (String[] list : lists) {
            for (int i = 0; i < list.length; i++) {
                words.put(Tokens.normalize(list[i]), i + 1);
            }
        }
        String[][] more = {{"twenty", "20"}, {"thirty", "30"}, {"fifty", "50"}, {"hundred", "100"}, {"bees", "20"},
                {"pachas", "50"}, {"sau", "100"}, {"بیس", "20"}, {"پچاس", "50"}, {"سو", "100"}, {"عشرين", "20"},
                {"خمسين", "50"}, {"مئه", "100"}, {"مائه", "100"}, {"ثلاثه", "3"}, {"اربعه", "4"}, {"خمسه", "5"},
                {"عشره", "10"}, {"बीस", "20"}, {"पचास", "50"}, {"सौ", "100"}, {"पाँच", "5"}, {"veinte", "20"},
                {"cincuenta", "50"}, {"cien", "100"}, {"una", "1"}, {"panch", "5"}};
        for (String[] pair : more) {
            words.put(Tokens.normalize(pair[0]), Integer.parseInt(pair[1]));
        }
        return words;
    }
}
