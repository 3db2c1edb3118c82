package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;

import java.time.Duration;

/**
 * What the model scores: the lead's contact details and the strongest signals of its recent conversation
 * (see {@link Conversation}).
 *
 * @param intent        the strongest recent intent
 * @param urgency       the strongest recent urgency
 * @param confidence    the confidence of the analysis that found the intent, 0–100 (clamped by the engine)
 * @param provider      who found the intent, for the evidence
 * @param channel       the best channel the person recently wrote from
 * @param name          the lead's name, or null
 * @param phone         the lead's E.164 phone, or null
 * @param email         the lead's email, or null
 * @param extracted     what the recent messages told about the need (product, quantity, budget, location)
 * @param messageLength the length of the longest recent message, in characters
 * @param quietFor      how long ago the latest message was received (zero or negative: just now)
 */
public record ScoringInput(
        Intent intent,
        Urgency urgency,
        int confidence,
        String provider,
        Channel channel,
        String name,
        String phone,
        String email,
        Analysis.ExtractedData extracted,
        int messageLength,
        Duration quietFor) {

    public ScoringInput {
        extracted = extracted == null ? Analysis.ExtractedData.NONE : extracted;
        quietFor = quietFor == null ? Duration.ZERO : quietFor;
    }
}
