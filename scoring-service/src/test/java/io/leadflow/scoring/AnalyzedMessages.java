package io.leadflow.scoring;

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

/** Analysed messages as analysis-service publishes them, built one field at a time for scoring's tests. */
public final class AnalyzedMessages {

    private final Channel channel;
    private String messageId = "test-" + UUID.randomUUID();
    private String name;
    private String phone;
    private String email;
    private String platformUserId;
    private String text = "Hello";
    private Instant receivedAt = Instant.now();
    private Intent intent = Intent.QUESTION;
    private Urgency urgency = Urgency.LOW;
    private int confidence = 80;
    private Analysis.ExtractedData extracted = Analysis.ExtractedData.NONE;

    private AnalyzedMessages(Channel channel) {
        this.channel = channel;
    }

    public static AnalyzedMessages on(Channel channel) {
        return new AnalyzedMessages(channel);
    }

    /** A phone number no other test uses. */
    public static String uniquePhone() {
        return "+92300" + String.format("%07d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L));
    }

    /** An email address no other test uses. */
    public static String uniqueEmail(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public AnalyzedMessages from(String name, String phone, String email) {
        this.name = name;
        this.phone = phone;
        this.email = email;
        return this;
    }

    public AnalyzedMessages platformUser(String id) {
        this.platformUserId = id;
        return this;
    }

    public AnalyzedMessages says(String text, Intent intent, Urgency urgency) {
        this.text = text;
        this.intent = intent;
        this.urgency = urgency;
        return this;
    }

    public AnalyzedMessages confidence(int confidence) {
        this.confidence = confidence;
        return this;
    }

    public AnalyzedMessages extracted(Analysis.ExtractedData extracted) {
        this.extracted = extracted;
        return this;
    }

    public AnalyzedMessages receivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    public AnalyzedMessages id(String messageId) {
        this.messageId = messageId;
        return this;
    }

    public LeadAnalyzed build() {
        LeadMessage message = new LeadMessage(messageId, LeadMessage.leadKeyOf(phone, email, channel, platformUserId), channel,
                receivedAt, null, name, phone, email,
                platformUserId, text, text, null, List.of(), null, new LeadMessage.ClientInfo("127.0.0.1", "test"), Map.of());
        Analysis analysis = new Analysis(intent, urgency, "sales", Sentiment.NEUTRAL, confidence, "en", extracted, "offline",
                List.of(new Analysis.ProviderAttempt("offline", "ok", 1, null)), 1, Analysis.TokenUsage.NONE);
        return new LeadAnalyzed(message, analysis);
    }
}
