package io.leadflow.scoring;

import io.leadflow.events.Channel;
import io.leadflow.scoring.model.Contact;

import java.time.Instant;

/**
 * A lead as stored, locked for this transaction: what a batch of new messages builds on.
 *
 * @param channel       the channel of its latest message
 * @param message       its latest message's text
 * @param createdAt     when its first message was received
 * @param lastMessageAt when its latest message was received
 * @param leadKey       the contact identity of its first message
 */
public record StoredLead(long id, Contact contact, Channel channel, String message, Instant createdAt,
                         Instant lastMessageAt, int messageCount, String leadKey) {
}
