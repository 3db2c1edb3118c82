package io.leadflow.ingest.rest;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.ingest.service.channel.MimeEmails;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.webhooks.NestedEmails;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.leadflow.ingest.rest.SignedWebhooks.MAILGUN_SIGNING_KEY;
import static io.leadflow.ingest.rest.SignedWebhooks.RAW_EMAIL_TOKEN;
import static io.leadflow.ingest.rest.SignedWebhooks.SENDGRID_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(SignedWebhooks.class)
@WithTestResource(LeadflowTestResource.class)
class EmailWebhookTest {

    private static final String BOUNDARY = "xYzZY";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SENDGRID_ID = "CAKx7nP0sEndGr1d-Test-0001@mail.gmail.com";
    private static final String MAILGUN_ID = "CAJk2mGun-Test-0002@mail.gmail.com";
    private static final String RAW_ID = "CAH4x=Q9kVt3zP1m2n3b4v5c6x7z8a9s0d1f2g3h4j5k6l@mail.gmail.com";

    @Test
    void sendGridParsedPost_withTheTokenInTheUrl_isPublishedAsTheSendersLead() {
        String id = WebhookEvents.unique() + SENDGRID_ID;
        byte[] body = sendGridBody(id, "");
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(WebhookFixtures.multipartType(BOUNDARY)).body(body).queryParam("token", SENDGRID_TOKEN)
                    .post("/api/webhook/email/sendgrid")
                    .then().statusCode(200).body("status", equalTo("accepted"));

            Map<String, String> fields = WebhookFixtures.fields("sendgrid/parsed.json");
            assertThat(WebhookEvents.await(messages, id)).usingRecursiveComparison().ignoringFields(WebhookEvents.PER_REQUEST)
                    .isEqualTo(new LeadMessage(id, "fatima.noor@example.pk", Channel.EMAIL, null, id, "Fatima Noor", null,
                            "fatima.noor@example.pk", null, "Assalam o Alaikum,\n\nPlease send a quotation for 20 study tables "
                            + "delivered to Islamabad. We can pay 30% in advance.\n\nMy number is 0333 1234567.",
                            fields.get("text"), "Quotation for 20 study tables",
                            List.of(new LeadMessage.Attachment("file", "application/pdf", null, null, "room-plan.pdf", 23L, null)),
                            WebhookEvents.rawPayloadRef(body), null, Map.of("to", "sales@inbound.shop.example",
                            "spam_score", "0.011", "spf", "pass", "sender_ip", "209.85.221.41")));
        }
    }

    @Test
    void sendGridPostFarOverTheFormFieldLimit_withTheTokenAsBasicAuthPassword_isAccepted() {
        String id = WebhookEvents.unique() + SENDGRID_ID;
        byte[] body = sendGridBody(id, "<p>" + "Specification line. ".repeat(20_000) + "</p>");
        assertThat(body.length).isGreaterThan(300_000);
        given().contentType(WebhookFixtures.multipartType(BOUNDARY)).body(body).auth().preemptive().basic("sendgrid", SENDGRID_TOKEN)
                .post("/api/webhook/email/sendgrid")
                .then().statusCode(200).body("status", equalTo("accepted"));
    }

    @Test
    void sendGridWithoutOrWithAWrongToken_isRefused() {
        byte[] body = sendGridBody(WebhookEvents.unique() + SENDGRID_ID, "");
        given().contentType(WebhookFixtures.multipartType(BOUNDARY)).body(body).post("/api/webhook/email/sendgrid")
                .then().statusCode(401).contentType("application/problem+json").body("field", equalTo("token"));
        given().contentType(WebhookFixtures.multipartType(BOUNDARY)).body(body).queryParam("token", "guess")
                .post("/api/webhook/email/sendgrid")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void mailgunSignedPost_isPublished_theSameTokenAgainIsAReplay() {
        String id = WebhookEvents.unique() + MAILGUN_ID;
        Map<String, String> fields = mailgunFields(id, Instant.now().getEpochSecond());
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(fields))).post("/api/webhook/email/mailgun")
                    .then().statusCode(200).body("status", equalTo("accepted"));
            LeadMessage event = WebhookEvents.await(messages, id);
            assertThat(event.email()).isEqualTo("omar.farooq@example.ae");
            assertThat(event.senderName()).isEqualTo("Omar Farooq");
            assertThat(event.text()).isEqualTo(fields.get("stripped-text"));
        }
        given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(fields))).post("/api/webhook/email/mailgun")
                .then().statusCode(403).contentType("application/problem+json").body("field", equalTo("token"));
    }

    @Test
    void mailgunStaleTimestamp_orWrongKey_isRefused() {
        Map<String, String> stale = mailgunFields(WebhookEvents.unique() + MAILGUN_ID, Instant.now().minusSeconds(3600).getEpochSecond());
        given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(stale))).post("/api/webhook/email/mailgun")
                .then().statusCode(403).body("field", equalTo("timestamp"));
        Map<String, String> forged = new LinkedHashMap<>(WebhookFixtures.fields("mailgun/forward.json"));
        forged.putAll(PlatformSignatures.mailgun("not-the-key", Instant.now().getEpochSecond(), WebhookEvents.unique().repeat(6)));
        given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(forged))).post("/api/webhook/email/mailgun")
                .then().statusCode(403).body("field", equalTo("signature"));
    }

    @Test
    void rawEmail_withTheBearerToken_isPublished() {
        String id = WebhookEvents.unique() + RAW_ID;
        byte[] body = WebhookFixtures.replacing("email/reply.eml", Map.of(RAW_ID, id));
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType("message/rfc822").body(body).header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                    .post("/api/webhook/email/raw")
                    .then().statusCode(200).body("status", equalTo("accepted"));
            LeadMessage event = WebhookEvents.await(messages, id);
            assertThat(event.senderName()).isEqualTo("Zoë Müller");
            assertThat(event.email()).isEqualTo("zoe.mueller@example.de");
            assertThat(event.subject()).isEqualTo("Re: Angebot für 12 Bürostühle");
            assertThat(event.text()).isEqualTo("Hello,\n\nwe would like to order the 12 office chairs from your offer. "
                    + "Can you deliver\nthem to Berlin next week? It is quite urgent.");
        }
    }

    @Test
    void autoReply_isAcknowledgedAndNothingIsPublished() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType("message/rfc822").body(WebhookFixtures.bytes("email/auto-reply.eml"))
                    .header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                    .post("/api/webhook/email/raw")
                    .then().statusCode(200).body("status", equalTo("ignored"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
    }

    @Test
    void rawEmailWithoutTokenOrAsJson_isRefused() {
        byte[] body = WebhookFixtures.bytes("email/reply.eml");
        given().contentType("message/rfc822").body(body).post("/api/webhook/email/raw").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                .post("/api/webhook/email/raw")
                .then().statusCode(415).contentType("application/problem+json");
        given().contentType("message/rfc822").body("not an email at all".getBytes(StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                .post("/api/webhook/email/raw")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("From"));
    }

    @Test
    void nestedMimeBomb_isA413Problem_andEmailIsStillTaken() {
        byte[] bomb = NestedEmails.nested(300, 900_000);
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType("message/rfc822").body(bomb).header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                    .post("/api/webhook/email/raw")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("The email nests multiparts more than 10 levels deep; at most 10 are taken."));
            given().contentType("message/rfc822").body(NestedEmails.wide(MimeEmails.MAX_PARTS + 1))
                    .header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                    .post("/api/webhook/email/raw")
                    .then().statusCode(413).contentType("application/problem+json");
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
        given().contentType("message/rfc822").header("Authorization", "Bearer " + RAW_EMAIL_TOKEN)
                .body(WebhookFixtures.replacing("email/reply.eml", Map.of(RAW_ID, WebhookEvents.unique() + RAW_ID)))
                .post("/api/webhook/email/raw")
                .then().statusCode(200).body("status", equalTo("accepted"));
    }

    @Test
    void sendGridRawModeAndMailgunBodyMime_areHeldToTheSameMimeLimits() {
        String bomb = new String(NestedEmails.nested(MimeEmails.MAX_DEPTH + 1, 10), StandardCharsets.US_ASCII);
        Map<String, String> sendGrid = Map.of("email", bomb, "to", "sales@inbound.shop.example");
        given().contentType(WebhookFixtures.multipartType(BOUNDARY)).body(WebhookFixtures.multipart(BOUNDARY, sendGrid, List.of()))
                .queryParam("token", SENDGRID_TOKEN)
                .post("/api/webhook/email/sendgrid")
                .then().statusCode(413).contentType("application/problem+json");
        Map<String, String> mailgun = new LinkedHashMap<>(Map.of("recipient", "sales@mg.shop.example", "body-mime", bomb));
        mailgun.putAll(PlatformSignatures.mailgun(MAILGUN_SIGNING_KEY, Instant.now().getEpochSecond(),
                (WebhookEvents.unique() + "0123456789").repeat(3).substring(0, 50)));
        given().contentType(FORM).body(WebhookEvents.form(WebhookFixtures.urlEncoded(mailgun))).post("/api/webhook/email/mailgun")
                .then().statusCode(413).contentType("application/problem+json");
    }

    private static byte[] sendGridBody(String messageId, String extraHtml) {
        Map<String, String> fields = new LinkedHashMap<>(WebhookFixtures.fields("sendgrid/parsed.json"));
        fields.replace("headers", fields.get("headers").replace(SENDGRID_ID, messageId));
        fields.replace("html", fields.get("html") + extraHtml);
        return WebhookFixtures.multipart(BOUNDARY, fields, WebhookFixtures.files("sendgrid/parsed.json"));
    }

    private static Map<String, String> mailgunFields(String messageId, long timestamp) {
        Map<String, String> fields = new LinkedHashMap<>(WebhookFixtures.fields("mailgun/forward.json"));
        fields.replace("Message-Id", "<" + messageId + ">");
        fields.replace("message-headers", fields.get("message-headers").replace(MAILGUN_ID, messageId));
        fields.putAll(PlatformSignatures.mailgun(MAILGUN_SIGNING_KEY, timestamp, (WebhookEvents.unique() + "0123456789").repeat(3).substring(0, 50)));
        return fields;
    }
}
