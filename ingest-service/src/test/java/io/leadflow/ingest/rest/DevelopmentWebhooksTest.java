package io.leadflow.ingest.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Ingest as development and the tests run it: no secrets, {@code leadflow.webhooks.allow-unsigned=true}. */
@QuarkusTest
@WithTestResource(LeadflowTestResource.class)
class DevelopmentWebhooksTest {

    @Test
    void unsignedRequests_areTaken() {
        byte[] body = WebhookFixtures.replacing("whatsapp/text.json",
                Map.of("wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA",
                        "wamid.DEVELOPMENT" + WebhookEvents.unique()));
        given().contentType(ContentType.JSON).body(body).post("/api/webhook/whatsapp")
                .then().statusCode(200).body("status", equalTo("accepted"));
    }

    @Test
    void metaHandshakeWithoutAVerifyToken_isRefusedAllTheSame_theChallengeIsNotEchoed() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "anything")
                .queryParam("hub.challenge", "1158201444")
                .get("/api/webhook/instagram")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body(not(equalTo("1158201444")))
                .body("detail", equalTo("GET /api/webhook/instagram is not configured: set leadflow.instagram.verify-token "
                        + "(environment LEADFLOW_INSTAGRAM_VERIFY_TOKEN)."));
    }
}
