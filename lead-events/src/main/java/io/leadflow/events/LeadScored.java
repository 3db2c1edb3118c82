package io.leadflow.events;

import java.time.Instant;

/**
 * The record on {@link Topics#SCORED}: the lead after a message was scored, keyed by the lead key.
 *
 * @param messageId      the message that caused it, so ingest can answer a waiting webhook
 * @param leadKey        the contact identity of that message
 * @param channel        the channel of that message
 * @param receivedAt     when that message was received
 * @param lead           the lead as the API shows it
 * @param scoreBreakdown why the lead has its score
 */
public record LeadScored(
        String messageId,
        String leadKey,
        Channel channel,
        Instant receivedAt,
        LeadView lead,
        ScoreBreakdown scoreBreakdown) {
}
