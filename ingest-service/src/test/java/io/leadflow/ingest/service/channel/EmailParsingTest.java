package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.testinfra.webhooks.NestedEmails;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Raw RFC 5322 messages, SendGrid Inbound Parse and Mailgun route posts, read into one message each. */
class EmailParsingTest {

    private static final String BOUNDARY = "xYzZY";

    private final SendGridInboundParse sendGrid = new SendGridInboundParse(new ObjectMapper());
    private final MailgunRoutes mailgun = new MailgunRoutes(new ObjectMapper());

    @Test
    void rawEmail_senderNameIsDecoded_quoteAndSignatureAreCut_originalKept() {
        ParsedWebhook parsed = EmailLeads.toWebhook(MimeEmails.parse(WebhookFixtures.bytes("email/reply.eml")), Map.of());

        Inbound email = parsed.messages().get(0);
        assertThat(email.channel()).isEqualTo(Channel.EMAIL);
        assertThat(email.externalId()).isEqualTo("CAH4x=Q9kVt3zP1m2n3b4v5c6x7z8a9s0d1f2g3h4j5k6l@mail.gmail.com");
        assertThat(email.senderName()).isEqualTo("Zoë Müller");
        assertThat(email.email()).isEqualTo("Zoe.Mueller@Example.DE");
        assertThat(email.subject()).isEqualTo("Re: Angebot für 12 Bürostühle");
        assertThat(email.text()).isEqualTo("Hello,\n\nwe would like to order the 12 office chairs from your offer. Can you deliver\n"
                + "them to Berlin next week? It is quite urgent.");
        assertThat(email.originalText()).contains("Office Manager, Example GmbH").contains("> here is our offer");
        assertThat(email.metadata()).containsEntry("to", "Sales <sales@shop.example>");
    }

    @Test
    void autoReply_isAcknowledgedAndDropped() {
        ParsedWebhook parsed = EmailLeads.toWebhook(MimeEmails.parse(WebhookFixtures.bytes("email/auto-reply.eml")), Map.of());
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.ignored()).isEqualTo(1);
    }

    @Test
    void bulkAndAutoReplyPrecedence_areDropped_autoSubmittedNoIsNot() {
        assertThat(EmailLeads.isAutomatic(withHeaders(Map.of("precedence", List.of("bulk"))))).isTrue();
        assertThat(EmailLeads.isAutomatic(withHeaders(Map.of("precedence", List.of("auto_reply"))))).isTrue();
        assertThat(EmailLeads.isAutomatic(withHeaders(Map.of("auto-submitted", List.of("no"))))).isFalse();
        assertThat(EmailLeads.isAutomatic(withHeaders(Map.of()))).isFalse();
    }

    @Test
    void rawEmailWithoutSender_isA400NamingFrom() {
        assertThatThrownBy(() -> MimeEmails.parse("Subject: hi\r\n\r\nbody".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("From"));
    }

    @Test
    void sendGridParsedPost_isOneMessageWithItsAttachmentAndSpamVerdicts() {
        byte[] body = WebhookFixtures.multipart(BOUNDARY, WebhookFixtures.fields("sendgrid/parsed.json"),
                WebhookFixtures.files("sendgrid/parsed.json"));
        ParsedWebhook parsed = sendGrid.parse(FormData.parse(body, WebhookFixtures.multipartType(BOUNDARY)));

        assertThat(parsed.messages()).singleElement().usingRecursiveComparison().isEqualTo(Inbound.on(Channel.EMAIL)
                .externalId("CAKx7nP0sEndGr1d-Test-0001@mail.gmail.com")
                .senderName("Fatima Noor")
                .email("Fatima.Noor@Example.pk")
                .text("Assalam o Alaikum,\n\nPlease send a quotation for 20 study tables delivered to Islamabad. "
                        + "We can pay 30% in advance.\n\nMy number is 0333 1234567.")
                .originalText(WebhookFixtures.fields("sendgrid/parsed.json").get("text"))
                .subject("Quotation for 20 study tables")
                .metadata("to", "sales@inbound.shop.example")
                .metadata("spam_score", "0.011")
                .metadata("spf", "pass")
                .metadata("sender_ip", "209.85.221.41")
                .attachment(new LeadMessage.Attachment("file", "application/pdf", null, null, "room-plan.pdf", 23L, null))
                .build());
    }

    @Test
    void sendGridRawMimePost_isReadAsTheEmailItCarries() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("email", WebhookFixtures.text("email/reply.eml"));
        fields.put("spam_score", "0.1");
        ParsedWebhook parsed = sendGrid.parse(FormData.parse(WebhookFixtures.multipart(BOUNDARY, fields, List.of()),
                WebhookFixtures.multipartType(BOUNDARY)));
        assertThat(parsed.messages()).singleElement().satisfies(email -> {
            assertThat(email.senderName()).isEqualTo("Zoë Müller");
            assertThat(email.metadata()).containsEntry("spam_score", "0.1");
        });
    }

    @Test
    void sendGridHtmlOnlyEmail_isReadAsText() {
        Map<String, String> fields = new LinkedHashMap<>(WebhookFixtures.fields("sendgrid/parsed.json"));
        fields.remove("text");
        ParsedWebhook parsed = sendGrid.parse(FormData.parse(WebhookFixtures.multipart(BOUNDARY, fields, List.of()),
                WebhookFixtures.multipartType(BOUNDARY)));
        assertThat(parsed.messages().get(0).text()).isEqualTo("Assalam o Alaikum,\n\nPlease send a quotation for 20 study tables "
                + "delivered to Islamabad. We can pay 30% in advance.\n\nMy number is 0333 1234567.");
    }

    @Test
    void mailgunParsedPost_usesMailgunsStrippedText() {
        ParsedWebhook parsed = mailgun.parse(FormData.urlEncoded(WebhookFixtures.urlEncoded(WebhookFixtures.fields("mailgun/forward.json"))));

        Map<String, String> fields = WebhookFixtures.fields("mailgun/forward.json");
        assertThat(parsed.messages()).singleElement().usingRecursiveComparison().isEqualTo(Inbound.on(Channel.EMAIL)
                .externalId("CAJk2mGun-Test-0002@mail.gmail.com")
                .senderName("Omar Farooq")
                .email("Omar.Farooq@Example.AE")
                .text(fields.get("stripped-text"))
                .originalText(fields.get("body-plain"))
                .subject("Re: Sofa set prices")
                .metadata("to", "sales@mg.shop.example")
                .metadata("email_signature", "Best regards,\nOmar")
                .build());
    }

    @Test
    void mailgunRawMimePost_isReadAsTheEmailItCarries() {
        ParsedWebhook parsed = mailgun.parse(FormData.urlEncoded(WebhookFixtures.urlEncoded(Map.of(
                "recipient", "sales@mg.shop.example", "body-mime", WebhookFixtures.text("email/reply.eml")))));
        assertThat(parsed.messages()).singleElement().extracting(Inbound::email).isEqualTo("Zoe.Mueller@Example.DE");
    }

    @Test
    void mailgunPostWithoutFrom_isA400NamingIt() {
        assertThatThrownBy(() -> mailgun.parse(FormData.urlEncoded(WebhookFixtures.urlEncoded(Map.of("subject", "hi")))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("from"));
    }

    @Test
    void multipartsNestedTenDeep_areRead_elevenAreA413() {
        assertThat(MimeEmails.parse(NestedEmails.nested(MimeEmails.MAX_DEPTH, 10)).plainBody()).isEqualTo("Price of 3 chairs?");

        assertThatThrownBy(() -> MimeEmails.parse(NestedEmails.nested(MimeEmails.MAX_DEPTH + 1, 10)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(413);
                    assertThat(e.problem().detail()).isEqualTo("The email nests multiparts more than 10 levels deep; at most 10 are taken.");
                });
    }

    @Test
    void aHundredParts_areRead_moreAreA413() {
        assertThat(MimeEmails.parse(NestedEmails.wide(MimeEmails.MAX_PARTS)).plainBody()).isEqualTo("part 0");

        assertThatThrownBy(() -> MimeEmails.parse(NestedEmails.wide(MimeEmails.MAX_PARTS + 1)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(413);
                    assertThat(e.problem().detail()).isEqualTo("The email has more than 100 MIME parts; at most 100 are taken.");
                });
    }

    private static EmailMessage withHeaders(Map<String, List<String>> headers) {
        return new EmailMessage("From", "a@example.com", null, null, null, null, "hi", null, null, headers, List.of());
    }
}
