package io.leadflow.analysis.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline analyzer is the last link of the chain: whatever a customer types, in any script, it answers. A text
 * it cannot read would otherwise stop analysis for every lead (its batch fails again after every restart).
 */
class OfflineAnalyzerUnicodeTest {

    private static final OfflineAnalyzer ANALYZER = new OfflineAnalyzer("PK");
    /** The zero of every script's decimal digits, Bengali, Thai, fullwidth and the supplementary planes' included. */
    private static final List<Integer> ZEROS = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
            .filter(c -> Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER && Character.digit(c, 10) == 0)
            .boxed().toList();
    private static final String[] SEPARATORS = {",", ".", "\u066B", "\u066C", " ", "\u00A0", "\u202F", "'", "\u2019",
            "-", "/", ":", "%", "\u060C", "\u3001", "\u0964"};
    private static final String[] WORDS = {"budget", "rs", "rs.", "pkr", "$", "\u20B9", "\u20AC", "lakh", "k", "crore",
            "hazar", "\u092C\u091C\u091F", "\u0628\u062C\u0679", "\u0645\u064A\u0632\u0627\u0646\u064A\u0647", "rupees",
            "at", "pm", "baje", "call me", "+92", "0300", "@", "x.io", "i want to buy", "units", "price", "?", "only"};
    private static final String[] ODD = {"\uD83D\uDE00", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
            "\uD83C\uDDF5\uD83C\uDDF0", "\uD83D\uDC4D\uD83C\uDFFD", "\u2764\uFE0F", "\u0301", "\u064B", "\u200F", "\u200E",
            "\u200D", "\u200C", "\uD800", "\uDC00", "\u0000", "\u0007", "\n", "\t", "\uFEFF", "\uFFFD", "\u0640"};

    @Test
    void everyScriptsDigits_areTheBudgetTheyWrite() {
        assertThat(ZEROS).as("scripts with decimal digits").hasSizeGreaterThan(60);
        for (int zero : ZEROS) {
            String one = Character.toString(zero + 1);
            String nought = Character.toString(zero);
            String five = Character.toString(zero + 5);
            assertThat(ANALYZER.analyze("budget rs " + one + "," + nought.repeat(3)).extracted().budget())
                    .as("budget rs 1,000 in the digits of U+%04X", zero).isEqualTo("PKR 1000");
            assertThat(ANALYZER.analyze(five + nought.repeat(3) + " rupees tak ka phone chahiye").extracted().budget())
                    .as("5000 rupees in the digits of U+%04X", zero).isEqualTo("PKR 5000");
        }
    }

    @Test
    void theIssuesWebsitePost_isAnalysedWithItsBudget() {
        Analysis analysis = ANALYZER.analyze("budget rs \u09E7,\u09E6\u09E6\u09E6");

        assertThat(analysis.extracted().budget()).isEqualTo("PKR 1000");
        assertThat(analysis.confidence()).isPositive();
    }

    @Test
    void randomUnicode_isAlwaysAnsweredByTheRules() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            String text = randomText(random);
            Analysis analysis = ANALYZER.analyze(text);
            assertThat(analysis).as("seed %d, text %s", seed, codePoints(text)).isNotSameAs(OfflineAnalyzer.NOTHING_FOUND);
            assertThat(analysis.intent()).isNotNull();
            assertThat(analysis.confidence()).isBetween(0, 100);
        }
    }

    @Test
    void aRuleThatFails_isAnsweredWithNothingFound_notThrown() {
        OfflineAnalyzer broken = new OfflineAnalyzer("PK", "/lexicon-with-an-unknown-intent.txt");

        Analysis analysis = broken.analyze("this is a poison phrase");

        assertThat(analysis).isSameAs(OfflineAnalyzer.NOTHING_FOUND);
        assertThat(analysis.intent()).isEqualTo(Intent.OTHER);
        assertThat(analysis.confidence()).isZero();
        assertThat(broken.analyze("nothing the broken rule matches").confidence()).isPositive();
    }

    /** Fragments of every kind a hostile or merely unusual post holds, glued without regard for grammar. */
    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int fragments = 1 + random.nextInt(12);
        for (int f = 0; f < fragments; f++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    int zero = ZEROS.get(random.nextInt(ZEROS.size()));
                    for (int d = 1 + random.nextInt(8); d > 0; d--) {
                        text.appendCodePoint(zero + random.nextInt(10));
                        if (random.nextInt(4) == 0) {
                            text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                        }
                    }
                }
                case 1 -> text.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
                case 2 -> text.append(WORDS[random.nextInt(WORDS.length)]);
                case 3 -> text.append(ODD[random.nextInt(ODD.length)]);
                case 4 -> {
                    int codePoint = random.nextInt(Character.MAX_CODE_POINT + 1);
                    if (Character.isDefined(codePoint)) {
                        text.appendCodePoint(codePoint);
                    }
                }
                default -> text.append(' ');
            }
        }
        return text.toString();
    }

    private static List<String> codePoints(String text) {
        List<String> hex = new ArrayList<>();
        text.codePoints().forEach(c -> hex.add(String.format("U+%04X", c)));
        return hex;
    }
}
