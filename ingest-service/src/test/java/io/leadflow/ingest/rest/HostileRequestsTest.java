package io.leadflow.ingest.rest;

import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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

    @Test
    void aDocumentNested10000Deep_isA400ProblemNamingIt() throws Exception {
        String nested = "{\"phone\":\"+923001230096\",\"message\":\"hi\",\"channel\":\"sms\",\"extra\":"
                + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString(nested));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://leadflow.io/problems/malformed-body\"").contains("nesting depth");
        assertOrdinaryWebhooksAreTaken();
    }

    @Test
    void invalidUtf8_isA400ProblemNamingIt_andNothingIsPublished() {
        byte[] head = "{\"phone\":\"+923001230095\",\"channel\":\"sms\",\"message\":\"caf".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 4];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = 0x28;
        body[head.length + 2] = '"';
        body[head.length + 3] = '}';
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(ContentType.JSON).body(body)
                    .post("/api/webhook")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("UTF-8"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
    }

    @Test
    void injectionInNamesAndMessages_isCarriedAsPlainText() {
        String name = "Robert'); DROP TABLE leads;-- <script>alert(1)</script>";
        String text = "=HYPERLINK(\"http://evil.example\",\"price\") '; DELETE FROM message; -- <img src=x onerror=alert(1)>";
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            String messageId = given().contentType(ContentType.JSON)
                    .body(Map.of("phone", "+923001230094", "message", text, "channel", "sms", "sender_name", name))
                    .post("/api/webhook")
                    .then().statusCode(202).extract().path("message_id");

            LeadMessage event = WebhookEvents.await(messages, messageId);
            assertThat(event.senderName()).isEqualTo(name);
            assertThat(event.text()).isEqualTo(text);
        }
    }

    @Test
    void aMultipartBombOf15000Parts_isA413ProblemNamingTheLimit() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 15_000; i++) {
            body.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        body.append("--b--\r\n");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType("multipart/form-data; boundary=b").body(body.toString().getBytes(StandardCharsets.US_ASCII))
                    .post("/api/webhook/email/sendgrid")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://leadflow.io/problems/payload-too-large"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
        assertOrdinaryWebhooksAreTaken();
    }

    @Test
    void tenThousandHeaders_areRefused_andIngestGoesOn() throws Exception {
        try (Socket socket = new Socket(webhook.getHost(), webhook.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("POST /api/webhook HTTP/1.1\r\nHost: localhost\r\n");
            for (int i = 0; i < 10_000; i++) {
                request.append("X-Header-").append(i).append(": ").append(i).append("\r\n");
            }
            request.append("Content-Length: 2\r\n\r\n{}");
            try {
                socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the server may close the connection before it has read everything
            }
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 431");
        }
        assertOrdinaryWebhooksAreTaken();
    }

    @Test
    void slowlorisConnections_doNotSlowOrdinaryWebhooks() throws Exception {
        assertOrdinaryWebhooksAreTaken(); // warm: the first publish of a fresh producer waits for the broker's metadata
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket(webhook.getHost(), webhook.getPort());
                socket.getOutputStream().write("POST /api/webhook HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            for (int round = 0; round < 5; round++) {
                for (Socket socket : slow) {
                    socket.getOutputStream().write('a');
                }
                long started = System.nanoTime();
                assertOrdinaryWebhooksAreTaken();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
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
