package io.leadflow.events;

import java.time.Instant;

/**
 * The record on {@link Topics#UPDATED}: a salesperson changed a lead (its status, a note), keyed by the lead key,
 * so every live view shows the change.
 *
 * @param messageId   the idempotency key of this change
 * @param leadKey     the lead's contact identity (the key of its records on every topic)
 * @param channel     the lead's channel
 * @param receivedAt  when the change was made
 * @param lead        the lead as the API shows it after the change
 * @param statusFrom  the status before the change
 * @param note        the note written with the change, or null
 */
public record LeadUpdated(
        String messageId,
        String leadKey,
        Channel channel,
        Instant receivedAt,
        LeadView lead,
        LeadStatus statusFrom,
        String note) {
}
