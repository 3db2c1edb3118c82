package io.leadflow.system;

import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.stack.ServiceProcess;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every channel's webhook, posted as its platform does (signed with the platform's scheme), all the way to the
 * stored lead as the dashboard API shows it; and a redelivery across an ingest restart that stays one message.
 */
class ChannelsIT {

    private static final String WHATSAPP_SECRET = "system-test-whatsapp-secret";
    private static final String INSTAGRAM_SECRET = "system-test-instagram-secret";
    private static final String TWILIO_TOKEN = "system-test-twilio-token";
    private static final String SENDGRID_TOKEN = "system-test-sendgrid-token";
    private static final String MAILGUN_KEY = "system-test-mailgun-key";
    private static final String RAW_TOKEN = "system-test-raw-token";
    private static final String ORIGIN = "https://www.shop.example";
    private static final String BOUNDARY = "sYsTeMbOuNdArY";
    private static final Duration STORED = Duration.ofSeconds(60);

    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs")), Map.of(
                "LEADFLOW_WHATSAPP_APP_SECRET", WHATSAPP_SECRET,
                "LEADFLOW_INSTAGRAM_APP_SECRET", INSTAGRAM_SECRET,
                "LEADFLOW_TWILIO_AUTH_TOKEN", TWILIO_TOKEN,
                "LEADFLOW_EMAIL_SENDGRID_TOKEN", SENDGRID_TOKEN,
                "LEADFLOW_EMAIL_MAILGUN_SIGNING_KEY", MAILGUN_KEY,
                "LEADFLOW_EMAIL_RAW_TOKEN", RAW_TOKEN,
                "LEADFLOW_WEBSITE_ALLOWED_ORIGINS", ORIGIN));
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
    void whatsappCloudApi_messageBecomesTheSendersLead() {
        byte[] body = WebhookFixtures.bytes("whatsapp/text.json");
        meta(body, WHATSAPP_SECRET).post("/api/webhook/whatsapp").then().statusCode(200).body("status", equalTo("accepted"));

        assertLead(byPhone("+923001112233"), "Ayesha Khan", "+923001112233", null, "whatsapp",
                "Is the blue sofa in stock? I want to buy 2 this week, urgent.");
    }

    @Test
    void instagramMessage_becomesALeadOfItsOwn() {
        byte[] body = WebhookFixtures.bytes("instagram/text.json");
        meta(body, INSTAGRAM_SECRET).post("/api/webhook/instagram").then().statusCode(200).body("status", equalTo("accepted"));

        String text = "How much for the oak dining table? Need it before Friday";
        assertLead(lead -> text.equals(lead.get("message")), null, null, null, "instagram", text);
    }

    @Test
    void twilioWhatsappAndSms_becomeLeadsWithE164Phones() {
        twilio(WebhookFixtures.form("twilio/whatsapp.form")).then().statusCode(200);
        twilio(WebhookFixtures.form("twilio/sms.form")).then().statusCode(200);

        assertLead(byPhone("+923217778899"), "Hamza Siddiqui", "+923217778899", null, "whatsapp",
                "Salam, I need 5 office chairs delivered to Karachi tomorrow. What is the price?");
        assertLead(byPhone("+14155550123"), null, "+14155550123", null, "sms",
                "Hi, can you quote this desk for 12 units? Need them by Monday.");
    }

    @Test
    void sendGridInboundParse_becomesTheSendersLead() {
        byte[] body = WebhookFixtures.multipart(BOUNDARY, WebhookFixtures.fields("sendgrid/parsed.json"),
                WebhookFixtures.files("sendgrid/parsed.json"));
        ingest().contentType(WebhookFixtures.multipartType(BOUNDARY)).body(body).queryParam("token", SENDGRID_TOKEN)
                .post("/api/webhook/email/sendgrid").then().statusCode(200);

        // The number she wrote in the mail becomes the lead's phone (scoring fills contact details from the text).
        assertLead(byEmail("fatima.noor@example.pk"), "Fatima Noor", "+923331234567", "fatima.noor@example.pk", "email",
                "Assalam o Alaikum,\n\nPlease send a quotation for 20 study tables delivered to Islamabad. "
                        + "We can pay 30% in advance.\n\nMy number is 0333 1234567.");
    }

    @Test
    void mailgunRoute_becomesTheSendersLead() {
        Map<String, String> fields = new LinkedHashMap<>(WebhookFixtures.fields("mailgun/forward.json"));
        fields.putAll(PlatformSignatures.mailgun(MAILGUN_KEY, Instant.now().getEpochSecond(),
                (UUID.randomUUID().toString().replace("-", "") + "abcdefghijklmnopqrstuvwxyz").substring(0, 50)));
        ingest().contentType("application/x-www-form-urlencoded").body(form(fields))
                .post("/api/webhook/email/mailgun").then().statusCode(200);

        assertLead(byEmail("omar.farooq@example.ae"), "Omar Farooq", null, "omar.farooq@example.ae", "email",
                "Thanks for the catalogue. We want the L-shaped sofa set, 3 pieces, delivered to Dubai Marina by the 20th.");
    }

    @Test
    void rawEmail_becomesTheSendersLeadWithTheDecodedName() {
        ingest().contentType("message/rfc822").header("Authorization", "Bearer " + RAW_TOKEN)
                .body(WebhookFixtures.bytes("email/reply.eml"))
                .post("/api/webhook/email/raw").then().statusCode(200);

        assertLead(byEmail("zoe.mueller@example.de"), "Zoë Müller", null, "zoe.mueller@example.de", "email",
                "Hello,\n\nwe would like to order the 12 office chairs from your offer. Can you deliver\n"
                        + "them to Berlin next week? It is quite urgent.");
    }

    @Test
    void websiteForm_becomesALeadWithPhoneAndEmail() {
        ingest().contentType(ContentType.JSON).header("Origin", ORIGIN).body(WebhookFixtures.bytes("website/nested.json"))
                .post("/api/webhook/website").then().statusCode(202).header("Access-Control-Allow-Origin", ORIGIN);

        assertLead(byPhone("+923215556677"), "Imran Qureshi", "+923215556677", "imran.qureshi@example.com", "website",
                "Please call me about a bulk order of 40 chairs for our school. Budget around 500,000 PKR.");
    }

    @Test
    void genericWebhook_withEmail_becomesALead() {
        ingest().contentType(ContentType.JSON)
                .body(Map.of("phone", "0300 1230101", "email", "Khalid@Example.com", "message", "Do you have 2 blue sofas?",
                        "channel", "sms", "sender_name", "Khalid"))
                .post("/api/webhook").then().statusCode(202);

        assertLead(byPhone("+923001230101"), "Khalid", "+923001230101", "khalid@example.com", "sms", "Do you have 2 blue sofas?");
    }

    @Test
    void sameWhatsappMessageRedeliveredAcrossAnIngestRestart_staysOneMessageOfOneLead() {
        String phone = "923009990001";
        String id = "wamid.SYSTEMTEST" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = WebhookFixtures.replacing("whatsapp/text.json", Map.of("923001112233", phone,
                "wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA", id));
        meta(body, WHATSAPP_SECRET).post("/api/webhook/whatsapp").then().statusCode(200).body("status", equalTo("accepted"));
        awaitLead(byPhone("+" + phone));
        meta(body, WHATSAPP_SECRET).post("/api/webhook/whatsapp").then().statusCode(200).body("status", equalTo("duplicate"));

        ServiceProcess ingest = stack.process(Service.INGEST);
        ingest.stop();
        ingest.start();
        ingest.awaitReady(Duration.ofSeconds(120));

        // After the restart ingest has forgotten the id: the redelivery reaches Kafka, and the database's unique key holds.
        meta(body, WHATSAPP_SECRET).post("/api/webhook/whatsapp").then().statusCode(200).body("status", equalTo("accepted"));
        // A later message of the same person, on the same partition: once it is stored, the redelivery was handled.
        String followUp = "Also, can you deliver on Saturday?";
        byte[] next = WebhookFixtures.replacing("whatsapp/text.json", Map.of("923001112233", phone,
                "wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA", id + "-2",
                "Is the blue sofa in stock? I want to buy 2 this week, urgent.", followUp));
        meta(next, WHATSAPP_SECRET).post("/api/webhook/whatsapp").then().statusCode(200);

        Map<String, Object> lead = await().atMost(STORED).until(() -> find(byPhone("+" + phone)),
                found -> found != null && followUp.equals(found.get("message")));
        assertThat(lead).containsEntry("message_count", 2);
        assertThat(leads()).filteredOn(byPhone("+" + phone)).hasSize(1);
    }

    private static void assertLead(Predicate<Map<String, Object>> which, String name, String phone, String email,
                                   String channel, String message) {
        Map<String, Object> lead = awaitLead(which);
        assertThat(lead.get("user_name")).isEqualTo(name);
        assertThat(lead.get("user_phone")).isEqualTo(phone);
        assertThat(lead.get("user_email")).isEqualTo(email);
        assertThat(lead.get("channel")).isEqualTo(channel);
        assertThat(lead.get("message")).isEqualTo(message);
        assertThat(lead).containsEntry("message_count", 1);
    }

    private static Map<String, Object> awaitLead(Predicate<Map<String, Object>> which) {
        return await().atMost(STORED).until(() -> find(which), found -> found != null);
    }

    private static Map<String, Object> find(Predicate<Map<String, Object>> which) {
        return leads().stream().filter(which).findFirst().orElse(null);
    }

    private static List<Map<String, Object>> leads() {
        return given().baseUri(stack.url(Service.QUERY)).get("/api/webhook/leads?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("leads");
    }

    private static Predicate<Map<String, Object>> byPhone(String phone) {
        return lead -> phone.equals(lead.get("user_phone"));
    }

    private static Predicate<Map<String, Object>> byEmail(String email) {
        return lead -> email.equals(lead.get("user_email"));
    }

    private static RequestSpecification ingest() {
        return given().baseUri(stack.url(Service.INGEST));
    }

    private static RequestSpecification meta(byte[] body, String secret) {
        return ingest().contentType(ContentType.JSON).body(body).header("X-Hub-Signature-256", PlatformSignatures.meta(secret, body));
    }

    /** Twilio signs the URL it calls: here the service's own address, as no public base URL is configured. */
    private static io.restassured.response.Response twilio(Map<String, String> fields) {
        String url = stack.url(Service.INGEST) + "/api/webhook/twilio";
        return ingest().contentType("application/x-www-form-urlencoded").body(form(fields))
                .header("X-Twilio-Signature", PlatformSignatures.twilio(TWILIO_TOKEN, url, fields))
                .post("/api/webhook/twilio");
    }

    private static String form(Map<String, String> fields) {
        return new String(WebhookFixtures.urlEncoded(fields), StandardCharsets.US_ASCII);
    }
}
