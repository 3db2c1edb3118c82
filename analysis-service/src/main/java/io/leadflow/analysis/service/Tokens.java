package io.leadflow.analysis.service;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A text as the offline rules read it: normalized (see {@link #normalize}) and cut into word tokens, each tagged with
 * its clause (commas, full stops and question marks end a clause, so a "no," does not negate what follows it).
 * Arabic-script tokens also carry their forms without a leading conjunction or article (و, ف, ب, ل, ال, بال…).
 */
final class Tokens {

    private static final Pattern CLAUSE_END = Pattern.compile(
            "[;:!?\\n\\r\\u060C\\u061B\\u061F\\u06D4\\u0964]+|(?<!\\d)[.,]+|[.,]+(?!\\d)");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");
    private static final String[] ARABIC_ARTICLES = {"وال", "فال", "بال", "كال", "لل", "ال"};

    private final List<String> words = new ArrayList<>();
    private final List<Integer> clauses = new ArrayList<>();
    private final List<List<String>> variants = new ArrayList<>();

    private Tokens(String normalized) {
        int clause = 0;
        for (String part : CLAUSE_END.split(normalized)) {
            for (String word : NOT_WORD.split(part)) {
                if (!word.isEmpty()) {
                    words.add(word);
                    clauses.add(clause);
                    variants.add(variantsOf(word));
                }
            }
            clause++;
        }
    }

    static Tokens of(String text) {
        return new Tokens(normalize(text));
    }

    /** Tokens of a text already passed through {@link #normalize}. */
    static Tokens ofNormalized(String normalized) {
        return new Tokens(normalized);
    }

    /**
     * Lower case; every script's decimal digits (Arabic-Indic, Persian, Devanagari, Bengali, Thai, fullwidth…) as ASCII,
     * so the rules' {@code \d} (any Unicode digit under {@code (?U)}) only ever sees digits {@code BigDecimal} and
     * {@code Long.parseLong} read alike; Latin accents, Arabic diacritics and the
     * tatweel removed; the Arabic letter forms that Arabic and Urdu keyboards type differently made one (أ إ آ → ا,
     * ى ی ئ → ي, ک → ك, ة ہ ۃ → ه, ؤ → و); apostrophes dropped, so "don't" reads "dont".
     */
    static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if ((c >= '\u0300' && c <= '\u036F') || (c >= '\u064B' && c <= '\u065F') || c == '\u0670' || c == '\u0640'
                    || c == '\'' || c == '\u2019' || c == '`' || c == '\u00B4') {
                continue;
            }
            if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(c, 10)));
            } else if (Character.isBmpCodePoint(c)) {
                out.append(unify((char) c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static char unify(char c) {
        switch (c) {
            case '\u0623': case '\u0625': case '\u0622': case '\u0671':
                return '\u0627';
            case '\u0649': case '\u06CC': case '\u0626':
                return '\u064A';
            case '\u06A9':
                return '\u0643';
            case '\u0629': case '\u06C1': case '\u06C3':
                return '\u0647';
            case '\u0624':
                return '\u0648';
            default:
                return c;
        }
    }

    private static List<String> variantsOf(String word) {
        List<String> forms = new ArrayList<>(3);
        forms.add(word);
        char first = word.charAt(0);
        if (first < '\u0600' || first > '\u06FF' || word.length() < 3) {
            return forms;
        }
        if ((first == '\u0648' || first == '\u0641') && word.length() > 3) {
            forms.add(word.substring(1));
        }
        for (int i = 0, n = forms.size(); i < n; i++) {
            String form = forms.get(i);
            for (String article : ARABIC_ARTICLES) {
                if (form.startsWith(article) && form.length() - article.length() >= 2) {
                    forms.add(form.substring(article.length()));
                    break;
                }
            }
        }
        if ((first == '\u0628' || first == '\u0644') && word.length() > 4) {
            forms.add(word.substring(1));
        }
        return forms;
    }

    int size() {
        return words.size();
    }

    String word(int index) {
        return words.get(index);
    }

    int clause(int index) {
        return clauses.get(index);
    }

    List<String> variants(int index) {
        return variants.get(index);
    }
}
