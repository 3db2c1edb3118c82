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
 * One lead as a share link shows it: the list item's fields, the score breakdown and the conversation. What stays
 * inside the team is left out: salespeople's notes and activity, the analyses' raw output, possible duplicates
 * (other people's contacts) and attachments.
 */
public record SharedLead(@JsonUnwrapped LeadView lead,
                         @JsonProperty("score_breakdown") @JsonRawValue String scoreBreakdown,
                         List<Message> messages) {

    /** A message of the conversation, as the customer wrote it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Message(long id, String channel, String text, String subject, Instant createdAt) {
    }
}
