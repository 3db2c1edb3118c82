package io.leadflow.scoring.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scoring model as plain values, checked when built: weights that can score (none negative, together at
 * most 100), thresholds in order, a window and a decay that make sense. A model that fails the check names every
 * key at fault, so a bad configuration stops the service at start instead of scoring nonsense.
 */
public record ScoringModel(Weights weights, int hotThreshold, int warmThreshold, Duration conversationWindow, Decay decay) {

    /** The model of the defaults of {@code leadflow.scoring.*}. */
    public static final ScoringModel DEFAULTS = new ScoringModel(
            new Weights(Defaults.INTENT, Defaults.URGENCY, Defaults.CONTACT_QUALITY, Defaults.CHANNEL,
                    Defaults.DATA_QUALITY, Defaults.MESSAGE_LENGTH, Defaults.BONUS),
            Defaults.HOT_THRESHOLD, Defaults.WARM_THRESHOLD, Duration.ofDays(Defaults.CONVERSATION_WINDOW_DAYS),
            new Decay(Duration.ofDays(Defaults.DECAY_GRACE_DAYS), Defaults.DECAY_POINTS_PER_WEEK, Defaults.DECAY_MAX_POINTS));

    /**
     * The default of each key of {@code leadflow.scoring.*} that the model holds, written only here: scoring-service's
     * configuration mapping takes its {@code @WithDefault}s from these constants, and code without configuration (tests,
     * the lead generator) uses {@link #DEFAULTS}.
     */
    public static final class Defaults {
        public static final int INTENT = 30;
        public static final int URGENCY = 20;
        public static final int CONTACT_QUALITY = 15;
        public static final int CHANNEL = 10;
        public static final int DATA_QUALITY = 10;
        public static final int MESSAGE_LENGTH = 5;
        public static final int BONUS = 10;
        public static final int HOT_THRESHOLD = 60;
        public static final int WARM_THRESHOLD = 40;
        public static final int CONVERSATION_WINDOW_DAYS = 30;
        public static final int DECAY_GRACE_DAYS = 7;
        public static final int DECAY_POINTS_PER_WEEK = 10;
        public static final int DECAY_MAX_POINTS = 50;

        private Defaults() {
        }
    }

    public ScoringModel {
        List<String> problems = new ArrayList<>(weights.problems());
        if (weights.sum() > 100) {
            problems.add("leadflow.scoring.weights.* add up to " + weights.sum() + ", more than 100");
        }
        if (warmThreshold < 0 || hotThreshold > 100 || warmThreshold >= hotThreshold) {
            problems.add("need 0 <= leadflow.scoring.warm-threshold (" + warmThreshold
                    + ") < leadflow.scoring.hot-threshold (" + hotThreshold + ") <= 100");
        }
        if (conversationWindow.isNegative() || conversationWindow.isZero()) {
            problems.add("leadflow.scoring.conversation.window must be positive, is " + conversationWindow);
        }
        problems.addAll(decay.problems());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("The scoring model is not valid: " + String.join("; ", problems));
        }
    }

    /** The most points each factor can give. */
    public record Weights(int intent, int urgency, int contactQuality, int channel, int dataQuality, int messageLength,
                          int bonus) {

        public int sum() {
            return intent + urgency + contactQuality + channel + dataQuality + messageLength + bonus;
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            negative(problems, "intent", intent);
            negative(problems, "urgency", urgency);
            negative(problems, "contact-quality", contactQuality);
            negative(problems, "channel", channel);
            negative(problems, "data-quality", dataQuality);
            negative(problems, "message-length", messageLength);
            negative(problems, "bonus", bonus);
            return problems;
        }

        private static void negative(List<String> problems, String key, int weight) {
            if (weight < 0) {
                problems.add("leadflow.scoring.weights." + key + " must not be negative, is " + weight);
            }
        }
    }

    /**
     * How silence cools a lead down.
     *
     * @param grace         how long a lead may stay quiet without losing points
     * @param pointsPerWeek points lost per week of silence after the grace, counted per whole day
     * @param maxPoints     the most points silence takes away
     */
    public record Decay(Duration grace, int pointsPerWeek, int maxPoints) {

        /** How long after its last message a lead has lost all it can lose; nothing changes after that. */
        public Duration fullyDecayedAfter() {
            if (pointsPerWeek == 0 || maxPoints == 0) {
                return grace;
            }
            long days = (maxPoints * 7L + pointsPerWeek - 1) / pointsPerWeek;
            return grace.plusDays(days);
        }

        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (grace.isNegative()) {
                problems.add("leadflow.scoring.decay.grace must not be negative, is " + grace);
            }
            if (pointsPerWeek < 0) {
                problems.add("leadflow.scoring.decay.points-per-week must not be negative, is " + pointsPerWeek);
            }
            if (maxPoints < 0 || maxPoints > 100) {
                problems.add("leadflow.scoring.decay.max-points must be between 0 and 100, is " + maxPoints);
            }
            return problems;
        }
    }
}
