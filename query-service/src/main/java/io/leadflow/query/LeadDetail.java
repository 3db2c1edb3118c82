package io.leadflow.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.leadflow.events.LeadView;

import java.time.Instant;
import java.util.List;

/**
 * One lead with everything behind it ({@code GET /api/leads/{id}}): the list item's fields, then the note, the
 * score breakdown, the conversation, its analyses, what salespeople did and the leads that may be the same person,
 * each oldest first.
 */
public record LeadDetail(
        @JsonUnwrapped LeadView lead,
        String notes,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("score_breakdown") @JsonRawValue String scoreBreakdown,
        List<Message> messages,
        List<Analysis> analyses,
        List<Activity> activity,
        @JsonProperty("possible_duplicates") List<PossibleDuplicate> possibleDuplicates) {

    /** A message of the conversation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Message(long id, String channel, String text, String originalText, String subject,
                          @JsonRawValue String attachments, Instant createdAt) {
    }

    /** What one message was understood to say, and by which provider. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Analysis(long messageId, String intent, String urgency, String category, String sentiment,
                           int confidence, String language, @JsonRawValue String extractedData, String provider,
                           @JsonRawValue String attempts, Integer latencyMs, int inputTokens, int outputTokens,
                           Instant createdAt) {
    }

    /**
     * Another lead that may be the same person, for a user to confirm: one of the two wrote, inside a message, a
     * phone or email the other holds as its sender's own. Never merged automatically (anyone can write anyone's
     * number).
     *
     * @param leadId    the other lead
     * @param matchedOn phone or email
     * @param value     the phone (E.164) or email they share, shown in full like the lead's own contact fields
     * @param foundIn   {@code this_lead} when this lead's messages wrote the other's identifier, {@code other_lead}
     *                  when the other lead's messages wrote this lead's
     * @param foundAt   when scoring first found it written
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PossibleDuplicate(long leadId, String userName, String matchedOn, String value, String foundIn,
                                    Instant foundAt) {
    }

    /** A status change or a note. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Activity(String statusFrom, String statusTo, String note, Instant createdAt) {
    }
}
