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
 * score breakdown, the conversation, its analyses and what salespeople did, each oldest first.
 */
public record LeadDetail(
        @JsonUnwrapped LeadView lead,
        String notes,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("score_breakdown") @JsonRawValue String scoreBreakdown,
        List<Message> messages,
        List<Analysis> analyses,
        List<Activity> activity) {

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

    /** A status change or a note. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Activity(String statusFrom, String statusTo, String note, Instant createdAt) {
    }
}
