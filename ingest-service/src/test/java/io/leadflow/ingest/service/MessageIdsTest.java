package io.leadflow.ingest.service;

import io.leadflow.events.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    private static final Instant T = Instant.parse("2026-11-26T10:01:00Z");

    @Test
    void contentHash_sameMessageWithinTheWindowIsTheSameId() {
        assertThat(MessageIds.contentHash(Channel.WHATSAPP, "+923001234567", "yes", T))
                .isEqualTo(MessageIds.contentHash(Channel.WHATSAPP, "+923001234567", "yes", T.plusSeconds(300)));
    }

    @Test
    void contentHash_sameTextTheNextDayIsANewMessage() {
        assertThat(MessageIds.contentHash(Channel.WHATSAPP, "+923001234567", "yes", T))
                .isNotEqualTo(MessageIds.contentHash(Channel.WHATSAPP, "+923001234567", "yes", T.plusSeconds(86_400)));
    }

    @Test
    void contentHash_differsBySenderChannelAndText() {
        String base = MessageIds.contentHash(Channel.WHATSAPP, "+923001234567", "yes", T);
        assertThat(MessageIds.contentHash(Channel.SMS, "+923001234567", "yes", T)).isNotEqualTo(base);
        assertThat(MessageIds.contentHash(Channel.WHATSAPP, "+923001234568", "yes", T)).isNotEqualTo(base);
        assertThat(MessageIds.contentHash(Channel.WHATSAPP, "+923001234567", "no", T)).isNotEqualTo(base);
    }

    @Test
    void clientKey_isStablePerChannel() {
        assertThat(MessageIds.clientKey(Channel.WEBSITE, "abc")).isEqualTo(MessageIds.clientKey(Channel.WEBSITE, " abc "));
        assertThat(MessageIds.clientKey(Channel.WEBSITE, "abc")).isNotEqualTo(MessageIds.clientKey(Channel.EMAIL, "abc"));
    }
}
