package io.leadflow.ingest.rest;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.ingest.service.InboundLimits;
import io.leadflow.ingest.service.MessageIds;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.leadflow.ingest.rest.SignedWebhooks.ALLOWED_ORIGIN;
import static io.leadflow.ingest.rest.SignedWebhooks.WEBSITE_REQUESTS_PER_HOUR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@TestProfile(SignedWebhooks.class)
@WithTestResource(LeadflowTestResource.class)
class WebsiteWebhookTest {

    private static final String SUBMISSION = "sub_01J2M4Q8Z7X6W5V4T3S2R1P0N9";
    /** Each test posts from an address of its own, so the per-address limit of one does not meet another's. */
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Test
    void widgetSubmissionFromTheAllowedOrigin_isAccepted202WithCors_andPublishedNormalized() {
        String submission = SUBMISSION + WebhookEvents.unique();
        byte[] body = WebhookFixtures.replacing("website/nested.json", Map.of(SUBMISSION, submission));
        String messageId = MessageIds.submissionId(Channel.WEBSITE, submission, "+923215556677");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            fromAddress().contentType(ContentType.JSON).header("Origin", ALLOWED_ORIGIN).body(body)
                    .post("/api/webhook/website")
                    .then().statusCode(202)
                    .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                    .body("status", equalTo("accepted"))
                    .body("message_id", equalTo(messageId));

            String text = "Please call me about a bulk order of 40 chairs for our school. Budget around 500,000 PKR.";
            assertThat(WebhookEvents.await(messages, messageId)).usingRecursiveComparison().ignoringFields(WebhookEvents.PER_REQUEST)
                    .isEqualTo(new LeadMessage(messageId, "+923215556677", Channel.WEBSITE, null, null, "Imran Qureshi",
                            "+923215556677", "imran.qureshi@example.com", null, text, text, null, List.of(),
                            WebhookEvents.rawPayloadRef(body), null, Map.of("consent", true,
                            "page_url", "https://shop.example/contact?utm_source=google",
                            "utm", Map.of("utm_source", "google", "utm_medium", "cpc", "utm_campaign", "summer-sale"),
                            "fields", Map.of("form_id", "contact-main", "company", "Bright Future School"))));
        }
    }

    @Test
    void plainHtmlFormPost_isAccepted() {
        fromAddress().contentType("application/x-www-form-urlencoded")
                .body(WebhookEvents.form(WebhookFixtures.urlEncoded(Map.of("name", "Nadia", "phone", "0300 7654321", "message", "Call me back please"))))
                .post("/api/webhook/website")
                .then().statusCode(202).body("status", equalTo("accepted"));
    }

    @Test
    void preflightFromTheAllowedOrigin_getsCors_anotherOriginIsRefused() {
        fromAddress().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                .options("/api/webhook/website")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", "POST, OPTIONS");
        fromAddress().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/webhook/website")
                .then().statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        fromAddress().header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(WebhookFixtures.bytes("website/nested.json"))
                .post("/api/webhook/website")
                .then().statusCode(403).contentType("application/problem+json").body("field", equalTo("Origin"));
    }

    @Test
    void filledHoneypot_isAnswered200AndNothingIsPublished() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            fromAddress().contentType("application/x-www-form-urlencoded")
                    .body(WebhookEvents.form(WebhookFixtures.urlEncoded(Map.of("name", "Bot", "email", "bot@spam.example", "message", "Cheap SEO",
                            "website", "https://spam.example"))))
                    .post("/api/webhook/website")
                    .then().statusCode(200).body("status", equalTo("ignored"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
    }

    @Test
    void tooManySubmissionsFromOneAddress_get429WithRetryAfter() {
        String address = nextAddress();
        for (int i = 0; i < WEBSITE_REQUESTS_PER_HOUR; i++) {
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body(Map.of("name", "Ali", "phone", "0300 11122" + (10 + i), "message", "Price of the sofa?"))
                    .post("/api/webhook/website")
                    .then().statusCode(202);
        }
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("name", "Ali", "phone", "0300 1112299", "message", "Price of the sofa?"))
                .post("/api/webhook/website")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("1200"));
    }

    @Test
    void whatTheClientWroteLeftOfTheTrustedProxy_isNotBelieved_theProxysEntryIsTheClient() {
        String address = nextAddress();
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            for (int i = 0; i < WEBSITE_REQUESTS_PER_HOUR; i++) {
                String phone = "+923002" + String.format("%03d%03d", ADDRESSES.get() % 1000, i);
                given().header("X-Forwarded-For", "6.6.6." + i + ", " + address).contentType(ContentType.JSON)
                        .body(Map.of("phone", phone, "message", "Price of the sofa?"))
                        .post("/api/webhook/website")
                        .then().statusCode(202);
                LeadMessage event = EventJson.read(messages.await(r -> phone.equals(r.key()), WebhookEvents.KAFKA_WAIT).value(),
                        LeadMessage.class);
                assertThat(event.client().ip()).isEqualTo(address);
            }
        }
        given().header("X-Forwarded-For", "6.6.6.99, " + address).contentType(ContentType.JSON)
                .body(Map.of("phone", "+923002229999", "message", "Price of the sofa?"))
                .post("/api/webhook/website")
                .then().statusCode(429).contentType("application/problem+json");
    }

    @Test
    void formWhoseEventWouldPassTheEventLimit_isA413NamingIt_andNothingIsPublished() {
        Map<String, Object> form = new LinkedHashMap<>(Map.of("name", "Ali", "phone", "0300 1112233", "message", "Price?"));
        for (int i = 0; i < InboundLimits.MAX_ENTRIES; i++) {
            form.put("extra_" + i, "e".repeat(InboundLimits.MAX_VALUE_LENGTH));
            form.put("utm_" + i, "u".repeat(InboundLimits.MAX_VALUE_LENGTH));
        }
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            fromAddress().contentType(ContentType.JSON).body(form)
                    .post("/api/webhook/website")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://leadflow.io/problems/payload-too-large"))
                    .body("detail", containsString("an event takes at most " + Topics.MAX_EVENT_BYTES + " bytes"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
    }

    @Test
    void formWithMoreExtraFieldsThanTheLimit_isA413NamingThem() {
        Map<String, Object> form = new LinkedHashMap<>(Map.of("name", "Ali", "phone", "0300 1112233", "message", "Price?"));
        for (int i = 0; i <= InboundLimits.MAX_ENTRIES; i++) {
            form.put("extra_" + i, "value");
        }
        fromAddress().contentType(ContentType.JSON).body(form)
                .post("/api/webhook/website")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("field", equalTo("fields"))
                .body("detail", equalTo("fields has 101 keys; at most 100 are taken (values longer than 2000 characters are cut)."));
    }

    @Test
    void missingMessage_isA400NamingIt() {
        fromAddress().contentType(ContentType.JSON).body(Map.of("name", "Ali", "email", "ali@example.com"))
                .post("/api/webhook/website")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("message"));
    }

    private static RequestSpecification fromAddress() {
        return given().header("X-Forwarded-For", nextAddress());
    }

    private static String nextAddress() {
        return "198.51.100." + ADDRESSES.getAndIncrement();
    }
}
