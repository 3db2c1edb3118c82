package io.leadflow.ingest.rest;

import io.leadflow.events.Topics;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests meant to hurt ingest at the HTTP layer: each is refused with a problem naming what is wrong, nothing
 * reaches Kafka, and ingest goes on answering ordinary webhooks.
 */
@QuarkusTest
@WithTestResource(LeadflowTestResource.class)
class HostileRequestsTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    @TestHTTPResource("/api/webhook")
    URI webhook;

    @Test
    void aTenMegabyteChunkedBody_isA413Problem_likeADeclaredOne() throws Exception {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> tenMegabyteJson()));
            HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofByteArray(tenMegabyteJson().readAllBytes()));

            for (HttpResponse<String> answer : new HttpResponse[] {chunked, declared}) {
                assertThat(answer.statusCode()).isEqualTo(413);
                assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(answer.body()).contains("\"type\":\"https://leadflow.io/problems/payload-too-large\"");
            }
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
        assertOrdinaryWebhooksAreTaken();
    }

    @Test
    void aChunkedBodyWithinTheLimit_isTakenWhole() throws Exception {
        String message = "I want a sofa, chunked. " + "Details. ".repeat(20_000);
        byte[] json = ("{\"phone\":\"+923001230097\",\"channel\":\"sms\",\"message\":\"" + message + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)));

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(messages.await(record -> record.value().contains("+923001230097"), WebhookEvents.KAFKA_WAIT).value())
                    .contains("I want a sofa, chunked. Details. Details.");
        }
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code {"phone":…,"message":"xxx…"}} of ten megabytes, streamed. */
    private static InputStream tenMegabyteJson() {
        byte[] head = "{\"phone\":\"+923001230099\",\"channel\":\"sms\",\"message\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] filler = new byte[TEN_MB];
        java.util.Arrays.fill(filler, (byte) 'x');
        return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head), new ByteArrayInputStream(filler)),
                new ByteArrayInputStream("\"}".getBytes(StandardCharsets.US_ASCII)));
    }

    private static void assertOrdinaryWebhooksAreTaken() {
        given().contentType(ContentType.JSON)
                .body(Map.of("phone", "+923001230098", "message", "I want a sofa.", "channel", "sms"))
                .post("/api/webhook")
                .then().statusCode(202);
    }
}
