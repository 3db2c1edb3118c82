package io.leadflow.testinfra;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Events as the services produce them, for tests that play a neighbouring service's part. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A message as ingest publishes it, with a fresh message id. */
    public static LeadMessage message(Channel channel, String name, String phone, String email, String text) {
        return new LeadMessage("test-" + UUID.randomUUID(), LeadMessage.leadKeyOf(phone, email, channel, null), channel,
                Instant.now(), null, name, phone, email, null,
                text, text, null, List.of(), null, new LeadMessage.ClientInfo("127.0.0.1", "test"), Map.of());
    }

    /**
     * The message as JSON padded (in its metadata, which no service reads) to exactly {@code bytes} bytes: near
     * {@link io.leadflow.events.Topics#MAX_RECORD_BYTES}, a message that fits its topic but whose analysis would not.
     */
    public static String paddedTo(LeadMessage message, int bytes) {
        String empty = EventJson.write(withMetadata(message, ""));
        String padded = EventJson.write(withMetadata(message, "x".repeat(bytes - empty.getBytes(StandardCharsets.UTF_8).length)));
        if (padded.getBytes(StandardCharsets.UTF_8).length != bytes) {
            throw new IllegalArgumentException("could not pad the message to " + bytes + " bytes");
        }
        return padded;
    }

    private static LeadMessage withMetadata(LeadMessage m, String padding) {
        return new LeadMessage(m.messageId(), m.leadKey(), m.channel(), m.receivedAt(), m.externalId(),
                m.senderName(), m.phone(), m.email(), m.platformUserId(), m.text(), m.originalText(), m.subject(),
                m.attachments(), m.rawPayloadRef(), m.client(), Map.of("padding", padding));
    }

    /** An analysis as the offline analyzer would give it. */
    public static Analysis analysis(Intent intent, Urgency urgency, int confidence) {
        return new Analysis(intent, urgency, "sales", Sentiment.NEUTRAL, confidence, "en", Analysis.ExtractedData.NONE,
                "offline", List.of(new Analysis.ProviderAttempt("offline", "ok", 1, null)), 1, Analysis.TokenUsage.NONE);
    }

    public static LeadAnalyzed analyzed(LeadMessage message, Analysis analysis) {
        return new LeadAnalyzed(message, analysis);
    }
}
