package io.leadflow.ingest.service;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageNormalizerTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final MessageNormalizer normalizer = new MessageNormalizer(
            new ContactNormalizer(() -> "PK", TestConfigs.ingest(20, 30)));

    @Test
    void platformMessage_isNormalizedAndKeepsThePlatformIdAsMessageId() {
        Inbound inbound = Inbound.on(Channel.WHATSAPP).externalId(" wamid.ABC ").senderName("  Ayesha   Khan ")
                .phone("+923001112233", null).platformUserId("923001112233").text("I want  2\tsofas")
                .metadata("message_type", "text").build();

        LeadMessage message = normalizer.normalize(inbound, request("retry-1"), 0);

        assertThat(message).usingRecursiveComparison().isEqualTo(new LeadMessage("wamid.ABC", "+923001112233",
                Channel.WHATSAPP, NOW, "wamid.ABC", "Ayesha Khan", "+923001112233", null, "923001112233",
                "I want 2 sofas", "I want  2\tsofas", null, List.of(), "sha256:ab",
                new LeadMessage.ClientInfo("203.0.113.7", "platform/1.0"), Map.of("message_type", "text")));
    }

    @Test
    void withoutPlatformId_theIdempotencyKeyIsTheMessageId_distinctPerMessageOfTheRequest() {
        Inbound inbound = Inbound.on(Channel.SMS).phone("+923001112233", null).text("hi").build();
        String first = normalizer.normalize(inbound, request("delivery-9"), 0).messageId();
        assertThat(first).isEqualTo(MessageIds.clientKey(Channel.SMS, "delivery-9"));
        assertThat(normalizer.normalize(inbound, request("delivery-9"), 1).messageId()).isNotEqualTo(first);
    }

    @Test
    void withoutAnyId_theMessageIdIsTheContentHashOfTheWindow() {
        Inbound inbound = Inbound.on(Channel.SMS).phone("0300 1112233", null).text("  yes ").build();
        assertThat(normalizer.normalize(inbound, request(null), 0).messageId())
                .isEqualTo(MessageIds.contentHash(Channel.SMS, "+923001112233", "yes", NOW));
    }

    @Test
    void submissionId_isTheMessageIdTogetherWithTheSender() {
        Inbound fromImran = Inbound.on(Channel.WEBSITE).submissionId("17").email("imran@example.com").text("hi").build();
        Inbound fromSara = Inbound.on(Channel.WEBSITE).submissionId("17").email("sara@example.com").text("hi").build();
        String imran = normalizer.normalize(fromImran, request("ignored-key"), 0).messageId();
        assertThat(imran).isEqualTo(MessageIds.submissionId(Channel.WEBSITE, "17", "imran@example.com"))
                .isEqualTo(normalizer.normalize(fromImran, request(null), 0).messageId())
                .isNotEqualTo(normalizer.normalize(fromSara, request(null), 0).messageId());
    }

    @Test
    void phoneThatDoesNotParse_isKeptRawAndThePlatformUserIdIsTheLead() {
        Inbound inbound = Inbound.on(Channel.WHATSAPP).phone("+12", null).platformUserId("12").text("hello").build();
        LeadMessage message = normalizer.normalize(inbound, request(null), 0);
        assertThat(message.phone()).isNull();
        assertThat(message.leadKey()).isEqualTo("whatsapp:12");
        assertThat(message.metadata()).containsEntry("raw_phone", "+12");
    }

    @Test
    void payloadRegion_readsLocalNumbers() {
        Inbound inbound = Inbound.on(Channel.WEBSITE).phone("(415) 555-0123", "us").text("hello").build();
        assertThat(normalizer.normalize(inbound, request(null), 0).phone()).isEqualTo("+14155550123");
    }

    @Test
    void invalidEmailWithAPhone_isKeptRawAndTheLeadStands() {
        Inbound inbound = Inbound.on(Channel.EMAIL).email("not an address").phone("+923001112233", null).text("hi").build();
        LeadMessage message = normalizer.normalize(inbound, request(null), 0);
        assertThat(message.email()).isNull();
        assertThat(message.metadata()).containsEntry("raw_email", "not an address");
    }

    @Test
    void nobodyToKnow_isA400NamingThePhone() {
        assertThatThrownBy(() -> normalizer.normalize(Inbound.on(Channel.SMS).text("hi").build(), request(null), 0))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().field()).isEqualTo("phone");
                });
        assertThatThrownBy(() -> normalizer.normalize(Inbound.on(Channel.SMS).phone("call me", null).text("hi").build(),
                request(null), 0))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().detail()).contains("not a valid phone"));
    }

    @Test
    void longTexts_areCutAndTheOriginalKeptUpToItsCap() {
        Inbound inbound = Inbound.on(Channel.EMAIL).email("a@example.com").text("x".repeat(50)).originalText("y".repeat(40))
                .subject(" Re:  offer ").build();
        LeadMessage message = normalizer.normalize(inbound, request(null), 0);
        assertThat(message.text()).hasSize(20);
        assertThat(message.originalText()).hasSize(30);
        assertThat(message.metadata()).containsEntry("original_truncated_from", 40);
        assertThat(message.subject()).isEqualTo("Re: offer");
    }

    @Test
    void controlCharacters_areStrippedFromEveryTextIdAndMetadata_tabsAndNewlinesKept() {
        Inbound inbound = Inbound.on(Channel.WEBSITE).externalId("id\u0000-1").senderName("Ay\u0000esha")
                .phone("+92300\u00001112233", null).email("a\u0000@example.com").platformUserId("u\u00001")
                .text("I want\u0000 2\tsofas\u0007\nnow\u009F").originalText("<p>I want\u0000 2</p>\r\n")
                .subject("Re:\u0000 offer")
                .attachment(new LeadMessage.Attachment("file", "image/png\u0000", null, null, "a\u0000.png", 3L, null))
                .metadata("utm", Map.of("utm_source\u0000", "goo\u0000gle", "list", List.of("a\u0000", 1, true)))
                .build();

        LeadMessage message = normalizer.normalize(inbound, new RequestInfo(NOW, null, "sha256:ab", "203.0.113.7",
                "agent\u0000/1"), 0);

        assertThat(message).usingRecursiveComparison().isEqualTo(new LeadMessage("id-1", "+923001112233",
                Channel.WEBSITE, NOW, "id-1", "Ayesha", "+923001112233", "a@example.com", "u1",
                "I want 2 sofas\nnow", "<p>I want 2</p>\r\n", "Re: offer",
                List.of(new LeadMessage.Attachment("file", "image/png", null, null, "a.png", 3L, null)), "sha256:ab",
                new LeadMessage.ClientInfo("203.0.113.7", "agent/1"),
                Map.of("utm", Map.of("utm_source", "google", "list", List.of("a", 1, true)))));
    }

    private static RequestInfo request(String idempotencyKey) {
        return new RequestInfo(NOW, idempotencyKey, "sha256:ab", "203.0.113.7", "platform/1.0");
    }
}
