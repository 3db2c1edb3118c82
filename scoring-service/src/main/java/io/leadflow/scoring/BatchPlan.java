package io.leadflow.scoring;

import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.model.Contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every write a batch of new messages needs, collapsed to one row per lead, so each table gets one multi-row
 * statement (PostgreSQL refuses to update one row twice in one statement).
 *
 * @param inserts    leads that did not exist
 * @param updates    stored leads with their new state
 * @param merges     stored leads that turned out to be the same person as an older one
 * @param messages   each new message with the lead it joins
 * @param identities sender identifiers no lead owned yet, now owned by the lead they came with
 * @param written    phones and emails written in the new messages that their lead does not hold: suggestions
 * @param names      the names each lead was seen under
 * @param leadOf     the lead each new message joined
 */
public record BatchPlan(List<LeadRow> inserts, List<LeadRow> updates, List<Merge> merges, List<MessageRow> messages,
                        List<IdentityRow> identities, List<WrittenRow> written, List<NameRow> names,
                        Map<MessageKey, Long> leadOf) {

    /** A lead's columns as scoring writes them (never status, notes, owner or exported). */
    public record LeadRow(long id, Contact contact, Channel channel, String message, Intent intent, Urgency urgency,
                          ScoreBreakdown breakdown, Instant createdAt, Instant lastMessageAt, int messageCount,
                          String leadKey) {
    }

    /** The younger lead {@code mergedId} becomes part of the older {@code intoId}, because of message {@code cause}. */
    public record Merge(long mergedId, long intoId, MessageKey cause) {
    }

    public record MessageRow(LeadAnalyzed event, long leadId) {
    }

    public record IdentityRow(Identity identity, long leadId) {
    }

    /** An identifier lead {@code leadId} wrote in message {@code message} (the first one it did in the batch). */
    public record WrittenRow(long leadId, Identity identity, MessageKey message) {
    }

    public record NameRow(long leadId, String name, Channel channel, Instant firstSeenAt) {
    }
}
