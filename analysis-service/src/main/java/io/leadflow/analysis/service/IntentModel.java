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
    /** Per feature, its log-likelihood in each intent (Intent.ordinal()); filled once the examples are read. */
    private final Map<String, double[]> logLikelihoods = new HashMap<>();
    private final double[] logPriors = new double[Intent.values().length];

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
        model.precompute();
        return model;
    }

    private void precompute() {
        Intent[] intents = Intent.values();
        for (Intent intent : intents) {
            logPriors[intent.ordinal()] = Math.log((documents.getOrDefault(intent, 0) + 1.0) / (allDocuments + intents.length));
        }
        for (String feature : vocabulary) {
            double[] logs = new double[intents.length];
            for (Intent intent : intents) {
                double denominator = totals.getOrDefault(intent, 0) + SMOOTHING * vocabulary.size();
                int count = counts.getOrDefault(intent, Map.of()).getOrDefault(feature, 0);
                logs[intent.ordinal()] = Math.log((count + SMOOTHING) / denominator);
            }
            logLikelihoods.put(feature, logs);
        }
        counts.clear();
    }

    private void learn(Intent intent, String text) {
        Map<String, Integer> own = counts.computeIfAbsent(intent, k -> new HashMap<>());
        for (String feature : features(Tokens.of(text))) {
            own.merge(feature, 1, Integer::sum);
            totals.merge(intent, 1, Integer::sum);
            vocabulary.add(feature);
        }
        documents.merge(intent, 1, Integer::sum);
        allDocuments++;
    }

    /** The probability of each intent given the text (they sum to 1). */
    Map<Intent, Double> probabilities(Tokens tokens) {
        Intent[] intents = Intent.values();
        double[] logs = logPriors.clone();
        for (String feature : features(tokens)) {
            double[] likelihoods = logLikelihoods.get(feature);
            if (likelihoods != null) {
                for (int i = 0; i < logs.length; i++) {
                    logs[i] += likelihoods[i];
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double log : logs) {
            max = Math.max(max, log);
        }
        double sum = 0;
        double[] p = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            p[i] = Math.exp(logs[i] - max);
            sum += p[i];
        }
        Map<Intent, Double> probabilities = new EnumMap<>(Intent.class);
        for (Intent intent : intents) {
            probabilities.put(intent, p[intent.ordinal()] / sum);
        }
        return probabilities;
    }

    private static List<String> features(Tokens tokens) {
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
