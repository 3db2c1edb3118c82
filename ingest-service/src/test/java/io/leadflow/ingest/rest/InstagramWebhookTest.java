package io.leadflow.ingest.rest;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.leadflow.ingest.rest.SignedWebhooks.INSTAGRAM_APP_SECRET;
import static io.leadflow.ingest.rest.SignedWebhooks.INSTAGRAM_VERIFY_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SignedWebhooks.class)
@WithTestResource(LeadflowTestResource.class)
class InstagramWebhookTest {

    private static final String MID = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTYwNzA4ODI5MjA0NjU2MzoyNDE0OTI4NzM4NjE0NjQ4MzAwAA==";

    @Test
    void signedMessage_isPublishedAsTheInstagramUsersLead() {
        String mid = MID + WebhookEvents.unique();
        byte[] body = WebhookFixtures.replacing("instagram/text.json", Map.of(MID, mid));
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            signed(body).post("/api/webhook/instagram")
                    .then().statusCode(200)
                    .body("status", equalTo("accepted"))
                    .body("message_ids", contains(mid));

            assertThat(WebhookEvents.await(messages, mid)).usingRecursiveComparison().ignoringFields(WebhookEvents.PER_REQUEST)
                    .isEqualTo(new LeadMessage(mid, "instagram:6789012345678901", Channel.INSTAGRAM, null, mid, null, null,
                            null, "6789012345678901", "How much for the oak dining table? Need it before Friday",
                            "How much for the oak dining table? Need it before Friday", null, List.of(),
                            WebhookEvents.rawPayloadRef(body), null,
                            Map.of("sent_at", "2025-06-08T21:03:19.876Z", "business_account_id", "17841405822304914")));
        }
    }

    @Test
    void echoesAndReadReceipts_areAcknowledgedAndNothingIsPublished() {
        byte[] body = WebhookFixtures.bytes("instagram/echo-and-read.json");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            signed(body).post("/api/webhook/instagram")
                    .then().statusCode(200)
                    .body("status", equalTo("ignored"))
                    .body("ignored", equalTo(2));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
    }

    @Test
    void wrongSignature_isRefused() {
        byte[] body = WebhookFixtures.bytes("instagram/text.json");
        given().contentType(ContentType.JSON).body(body)
                .header("X-Hub-Signature-256", PlatformSignatures.meta(SignedWebhooks.WHATSAPP_APP_SECRET, body))
                .post("/api/webhook/instagram")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void metaHandshake_usesInstagramsOwnVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", INSTAGRAM_VERIFY_TOKEN)
                .queryParam("hub.challenge", "987654")
                .get("/api/webhook/instagram")
                .then().statusCode(200).body(equalTo("987654"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", SignedWebhooks.WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "987654")
                .get("/api/webhook/instagram")
                .then().statusCode(403);
    }

    private static RequestSpecification signed(byte[] body) {
        return given().contentType(ContentType.JSON).body(body)
                .header("X-Hub-Signature-256", PlatformSignatures.meta(INSTAGRAM_APP_SECRET, body));
    }
}
