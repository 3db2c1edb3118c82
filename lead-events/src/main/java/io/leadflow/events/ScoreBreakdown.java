package io.leadflow.events;

import java.util.List;

/**
 * Why a lead has its score: the points of each factor with the evidence behind them.
 *
 * @param score   the total, 0–100
 * @param quality the grade the total earns
 * @param factors each factor's points, in the model's order
 */
public record ScoreBreakdown(int score, Quality quality, List<Factor> factors) {

    public ScoreBreakdown {
        factors = factors == null ? List.of() : List.copyOf(factors);
    }

    /**
     * One factor of the model.
     *
     * @param name     intent, urgency, contact_quality, channel, data_quality, message_length, bonus, decay…
     * @param points   what it contributed (negative for decay)
     * @param max      the most it can contribute
     * @param evidence what earned the points, e.g. "valid phone", "Buy intent from mistral, confidence 92"
     */
    public record Factor(String name, int points, int max, String evidence) {
    }
}
