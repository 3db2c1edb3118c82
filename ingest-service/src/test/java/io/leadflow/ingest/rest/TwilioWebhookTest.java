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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadflow.ingest.rest.SignedWebhooks.TWILIO_AUTH_TOKEN;
import static io.leadflow.ingest.rest.SignedWebhooks.TWILIO_PUBLIC_BASE_URL;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SignedWebhooks.class)
@WithTestResource(LeadflowTestResource.class)
class TwilioWebhookTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PUBLIC_URL = TWILIO_PUBLIC_BASE_URL + "/api/webhook/twilio";

    @Test
    void whatsappThroughTwilio_isAnsweredWithEmptyTwimlAfterKafka_andPublishedNormalized() {
        Map<String, String> fields = withSid("twilio/whatsapp.form");
        String sid = fields.get("MessageSid");
        byte[] body = WebhookFixtures.urlEncoded(fields);
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(FORM).body(WebhookEvents.form(body)).header("X-Twilio-Signature", PlatformSignatures.twilio(TWILIO_AUTH_TOKEN, PUBLIC_URL, fields))
                    .post("/api/webhook/twilio")
                    .then().statusCode(200)
                    .contentType(ContentType.XML)
                    .body(equalTo(TwilioWebhookResource.EMPTY_TWIML));

            String text = "Salam, I need 5 office chairs delivered to Karachi tomorrow. What is the price?";
            assertThat(WebhookEvents.await(messages, sid)).usingRecursiveComparison().ignoringFields(WebhookEvents.PER_REQUEST)
                    .isEqualTo(new LeadMessage(sid, "+923217778899", Channel.WHATSAPP, null, sid, "Hamza Siddiqui",
                            "+923217778899", null, "923217778899", text, text, null, List.of(), WebhookEvents.rawPayloadRef(body),
                            null, Map.of("to", "whatsapp:+14155238886", "account_sid", "AC0123456789abcdef0123456789abcdef")));
        }
    }

    @Test
    void sms_isTheSmsChannelWithItsPhotoAsAttachment() {
        Map<String, String> fields = withSid("twilio/sms.form");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            post(fields).then().statusCode(200);
            LeadMessage event = WebhookEvents.await(messages, fields.get("MessageSid"));
            assertThat(event.channel()).isEqualTo(Channel.SMS);
            assertThat(event.phone()).isEqualTo("+14155550123");
            assertThat(event.attachments()).singleElement().extracting(LeadMessage.Attachment::mimeType).isEqualTo("image/jpeg");
        }
    }

    @Test
    void statusCallback_isAcknowledgedAndNothingIsPublished() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            post(WebhookFixtures.form("twilio/status-callback.form")).then().statusCode(200);
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
    }

    @Test
    void signatureForAnotherUrl_orNone_isRefused() {
        Map<String, String> fields = withSid("twilio/whatsapp.form");
        given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(fields)))
                .header("X-Twilio-Signature", PlatformSignatures.twilio(TWILIO_AUTH_TOKEN, "http://localhost/api/webhook/twilio", fields))
                .post("/api/webhook/twilio")
                .then().statusCode(403).contentType("application/problem+json").body("field", equalTo("X-Twilio-Signature"));
        given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(fields))).post("/api/webhook/twilio")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void invalidUtf8_andWrongContentType_areProblems() {
        byte[] latin1 = "From=%2B14155550123&Body=caf%E9&MessageSid=SMx".getBytes(StandardCharsets.US_ASCII);
        given().contentType(FORM).body(WebhookEvents.form(latin1)).header("X-Twilio-Signature", "irrelevant")
                .post("/api/webhook/twilio")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("Body"));
        given().contentType(ContentType.JSON).body("{}").post("/api/webhook/twilio")
                .then().statusCode(415).contentType("application/problem+json");
    }

    private static io.restassured.response.Response post(Map<String, String> fields) {
        return given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(fields)))
                .header("X-Twilio-Signature", PlatformSignatures.twilio(TWILIO_AUTH_TOKEN, PUBLIC_URL, fields))
                .post("/api/webhook/twilio");
    }

    /** The fixture with a message sid of its own. */
    private static Map<String, String> withSid(String fixture) {
        Map<String, String> fields = new LinkedHashMap<>(WebhookFixtures.form(fixture));
        String sid = fields.get("MessageSid") + WebhookEvents.unique();
        fields.replace("MessageSid", sid);
        fields.replace("SmsMessageSid", sid);
        fields.replace("SmsSid", sid);
        return fields;
    }
}
