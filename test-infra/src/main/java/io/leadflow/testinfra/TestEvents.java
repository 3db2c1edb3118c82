package io.leadflow.testinfra;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;

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
                Instant.now(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", null, name, phone, email, null,
                text, text, null, List.of(), null, new LeadMessage.ClientInfo("127.0.0.1", "test"), Map.of());
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
