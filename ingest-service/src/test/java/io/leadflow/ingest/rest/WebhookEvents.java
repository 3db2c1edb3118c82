package io.leadflow.ingest.rest;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.ingest.service.MessageIds;
import io.leadflow.testinfra.TopicReader;
import io.restassured.RestAssured;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What webhook tests read back: the events on lead.messages.v1, and the webhook metrics. */
final class WebhookEvents {

    static final Duration KAFKA_WAIT = Duration.ofSeconds(20);
    /** How long a test watches the topic to see that nothing arrives. */
    static final Duration QUIET = Duration.ofSeconds(2);
    /** What an event is compared without: what differs with each request. */
    static final String[] PER_REQUEST = {"receivedAt", "client"};

    private WebhookEvents() {
    }

    /** The event published for a message id. */
    static LeadMessage await(TopicReader messages, String messageId) {
        return EventJson.read(messages.await(r -> r.value().contains("\"messageId\":\"" + messageId + "\""), KAFKA_WAIT).value(),
                LeadMessage.class);
    }

    /** The events published for message ids, in their order. */
    static List<LeadMessage> awaitAll(TopicReader messages, List<String> messageIds) {
        return messageIds.stream().map(id -> await(messages, id)).toList();
    }

    /**
     * A urlencoded form body as RestAssured posts it: a string (it refuses bytes for form content types); the body
     * is ASCII, so its bytes are what a platform sends.
     */
    static String form(byte[] urlEncoded) {
        return new String(urlEncoded, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static String rawPayloadRef(byte[] body) {
        return "sha256:" + MessageIds.sha256Hex(body);
    }

    /** A fresh suffix, so one test's platform ids are not another's (the service remembers accepted ids). */
    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The current value of {@code leadflow_webhooks_total{channel,outcome}}. */
    static double webhooksTotal(String channel, String outcome) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^leadflow_webhooks_total\\{(?=[^}]*channel=\"" + channel + "\")(?=[^}]*outcome=\""
                + outcome + "\")[^}]*} ([0-9.eE+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
