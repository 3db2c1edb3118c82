package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class WhatsAppNotificationsTest {

    private final WhatsAppNotifications notifications = new WhatsAppNotifications(new ObjectMapper());

    @Test
    void textMessage_isOneInboundWithTheProfileNameAndThePlusAddedToTheNumber() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("whatsapp/text.json"));

        assertThat(parsed.ignored()).isZero();
        assertThat(parsed.messages()).singleElement().usingRecursiveComparison().isEqualTo(Inbound.on(Channel.WHATSAPP)
                .externalId("wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA")
                .senderName("Ayesha Khan")
                .phone("+923001112233", null)
                .platformUserId("923001112233")
                .text("Is the blue sofa in stock? I want to buy 2 this week, urgent.")
                .metadata("message_type", "text")
                .metadata("sent_at", "2025-06-08T20:59:43Z")
                .metadata("business_phone_number_id", "106540352242922")
                .metadata("business_display_phone_number", "15550783881")
                .build());
    }

    @Test
    void everyMessageOfEveryChangeOfEveryEntry_isAMessage_reactionsAndStatusesAreDropped() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("whatsapp/several-messages.json"));

        assertThat(parsed.messages())
                .extracting(Inbound::senderName, Inbound::phone, Inbound::text)
                .containsExactly(
                        tuple("Bilal Ahmed", "+923004445566", "Get a quote"),
                        tuple("Bilal Ahmed", "+923004445566", "3-seater sofa\nBlue velvet, 210 cm"),
                        tuple("Bilal Ahmed", "+923004445566", "Talk to sales"),
                        tuple("Bilal Ahmed", "+923004445566", "Do you have this one in grey?"),
                        tuple("Sara Lopez", "+34612345678", "Our office floor plan, can you furnish it?"));
        assertThat(parsed.ignored()).isEqualTo(2);
    }

    @Test
    void replies_keepWhatWasChosen_andMediaKeepItsMetadata() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("whatsapp/several-messages.json"));

        assertThat(parsed.messages().get(0).metadata()).containsEntry("reply_id", "quote-request")
                .containsEntry("reply_to", "wamid.HBgLMTU1NTA3ODM4ODEVAgARGBJCMDdGRkQ1QkE0QjJBNkQ0MjAA");
        assertThat(parsed.messages().get(2).metadata()).containsEntry("button_payload", "TALK_TO_SALES");
        assertThat(parsed.messages().get(3).attachments()).containsExactly(new LeadMessage.Attachment("image", "image/jpeg",
                "1003383421387256", null, null, null, "Do you have this one in grey?"));
        assertThat(parsed.messages().get(4).attachments()).containsExactly(new LeadMessage.Attachment("document",
                "application/pdf", "2734017510142347", null, "floor-plan.pdf", null, "Our office floor plan, can you furnish it?"));
    }

    @Test
    void statusCallbacks_areAcknowledgedAndDropped() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("whatsapp/statuses.json"));
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.ignored()).isEqualTo(2);
    }

    @Test
    void mediaWithoutCaption_saysWhatItIs() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messages\":[{\"from\":\"923001112233\",\"id\":\"wamid.A\",\"type\":\"audio\",\"audio\":"
                + "{\"mime_type\":\"audio/ogg; codecs=opus\",\"id\":\"55\",\"voice\":true}}]}}]}]}";
        assertThat(notifications.parse(body.getBytes(StandardCharsets.UTF_8)).messages())
                .singleElement().extracting(Inbound::text).isEqualTo("[audio]");
    }

    @Test
    void anotherObject_orNoEntries_isA400NamingTheField() {
        assertThatThrownBy(() -> notifications.parse("{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("object"));
        assertThatThrownBy(() -> notifications.parse("{\"object\":\"whatsapp_business_account\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("entry"));
    }

    @Test
    void notJson_orNotUtf8_isA400() {
        assertThatThrownBy(() -> notifications.parse("{\"object\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
        byte[] latin1 = "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"x\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> notifications.parse(latin1))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).contains("UTF-8"));
    }
}
