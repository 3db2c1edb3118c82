package io.leadflow.analysis.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline analyzer's words and phrases ({@code offline-lexicon.txt}), grouped in sections (intent, urgency,
 * sentiment, product, location, unit, negators), and the matching of a section against a text's tokens: whole
 * tokens only, the longest phrase at each position.
 */
final class Lexicon {

    /** One phrase: evidence for {@code name} (an intent, an urgency, a product…) worth {@code weight}. */
    record Entry(String section, String name, String group, int weight, String[] tokens) {
    }

    /** The phrase found at tokens [start, end) and every entry it is. */
    record Match(int start, int end, List<Entry> entries) {
    }

    private final Map<String, Section> sections = new HashMap<>();

    static Lexicon load(String resource) {
        Lexicon lexicon = new Lexicon();
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String section = null;
            String name = null;
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@")) {
                    String[] header = line.substring(1).split("\\s+", 2);
                    section = header[0];
                    name = header.length > 1 ? header[1] : section;
                    continue;
                }
                if (section == null) {
                    throw new IllegalStateException(resource + ": a phrase before any @section: " + line);
                }
                lexicon.add(section, name, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lexicon;
    }

    private void add(String section, String group, String line) {
        int weight = 1;
        String entryName = group;
        String phrases = line;
        int space = line.indexOf(' ');
        if (space > 0 && line.substring(0, space).chars().allMatch(Character::isDigit)) {
            weight = Integer.parseInt(line.substring(0, space));
            phrases = line.substring(space + 1);
        } else if (("product".equals(section) || "location".equals(section)) && line.contains(":")) {
            entryName = line.substring(0, line.indexOf(':')).strip();
            phrases = line.substring(line.indexOf(':') + 1);
        }
        Section target = sections.computeIfAbsent(section, s -> new Section());
        for (String phrase : phrases.split("\\|")) {
            String[] tokens = Tokens.normalize(phrase).strip().split("[^\\p{L}\\p{M}\\p{N}*]+");
            if (tokens.length == 0 || tokens[0].isEmpty()) {
                continue;
            }
            target.add(new Entry(section, entryName, group, weight, tokens));
        }
    }

    /** Every phrase of a section in the text, longest first at each position, none overlapping. */
    List<Match> find(String section, Tokens text) {
        Section entries = sections.get(section);
        List<Match> matches = new ArrayList<>();
        if (entries == null) {
            return matches;
        }
        int i = 0;
        while (i < text.size()) {
            Match best = entries.longestAt(text, i);
            if (best == null) {
                i++;
            } else {
                matches.add(best);
                i = best.end();
            }
        }
        return matches;
    }

    /** Whether a single token is one of a section's one-word phrases (units, number words…). */
    boolean contains(String section, Tokens text, int index) {
        Section entries = sections.get(section);
        if (entries == null) {
            return false;
        }
        Match match = entries.longestAt(text, index);
        return match != null;
    }

    private static final class Section {
        private final Map<String, List<Entry>> byFirstToken = new HashMap<>();
        private final List<Entry> byPrefix = new ArrayList<>();
        private final Map<String, Entry> seen = new LinkedHashMap<>();

        void add(Entry entry) {
            String key = entry.name() + "\u0000" + String.join(" ", entry.tokens());
            Entry earlier = seen.get(key);
            if (earlier != null && earlier.weight() >= entry.weight()) {
                return;
            }
            if (earlier != null) {
                remove(earlier);
            }
            seen.put(key, entry);
            String first = entry.tokens()[0];
            if (first.endsWith("*")) {
                byPrefix.add(entry);
            } else {
                byFirstToken.computeIfAbsent(first, k -> new ArrayList<>()).add(entry);
            }
        }

        private void remove(Entry entry) {
            byPrefix.remove(entry);
            List<Entry> list = byFirstToken.get(entry.tokens()[0]);
            if (list != null) {
                list.remove(entry);
            }
        }

        Match longestAt(Tokens text, int start) {
            Best best = new Best();
            byPrefix.forEach(entry -> best.consider(entry, text, start));
            for (String form : text.variants(start)) {
                for (Entry entry : byFirstToken.getOrDefault(form, List.of())) {
                    best.consider(entry, text, start);
                }
            }
            return best.entries.isEmpty() ? null : new Match(start, start + best.length, List.copyOf(best.entries));
        }

        /** The longest entries matching at a position, one per name, in the order they were considered. */
        private static final class Best {
            private int length;
            private final List<Entry> entries = new ArrayList<>(2);

            void consider(Entry entry, Tokens text, int start) {
                int candidate = entry.tokens().length;
                if (candidate < length || !matchesAt(entry, text, start)) {
                    return;
                }
                if (candidate > length) {
                    length = candidate;
                    entries.clear();
                }
                for (Entry kept : entries) {
                    if (kept.name().equals(entry.name())) {
                        return;
                    }
                }
                entries.add(entry);
            }
        }

        private static boolean matchesAt(Entry entry, Tokens text, int start) {
            String[] tokens = entry.tokens();
            if (start + tokens.length > text.size()) {
                return false;
            }
            for (int k = 0; k < tokens.length; k++) {
                int at = start + k;
                if (text.clause(at) != text.clause(start) || !matchesToken(tokens[k], text.variants(at))) {
                    return false;
                }
            }
            return true;
        }

        private static boolean matchesToken(String pattern, List<String> forms) {
            if (pattern.endsWith("*")) {
                int prefixLength = pattern.length() - 1;
                for (String form : forms) {
                    if (form.regionMatches(0, pattern, 0, prefixLength)) {
                        return true;
                    }
                }
                return false;
            }
            return forms.contains(pattern);
        }
    }
}
