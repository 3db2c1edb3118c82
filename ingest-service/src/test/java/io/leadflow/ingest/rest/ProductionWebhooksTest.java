package io.leadflow.ingest.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Ingest as production runs it (no {@code leadflow.webhooks.allow-unsigned}) with only the WhatsApp app secret and
 * the generic API key configured: those webhooks work, every other one fails closed with a 503 naming its key.
 */
@QuarkusTest
@TestProfile(ProductionWebhooksTest.WhatsAppAndGenericOnly.class)
@WithTestResource(LeadflowTestResource.class)
class ProductionWebhooksTest {

    private static final String APP_SECRET = "production-whatsapp-secret";
    private static final String API_KEY = "production-api-key";

    @Test
    void aWebhookWithoutItsSecret_answers503NamingTheKey_andTakesNothing() {
        given().contentType("application/x-www-form-urlencoded")
                .body(WebhookEvents.form(WebhookFixtures.urlEncoded(WebhookFixtures.form("twilio/sms.form"))))
                .post("/api/webhook/twilio")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", nullValue())
                .body("type", equalTo("https://leadflow.io/problems/webhook-not-configured"))
                .body("detail", equalTo("POST /api/webhook/twilio is not configured: set leadflow.twilio.auth-token "
                        + "(environment LEADFLOW_TWILIO_AUTH_TOKEN). Only a development setup takes unsigned requests, "
                        + "with leadflow.webhooks.allow-unsigned=true."));
        given().contentType("message/rfc822").body(WebhookFixtures.bytes("email/reply.eml"))
                .post("/api/webhook/email/raw")
                .then().statusCode(503).body("detail", equalTo("POST /api/webhook/email/raw is not configured: set "
                        + "leadflow.email.raw.token (environment LEADFLOW_EMAIL_RAW_TOKEN). Only a development setup takes "
                        + "unsigned requests, with leadflow.webhooks.allow-unsigned=true."));
        given().contentType(ContentType.JSON).body(WebhookFixtures.bytes("instagram/text.json"))
                .post("/api/webhook/instagram")
                .then().statusCode(503);
    }

    @Test
    void theConfiguredWebhooks_work() {
        byte[] body = WebhookFixtures.replacing("whatsapp/text.json",
                Map.of("wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA",
                        "wamid.PRODUCTION" + WebhookEvents.unique()));
        given().contentType(ContentType.JSON).body(body).header("X-Hub-Signature-256", PlatformSignatures.meta(APP_SECRET, body))
                .post("/api/webhook/whatsapp")
                .then().statusCode(200).body("status", equalTo("accepted"));
        given().contentType(ContentType.JSON).body(body).post("/api/webhook/whatsapp")
                .then().statusCode(401);
        Map<String, String> message = Map.of("phone", "+923001239876", "message", "Price of 2 sofas?", "channel", "sms");
        given().contentType(ContentType.JSON).header("X-Api-Key", API_KEY).body(message)
                .post("/api/webhook")
                .then().statusCode(202).body("status", equalTo("accepted"));
        given().contentType(ContentType.JSON).body(message).post("/api/webhook")
                .then().statusCode(401).contentType("application/problem+json").body("field", equalTo("X-Api-Key"));
    }

    @Test
    void metaHandshakeWithoutAVerifyToken_isRefused_theChallengeIsNotEchoed() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "anything")
                .queryParam("hub.challenge", "1158201444")
                .get("/api/webhook/whatsapp")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", equalTo("GET /api/webhook/whatsapp is not configured: set leadflow.whatsapp.verify-token "
                        + "(environment LEADFLOW_WHATSAPP_VERIFY_TOKEN)."));
    }

    public static class WhatsAppAndGenericOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("leadflow.webhooks.allow-unsigned", "false",
                    "leadflow.whatsapp.app-secret", APP_SECRET,
                    "leadflow.generic.api-key", API_KEY);
        }
    }
}
