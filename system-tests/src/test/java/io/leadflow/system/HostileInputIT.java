package io.leadflow.system;

import io.leadflow.events.Topics;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.webhooks.NestedEmails;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The packaged system configured as production is (no {@code LEADFLOW_WEBHOOKS_ALLOW_UNSIGNED}, a secret for each
 * webhook in use) under input meant to hurt it: an oversized form post and a nested-MIME mail bomb are refused with
 * 413 problems and leave nothing in Kafka, ingest stays up and keeps taking and scoring ordinary messages, and a
 * webhook without its secret fails closed.
 */
class HostileInputIT {

    private static final String RAW_TOKEN = "hostile-input-raw-token";
    private static final String API_KEY = "hostile-input-api-key";
    private static final String WHATSAPP_SECRET = "hostile-input-whatsapp-secret";
    private static final String WHATSAPP_ID = "wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA";
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration SCORED = Duration.ofSeconds(60);

    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs"), "hostile"),
                Map.of("LEADFLOW_WEBHOOKS_ALLOW_UNSIGNED", "", // left unset: production's default
                        "LEADFLOW_EMAIL_RAW_TOKEN", RAW_TOKEN,
                        "LEADFLOW_GENERIC_API_KEY", API_KEY,
                        "LEADFLOW_WHATSAPP_APP_SECRET", WHATSAPP_SECRET));
        // Reads of the leads go as an admin would, with a token (ingest ignores it).
        TestAccess.actAs("admin");
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void afterAnOversizedFormAndAMailBomb_ingestStillTakesOrdinaryMessages_andTheyAreScored() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            ingest().contentType(ContentType.JSON).body(oversizedForm("+923005550001"))
                    .post("/api/webhook/website")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("detail", containsString("an event takes at most " + Topics.MAX_EVENT_BYTES + " bytes"));
            ingest().contentType("application/x-www-form-urlencoded")
                    .body("phone=%2B923005550002&message=" + "x".repeat(1_090_000))
                    .post("/api/webhook/website")
                    .then().statusCode(413).contentType("application/problem+json");
            ingest().contentType("message/rfc822").header("Authorization", "Bearer " + RAW_TOKEN)
                    .body(NestedEmails.nested(500, 900_000))
                    .post("/api/webhook/email/raw")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The email nests multiparts more than 10 levels deep; at most 10 are taken."));

            assertThat(messages.collectFor(QUIET)).isEmpty();
        }

        given().baseUri(stack.url(Service.INGEST)).get("/q/health/ready").then().statusCode(200);
        String whatsappPhone = "923005550003";
        byte[] notification = WebhookFixtures.replacing("whatsapp/text.json",
                Map.of("923001112233", whatsappPhone, WHATSAPP_ID, WHATSAPP_ID + "-hostile"));
        ingest().contentType(ContentType.JSON).body(notification)
                .header("X-Hub-Signature-256", PlatformSignatures.meta(WHATSAPP_SECRET, notification))
                .post("/api/webhook/whatsapp")
                .then().statusCode(200).body("status", equalTo("accepted"));
        ingest().contentType("message/rfc822").header("Authorization", "Bearer " + RAW_TOKEN)
                .body(WebhookFixtures.replacing("email/reply.eml", Map.of("Zoe.Mueller@Example.DE", "Zoe@Hostile.Example",
                        "CAH4x=Q9kVt3zP1m2n3b4v5c6x7z8a9s0d1f2g3h4j5k6l", "hostile-input-reply")))
                .post("/api/webhook/email/raw")
                .then().statusCode(200).body("status", equalTo("accepted"));
        ingest().contentType(ContentType.JSON).header("X-Api-Key", API_KEY)
                .body(Map.of("phone", "+923005550004", "message", "I want to buy 3 units today, it is urgent",
                        "channel", "whatsapp", "sender_name", "Ahmed"))
                .post("/api/webhook")
                .then().statusCode(202).body("status", equalTo("accepted"));

        assertScored(lead -> ("+" + whatsappPhone).equals(lead.get("user_phone")));
        assertScored(lead -> "zoe@hostile.example".equals(lead.get("user_email")));
        Map<String, Object> seed = assertScored(lead -> "+923005550004".equals(lead.get("user_phone")));
        assertThat(seed).containsEntry("quality", "HOT");
        assertThat(leads()).noneMatch(lead -> "+923005550001".equals(lead.get("user_phone"))
                || "+923005550002".equals(lead.get("user_phone")));
    }

    @Test
    void aWebhookWithoutItsSecret_failsClosed_andOneWithoutItsKeyIsRefused() {
        ingest().contentType("application/x-www-form-urlencoded")
                .body(new String(WebhookFixtures.urlEncoded(WebhookFixtures.form("twilio/sms.form")), StandardCharsets.US_ASCII))
                .post("/api/webhook/twilio")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("set leadflow.twilio.auth-token (environment LEADFLOW_TWILIO_AUTH_TOKEN)"));
        ingest().contentType(ContentType.JSON)
                .body(Map.of("phone", "+923005550005", "message", "hello", "channel", "sms"))
                .post("/api/webhook")
                .then().statusCode(401).contentType("application/problem+json");
    }

    /** A website form of 200 fields of 2,000 characters: each within its own limits, the whole far past an event's. */
    private static Map<String, Object> oversizedForm(String phone) {
        Map<String, Object> form = new LinkedHashMap<>(Map.of("name", "Big Form", "phone", phone, "message", "Price?"));
        for (int i = 0; i < 100; i++) {
            form.put("utm_" + i, "u".repeat(2000));
            form.put("extra_" + i, "e".repeat(2000));
        }
        return form;
    }

    private static Map<String, Object> assertScored(Predicate<Map<String, Object>> which) {
        Map<String, Object> lead = await().atMost(SCORED).until(() -> leads().stream().filter(which).findFirst().orElse(null),
                found -> found != null);
        assertThat(lead.get("score")).isInstanceOf(Integer.class);
        assertThat(lead.get("quality")).isIn("HOT", "WARM", "COLD");
        return lead;
    }

    private static List<Map<String, Object>> leads() {
        return given().baseUri(stack.url(Service.QUERY)).get("/api/webhook/leads?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("leads");
    }

    private static RequestSpecification ingest() {
        return given().baseUri(stack.url(Service.INGEST));
    }
}
