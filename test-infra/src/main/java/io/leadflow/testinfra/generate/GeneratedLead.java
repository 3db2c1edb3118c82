package io.leadflow.testinfra.generate;

import java.time.Instant;
import java.util.List;

/**
 * One generated lead with its conversation, as the schema stores it.
 *
 * @param scoredAt when its breakdown was computed: the end of the generated timeline
 */
record GeneratedLead(long id, String name, String email, String phone, String channel, String intent, String urgency,
                     int score, String quality, String status, boolean exported, Instant createdAt,
                     Instant lastMessageAt, Instant updatedAt, Instant scoredAt, String breakdownJson, String leadKey,
                     List<Message> messages, List<String[]> identities) {

    /** The latest message's text: what {@code leads.message} holds. */
    String lastText() {
        return messages.get(messages.size() - 1).text();
    }

    /** One message and its analysis. */
    record Message(String channel, String externalId, String text, Instant at, String metadataJson, String intent,
                   String urgency, String category, String sentiment, int confidence, String language,
                   String extractedJson, String provider, String attemptsJson, int latencyMs, int inputTokens,
                   int outputTokens) {
    }
}
