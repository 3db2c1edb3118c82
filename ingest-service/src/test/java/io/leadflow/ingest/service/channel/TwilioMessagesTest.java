package io.leadflow.ingest.service.channel;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioMessagesTest {

    @Test
    void whatsappMessage_isWhatsappWithTheProfileName() {
        ParsedWebhook parsed = TwilioMessages.parse(form("twilio/whatsapp.form"));

        assertThat(parsed.messages()).singleElement().usingRecursiveComparison().isEqualTo(Inbound.on(Channel.WHATSAPP)
                .externalId("SM3a0f1ec5d7a4a2d36ec0b3b4f3b0c2a1")
                .senderName("Hamza Siddiqui")
                .phone("whatsapp:+923217778899", null)
                .platformUserId("923217778899")
                .text("Salam, I need 5 office chairs delivered to Karachi tomorrow. What is the price?")
                .metadata("to", "whatsapp:+14155238886")
                .metadata("account_sid", "AC0123456789abcdef0123456789abcdef")
                .build());
    }

    @Test
    void sms_isSmsWithTheSendersCountryAsRegion_andItsMedia() {
        Inbound sms = TwilioMessages.parse(form("twilio/sms.form")).messages().get(0);

        assertThat(sms.channel()).isEqualTo(Channel.SMS);
        assertThat(sms.phone()).isEqualTo("+14155550123");
        assertThat(sms.phoneRegion()).isEqualTo("US");
        assertThat(sms.platformUserId()).isNull();
        assertThat(sms.attachments()).containsExactly(new LeadMessage.Attachment("media", "image/jpeg", null,
                "https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages/MM9e1f4c2b7d8a6e5f4a3b2c1d0e9f8a7b/Media/ME0123456789abcdef0123456789abcdef",
                null, null, null));
        assertThat(sms.metadata()).containsEntry("from_city", "SAN FRANCISCO");
    }

    @Test
    void statusCallback_isAcknowledgedAndDropped() {
        ParsedWebhook parsed = TwilioMessages.parse(form("twilio/status-callback.form"));
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.ignored()).isEqualTo(1);
    }

    @Test
    void quickReplyButton_isTheText() {
        ParsedWebhook parsed = TwilioMessages.parse(FormData.urlEncoded(WebhookFixtures.urlEncoded(Map.of(
                "From", "whatsapp:+923217778899", "MessageSid", "SM1", "ButtonText", "Yes, call me", "ButtonPayload", "CALL"))));
        assertThat(parsed.messages()).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("Yes, call me");
            assertThat(message.metadata()).containsEntry("button_payload", "CALL");
        });
    }

    private static FormData form(String fixture) {
        return FormData.urlEncoded(WebhookFixtures.urlEncoded(WebhookFixtures.form(fixture)));
    }
}
