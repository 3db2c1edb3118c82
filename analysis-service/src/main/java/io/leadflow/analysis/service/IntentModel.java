package io.leadflow.analysis.service;

import io.leadflow.events.Intent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A multinomial Naive Bayes over word unigrams, bigrams and character 3–5-grams of the normalized text, learned at
 * start-up from the labelled examples in {@code offline-examples.tsv} (the dev part of the evaluation set). It does
 * not replace the rules: it adds a little evidence where the rules find few words, so wording the rules never saw
 * can still lean the right way.
 */
final class IntentModel {

    private static final double SMOOTHING = 0.5;

    private final Map<Intent, Map<String, Integer>> counts = new EnumMap<>(Intent.class);
    private final Map<Intent, Integer> totals = new EnumMap<>(Intent.class);
    private final Map<Intent, Integer> documents = new EnumMap<>(Intent.class);
    private final Set<String> vocabulary = new HashSet<>();
    private int allDocuments;

    static IntentModel load(String resource) {
        IntentModel model = new IntentModel();
        try (InputStream in = IntentModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String[] columns = line.split("\t", 4);
                if (line.startsWith("#") || columns.length < 4) {
                    continue;
                }
                Intent.fromLabel(columns[1]).ifPresent(intent -> model.learn(intent, columns[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    private void learn(Intent intent, String text) {
        Map<String, Integer> own = counts.computeIfAbsent(intent, k -> new HashMap<>());
        for (String feature : features(text)) {
            own.merge(feature, 1, Integer::sum);
            totals.merge(intent, 1, Integer::sum);
            vocabulary.add(feature);
        }
        documents.merge(intent, 1, Integer::sum);
        allDocuments++;
    }

    /** The probability of each intent given the text (they sum to 1). */
    Map<Intent, Double> probabilities(String text) {
        List<String> features = features(text);
        Map<Intent, Double> logs = new EnumMap<>(Intent.class);
        double max = Double.NEGATIVE_INFINITY;
        for (Intent intent : Intent.values()) {
            Map<String, Integer> own = counts.getOrDefault(intent, Map.of());
            double denominator = totals.getOrDefault(intent, 0) + SMOOTHING * vocabulary.size();
            double log = Math.log((documents.getOrDefault(intent, 0) + 1.0) / (allDocuments + Intent.values().length));
            for (String feature : features) {
                if (vocabulary.contains(feature)) {
                    log += Math.log((own.getOrDefault(feature, 0) + SMOOTHING) / denominator);
                }
            }
            logs.put(intent, log);
            max = Math.max(max, log);
        }
        double sum = 0;
        Map<Intent, Double> probabilities = new EnumMap<>(Intent.class);
        for (Map.Entry<Intent, Double> entry : logs.entrySet()) {
            double p = Math.exp(entry.getValue() - max);
            probabilities.put(entry.getKey(), p);
            sum += p;
        }
        for (Intent intent : Intent.values()) {
            probabilities.put(intent, probabilities.get(intent) / sum);
        }
        return probabilities;
    }

    private static List<String> features(String text) {
        Tokens tokens = Tokens.of(text);
        List<String> features = new ArrayList<>();
        String previous = "<s>";
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.word(i);
            features.add("w:" + word);
            features.add("b:" + previous + " " + word);
            previous = word;
            String padded = "<" + word + ">";
            for (int n = 3; n <= 5; n++) {
                for (int start = 0; start + n <= padded.length(); start++) {
                    features.add("c:" + padded.substring(start, start + n));
                }
            }
        }
        return features;
    }
}
