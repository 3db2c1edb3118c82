package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;

import java.time.Instant;

/**
 * One analysed message of a conversation, as far as scoring is concerned.
 *
 * @param receivedAt when ingest received the message
 * @param length     the message's length in characters
 */
public record Signal(Instant receivedAt, Channel channel, Intent intent, Urgency urgency, int confidence, String provider,
                     int length, Analysis.ExtractedData extracted) {

    public Signal {
        extracted = extracted == null ? Analysis.ExtractedData.NONE : extracted;
    }
}
