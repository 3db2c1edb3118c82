package io.leadflow.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * A lead as the API shows it, with the seed's snake_case names. The same JSON is a list item of
 * {@code GET /api/leads}, an event of the live stream, and the lead on {@link Topics#SCORED}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LeadView(
        long id,
        String userName,
        String userEmail,
        String userPhone,
        Channel channel,
        String message,
        Intent intent,
        Urgency urgency,
        int score,
        Quality quality,
        LeadStatus status,
        int messageCount,
        Instant createdAt,
        Instant lastMessageAt,
        boolean exported) {
}
