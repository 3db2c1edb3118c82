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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.leadflow.ingest.rest.SignedWebhooks.WHATSAPP_APP_SECRET;
import static io.leadflow.ingest.rest.SignedWebhooks.WHATSAPP_VERIFY_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SignedWebhooks.class)
@WithTestResource(LeadflowTestResource.class)
class WhatsAppWebhookTest {

    private static final String TEXT_ID = "wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA";

    @Test
    void signedTextMessage_isAnsweredAfterKafka_andPublishedNormalized() {
        String id = TEXT_ID + WebhookEvents.unique();
        byte[] body = WebhookFixtures.replacing("whatsapp/text.json", Map.of(TEXT_ID, id));
        double acceptedBefore = WebhookEvents.webhooksTotal("whatsapp", "accepted");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            signed(body).post("/api/webhook/whatsapp")
                    .then().statusCode(200)
                    .body("status", equalTo("accepted"))
                    .body("message_ids", contains(id));

            LeadMessage event = WebhookEvents.await(messages, id);
            assertThat(event).usingRecursiveComparison().ignoringFields(WebhookEvents.PER_REQUEST).isEqualTo(new LeadMessage(
                    id, "+923001112233", Channel.WHATSAPP, null, id, "Ayesha Khan", "+923001112233", null,
                    "923001112233", "Is the blue sofa in stock? I want to buy 2 this week, urgent.",
                    "Is the blue sofa in stock? I want to buy 2 this week, urgent.", null, List.of(),
                    WebhookEvents.rawPayloadRef(body), null, Map.of("message_type", "text", "sent_at", "2025-06-08T20:59:43Z",
                    "business_phone_number_id", "106540352242922", "business_display_phone_number", "15550783881")));
        }
        assertThat(WebhookEvents.webhooksTotal("whatsapp", "accepted")).isEqualTo(acceptedBefore + 1);
    }

    @Test
    void severalMessagesInOneNotification_eachBecomeAnEvent_statusesAndReactionsDoNot() {
        String suffix = WebhookEvents.unique();
        byte[] body = WebhookFixtures.text("whatsapp/several-messages.json").replace("\"id\": \"wamid.", "\"id\": \"wamid." + suffix)
                .getBytes(StandardCharsets.UTF_8);
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            List<String> ids = signed(body).post("/api/webhook/whatsapp")
                    .then().statusCode(200)
                    .body("status", equalTo("accepted"))
                    .body("ignored", equalTo(2))
                    .extract().jsonPath().getList("message_ids", String.class);

            assertThat(WebhookEvents.awaitAll(messages, ids))
                    .extracting(LeadMessage::leadKey, LeadMessage::senderName, LeadMessage::text)
                    .containsExactly(
                            tuple("+923004445566", "Bilal Ahmed", "Get a quote"),
                            tuple("+923004445566", "Bilal Ahmed", "3-seater sofa\nBlue velvet, 210 cm"),
                            tuple("+923004445566", "Bilal Ahmed", "Talk to sales"),
                            tuple("+923004445566", "Bilal Ahmed", "Do you have this one in grey?"),
                            tuple("+34612345678", "Sara Lopez", "Our office floor plan, can you furnish it?"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).filteredOn(r -> r.value().contains(suffix)).hasSize(5);
        }
    }

    @Test
    void sameNotificationDeliveredTwice_isOneEvent_theSecondAnswerSaysDuplicate() {
        String id = TEXT_ID + WebhookEvents.unique();
        byte[] body = WebhookFixtures.replacing("whatsapp/text.json", Map.of(TEXT_ID, id));
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            signed(body).post("/api/webhook/whatsapp").then().statusCode(200).body("status", equalTo("accepted"));
            signed(body).post("/api/webhook/whatsapp").then().statusCode(200)
                    .body("status", equalTo("duplicate"))
                    .body("message_ids", contains(id));
            WebhookEvents.await(messages, id);
            assertThat(messages.collectFor(WebhookEvents.QUIET)).filteredOn(r -> r.value().contains(id)).hasSize(1);
        }
    }

    @Test
    void statusCallbacks_areAcknowledgedWith200AndNothingIsPublished() {
        byte[] body = WebhookFixtures.bytes("whatsapp/statuses.json");
        double ignoredBefore = WebhookEvents.webhooksTotal("whatsapp", "ignored");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            signed(body).post("/api/webhook/whatsapp").then().statusCode(200)
                    .body("status", equalTo("ignored"))
                    .body("ignored", equalTo(2));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
        assertThat(WebhookEvents.webhooksTotal("whatsapp", "ignored")).isEqualTo(ignoredBefore + 1);
    }

    @Test
    void missingOrWrongSignature_isRefusedAndNothingIsPublished() {
        byte[] body = WebhookFixtures.bytes("whatsapp/text.json");
        double rejectedBefore = WebhookEvents.webhooksTotal("whatsapp", "rejected_signature");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(ContentType.JSON).body(body).post("/api/webhook/whatsapp")
                    .then().statusCode(401)
                    .contentType("application/problem+json")
                    .body("field", equalTo("X-Hub-Signature-256"));
            given().contentType(ContentType.JSON).body(body)
                    .header("X-Hub-Signature-256", PlatformSignatures.meta("someone-elses-secret", body))
                    .post("/api/webhook/whatsapp")
                    .then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://leadflow.io/problems/invalid-signature"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
        assertThat(WebhookEvents.webhooksTotal("whatsapp", "rejected_signature")).isEqualTo(rejectedBefore + 2);
    }

    @Test
    void metaHandshake_echoesTheChallengeOnlyForTheVerifyToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444")
                .get("/api/webhook/whatsapp")
                .then().statusCode(200).contentType(ContentType.TEXT).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guess")
                .queryParam("hub.challenge", "1158201444")
                .get("/api/webhook/whatsapp")
                .then().statusCode(403).contentType("application/problem+json").body("field", equalTo("hub.verify_token"));
        given().queryParam("hub.verify_token", WHATSAPP_VERIFY_TOKEN).queryParam("hub.challenge", "1158201444")
                .get("/api/webhook/whatsapp")
                .then().statusCode(400).body("field", equalTo("hub.mode"));
    }

    @Test
    void malformedJsonInvalidUtf8AndWrongContentType_areProblems() {
        byte[] truncated = "{\"object\":\"whatsapp_business_account\",\"entry\":[".getBytes(StandardCharsets.UTF_8);
        signed(truncated).post("/api/webhook/whatsapp")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://leadflow.io/problems/malformed-body"));
        byte[] latin1 = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"note\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        signed(latin1).post("/api/webhook/whatsapp")
                .then().statusCode(400).contentType("application/problem+json");
        byte[] body = WebhookFixtures.bytes("whatsapp/text.json");
        given().contentType(ContentType.TEXT).header("X-Hub-Signature-256", PlatformSignatures.meta(WHATSAPP_APP_SECRET, body))
                .body(body).post("/api/webhook/whatsapp")
                .then().statusCode(415).contentType("application/problem+json").body("field", equalTo("Content-Type"));
    }

    @Test
    void bodyOverOneMebibyte_isA413Problem() {
        byte[] huge = new byte[1024 * 1024 + 1];
        Arrays.fill(huge, (byte) ' ');
        double invalidBefore = WebhookEvents.webhooksTotal("whatsapp", "invalid");
        signed(huge).post("/api/webhook/whatsapp")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://leadflow.io/problems/payload-too-large"));
        assertThat(WebhookEvents.webhooksTotal("whatsapp", "invalid")).isEqualTo(invalidBefore + 1);
    }

    private static RequestSpecification signed(byte[] body) {
        return given().contentType(ContentType.JSON).body(body)
                .header("X-Hub-Signature-256", PlatformSignatures.meta(WHATSAPP_APP_SECRET, body));
    }
}
