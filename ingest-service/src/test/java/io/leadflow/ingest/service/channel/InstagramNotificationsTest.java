package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class InstagramNotificationsTest {

    private final InstagramNotifications notifications = new InstagramNotifications(new ObjectMapper());

    @Test
    void customerMessage_isAMessageFromTheInstagramScopedId() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("instagram/text.json"));

        assertThat(parsed.messages()).singleElement().usingRecursiveComparison().isEqualTo(Inbound.on(Channel.INSTAGRAM)
                .externalId("aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTYwNzA4ODI5MjA0NjU2MzoyNDE0OTI4NzM4NjE0NjQ4MzAwAA==")
                .platformUserId("6789012345678901")
                .text("How much for the oak dining table? Need it before Friday")
                .metadata("sent_at", "2025-06-08T21:03:19.876Z")
                .metadata("business_account_id", "17841405822304914")
                .build());
    }

    @Test
    void echoesReadReceiptsAndReactionsAreDropped_attachmentsPostbacksAndOtherEntriesAreMessages() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("instagram/several-events.json"));

        assertThat(parsed.messages())
                .extracting(Inbound::platformUserId, Inbound::text)
                .containsExactly(
                        tuple("6789012345678901", "[image]"),
                        tuple("6789012345678901", "Do you deliver to Lahore?"),
                        tuple("7890123456789012", "Hi, is the rattan chair still available?"));
        assertThat(parsed.ignored()).isEqualTo(3);
        assertThat(parsed.messages().get(0).attachments()).containsExactly(new LeadMessage.Attachment("image", null, null,
                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1790438794882334&signature=test", null, null, null));
        assertThat(parsed.messages().get(1).metadata()).containsEntry("postback_payload", "DELIVERY_QUESTION");
    }

    @Test
    void onlyAnEchoAndAReadReceipt_isNothingToTake() {
        ParsedWebhook parsed = notifications.parse(WebhookFixtures.bytes("instagram/echo-and-read.json"));
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.ignored()).isEqualTo(2);
    }

    @Test
    void theDashboardsTestEvent_underChanges_isAMessageToo() {
        String body = "{\"object\":\"instagram\",\"entry\":[{\"id\":\"0\",\"time\":1749416800,\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"sender\":{\"id\":\"12334\"},\"recipient\":{\"id\":\"23245\"},\"timestamp\":\"1527459824\","
                + "\"message\":{\"mid\":\"random_mid\",\"text\":\"random_text\"}}}]}]}";
        assertThat(notifications.parse(body.getBytes(StandardCharsets.UTF_8)).messages())
                .extracting(Inbound::externalId, Inbound::platformUserId, Inbound::text)
                .containsExactly(tuple("random_mid", "12334", "random_text"));
    }
}
