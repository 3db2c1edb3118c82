package io.leadflow.scoring.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;

/**
 * What the model scores: the lead's contact details as known after this message, and the message's analysis.
 *
 * @param confidence the analysis confidence, 0–100 (clamped by the engine)
 * @param provider   who analysed it, for the evidence
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
        int messageLength) {
}
