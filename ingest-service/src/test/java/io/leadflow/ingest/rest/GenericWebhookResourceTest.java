package io.leadflow.ingest.rest;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@WithTestResource(LeadflowTestResource.class)
class GenericWebhookResourceTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(20);

    @Test
    void seedExample_isAcceptedAfterKafkaAndPublishedNormalized_inTheCallersTrace() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            String messageId = given().contentType(ContentType.JSON)
                    .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                    .body(Map.of("phone", "+92 300 1234567", "message", "I want to buy 3 units today,   it is urgent",
                            "channel", "whatsapp", "sender_name", "  Ahmed "))
                    .post("/api/webhook")
                    .then().statusCode(202)
                    .body("status", equalTo("accepted"))
                    .extract().path("message_id");

            ConsumerRecord<String, String> record = messages.await(r -> r.value().contains(messageId), KAFKA_WAIT);
            LeadMessage event = EventJson.read(record.value(), LeadMessage.class);
            assertThat(record.key()).isEqualTo("+923001234567");
            assertThat(event).usingRecursiveComparison()
                    .ignoringFields("receivedAt", "rawPayloadRef", "client")
                    .isEqualTo(new LeadMessage(messageId, "+923001234567", Channel.WHATSAPP, null, null, "Ahmed",
                            "+923001234567", null, null, "I want to buy 3 units today, it is urgent",
                            "I want to buy 3 units today,   it is urgent", null, List.of(), null, null, Map.of()));
            // The trace context travels in the record's headers (OpenTelemetry's Kafka instrumentation), not in the event.
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .matches("00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-0[01]");
            assertThat(event.rawPayloadRef()).startsWith("sha256:");
            assertThat(event.receivedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        }
    }

    @Test
    void sameMessageTwice_getsTheSameMessageId() {
        Map<String, String> body = Map.of("email", "Repeat@Example.com", "message", "Price of the blue one?",
                "channel", "email", "sender_name", "Rita");
        String first = given().contentType(ContentType.JSON).body(body).post("/api/webhook")
                .then().statusCode(202).extract().path("message_id");
        String second = given().contentType(ContentType.JSON).body(body).post("/api/webhook")
                .then().statusCode(202).extract().path("message_id");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void waitParameter_answersTheSeedJsonOnceScored() throws Exception {
        String phone = "+923009876543";
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            // Scoring's part, played by the test: answer the message on lead.scored.v1 once it is published.
            CompletableFuture<Void> scoring = CompletableFuture.runAsync(() -> {
                LeadMessage message = EventJson.read(messages.await(r -> phone.equals(r.key()), KAFKA_WAIT).value(),
                        LeadMessage.class);
                TestKafka.send(Topics.SCORED, phone, EventJson.write(scored(message, 42L, 85, Quality.HOT)));
            });
            given().contentType(ContentType.JSON)
                    .body(Map.of("phone", phone, "message", "I want to buy 3 units today", "channel", "whatsapp",
                            "sender_name", "Ahmed"))
                    .post("/api/webhook?wait=10")
                    .then().statusCode(200)
                    .body("status", equalTo("success"))
                    .body("lead_id", equalTo(42))
                    .body("quality", equalTo("HOT"))
                    .body("score", equalTo(85));
            scoring.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void preferWait_answers202WhenNotScoredInTime() {
        given().contentType(ContentType.JSON).header("Prefer", "wait=1")
                .body(Map.of("phone", "+923001110000", "message", "hello", "channel", "sms"))
                .post("/api/webhook")
                .then().statusCode(202)
                .body("status", equalTo("accepted"));
    }

    @Test
    void controlCharactersInTheMessage_areStrippedBeforeKafka_tabsAndNewlinesKept() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            String messageId = given().contentType(ContentType.JSON)
                    .body(Map.of("phone", "+923001234999", "message", "I want\u0000 2 sofas\u0007\n\tin grey",
                            "channel", "sms", "sender_name", "Nu\u0000ll"))
                    .post("/api/webhook")
                    .then().statusCode(202)
                    .extract().path("message_id");

            LeadMessage event = EventJson.read(messages.await(r -> r.value().contains(messageId), KAFKA_WAIT).value(),
                    LeadMessage.class);
            assertThat(event.text()).isEqualTo("I want 2 sofas\nin grey");
            assertThat(event.originalText()).isEqualTo("I want 2 sofas\n\tin grey");
            assertThat(event.senderName()).isEqualTo("Null");
        }
    }

    @Test
    void malformedJson_isA400ProblemAndNothingReachesKafka() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(ContentType.JSON).body("{\"phone\": \"+923001234567\", \"message\": ")
                    .post("/api/webhook")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://leadflow.io/problems/malformed-body"))
                    .body("status", equalTo(400))
                    .body("detail", startsWith("The body is not valid JSON"));
            assertThat(messages.collectFor(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void missingOrWrongFields_areNamedInTheProblem() {
        given().contentType(ContentType.JSON).body(Map.of("phone", "+923001234567", "channel", "whatsapp"))
                .post("/api/webhook").then().statusCode(400).body("field", equalTo("message"));
        given().contentType(ContentType.JSON).body(Map.of("phone", "+923001234567", "message", "hi", "channel", "fax"))
                .post("/api/webhook").then().statusCode(400).body("field", equalTo("channel"));
        given().contentType(ContentType.JSON).body(Map.of("message", "hi", "channel", "whatsapp"))
                .post("/api/webhook").then().statusCode(400).body("field", equalTo("phone"));
        given().contentType(ContentType.JSON).body(Map.of("email", "nope", "message", "hi", "channel", "email"))
                .post("/api/webhook").then().statusCode(400).body("field", equalTo("email"));
        given().contentType(ContentType.JSON).body(Map.of("phone", "+923001234567", "message", "hi", "channel", "sms"))
                .post("/api/webhook?wait=soon").then().statusCode(400).body("field", equalTo("wait"));
    }

    @Test
    void nonJsonContentType_isA415Problem() {
        given().contentType(ContentType.TEXT).body("phone=+923001234567")
                .post("/api/webhook")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void health_isReadyWithTheBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static LeadScored scored(LeadMessage message, long leadId, int score, Quality quality) {
        LeadView lead = new LeadView(leadId, message.senderName(), null, message.phone(), message.channel(),
                message.text(), Intent.BUY, Urgency.HIGH, score, quality, LeadStatus.NEW, 1, message.receivedAt(),
                message.receivedAt(), false);
        return new LeadScored(message.messageId(), message.leadKey(), message.channel(), message.receivedAt(), lead, new ScoreBreakdown(score, quality, List.of()));
    }
}
