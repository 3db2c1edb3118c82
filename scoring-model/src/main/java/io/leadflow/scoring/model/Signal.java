package io.leadflow.scoring.model;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.Urgency;

import java.time.Instant;

/**
 * One analysed message of a conversation, as far as scoring is concerned.
 *
 * @param receivedAt when ingest received the message
 * @param length     the message's length in characters (code points)
 */
public record Signal(Instant receivedAt, Channel channel, Intent intent, Urgency urgency, int confidence, String provider,
                     int length, Analysis.ExtractedData extracted) {

    public Signal {
        extracted = extracted == null ? Analysis.ExtractedData.NONE : extracted;
    }

    /** An analysed message as a signal of its conversation. */
    public static Signal of(LeadAnalyzed event) {
        Analysis analysis = event.analysis();
        return of(event.message().receivedAt(), event.message().channel(), analysis.intent(), analysis.urgency(),
                analysis.confidence(), analysis.provider(), event.message().text(), analysis.extracted());
    }

    /**
     * A message as a signal of its conversation: its text counts by its length, its confidence is kept to 0–100.
     *
     * @param text the text as analysed (the processed text, not the original)
     */
    public static Signal of(Instant receivedAt, Channel channel, Intent intent, Urgency urgency, int confidence,
                            String provider, String text, Analysis.ExtractedData extracted) {
        return new Signal(receivedAt, channel, intent, urgency, Math.max(0, Math.min(100, confidence)), provider,
                text.codePointCount(0, text.length()), extracted);
    }
}
