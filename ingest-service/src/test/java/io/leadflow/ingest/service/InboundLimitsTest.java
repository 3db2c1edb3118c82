package io.leadflow.ingest.service;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.http.ProblemException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InboundLimitsTest {

    @Test
    void longMetadataValues_areCut_theRestIsKeptAsItWas() {
        Inbound inbound = website().metadata("utm", Map.of("utm_source", "x".repeat(100_000), "utm_medium", "cpc"))
                .metadata("consent", true).metadata("count", 3).build();

        Map<String, Object> metadata = InboundLimits.apply(inbound).metadata();

        assertThat(metadata).isEqualTo(Map.of("utm", Map.of("utm_source", "x".repeat(InboundLimits.MAX_VALUE_LENGTH),
                "utm_medium", "cpc"), "consent", true, "count", 3));
    }

    @Test
    void tooManyKeys_isA413NamingWhereAndTheLimit() {
        Map<String, Object> fields = new LinkedHashMap<>();
        IntStream.range(0, InboundLimits.MAX_ENTRIES + 1).forEach(i -> fields.put("field" + i, "value"));

        assertTooLarge(() -> InboundLimits.apply(website().metadata("fields", fields).build()), "fields",
                "fields has 101 keys; at most 100 are taken");
    }

    @Test
    void tooLongAList_isA413() {
        List<Object> items = Collections.nCopies(InboundLimits.MAX_ENTRIES + 1, "item");
        assertTooLarge(() -> InboundLimits.apply(website().metadata("order", Map.of("items", items)).build()),
                "order.items", "order.items has 101 items; at most 100 are taken");
    }

    @Test
    void nestingDeeperThanTheLimit_isA413() {
        Object nested = "leaf";
        for (int i = 0; i < InboundLimits.MAX_DEPTH; i++) {
            nested = Map.of("a", nested);
        }
        Object deepest = nested;
        assertThat(InboundLimits.apply(website().metadata("fields", deepest).build()).metadata()).containsKey("fields");

        assertTooLarge(() -> InboundLimits.apply(website().metadata("fields", Map.of("a", deepest)).build()),
                "fields.a.a.a.a.a.a.a.a", "nested 9 levels deep; at most 8 are taken");
    }

    @Test
    void tooManyValuesAltogether_isA413() {
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            wide.put("group" + i, Collections.nCopies(60, "v"));
        }
        assertTooLarge(() -> InboundLimits.apply(website().metadata("fields", wide).build()), "fields.group16[]",
                "more than 1000 values");
    }

    @Test
    void aKeyLongerThanTheLimit_isA413() {
        assertTooLarge(() -> InboundLimits.apply(website().metadata("fields", Map.of("k".repeat(201), "v")).build()),
                "fields", "is 201 characters long; at most 200 are taken");
    }

    @Test
    void identifiersLongerThanTheirLimit_areRefused_notCut() {
        assertTooLarge(() -> InboundLimits.apply(website().externalId("m".repeat(1001)).build()), "message id",
                "1001 characters long; at most 1000 are taken (an identifier is refused, not cut)");
        assertTooLarge(() -> InboundLimits.apply(website().platformUserId("u".repeat(201)).build()), "platform user id",
                "201 characters long; at most 200");
        assertThat(InboundLimits.apply(website().externalId("m".repeat(1000)).build()).externalId()).hasSize(1000);
    }

    @Test
    void tooManyAttachments_isA413_attachmentFieldsAreCut() {
        LeadMessage.Attachment photo = new LeadMessage.Attachment("file", "image/png", null, "https://x/" + "p".repeat(3000),
                "photo.png", 10L, null);
        assertThat(InboundLimits.apply(website().attachment(photo).build()).attachments()).singleElement()
                .satisfies(kept -> assertThat(kept.url()).hasSize(InboundLimits.MAX_VALUE_LENGTH));

        assertTooLarge(() -> InboundLimits.apply(website().attachments(Collections.nCopies(101, photo)).build()),
                "attachments", "101 attachments; at most 100 are taken");
    }

    @Test
    void cut_neverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        assertThat(InboundLimits.cut("ab" + emoji, 3)).isEqualTo("ab");
        assertThat(InboundLimits.cut("ab" + emoji, 4)).isEqualTo("ab" + emoji);
    }

    @Test
    void cutToJsonBytes_countsTheBytesTheEventWillHold() {
        String chinese = "\u4F60\u597D".repeat(100);
        assertThat(InboundLimits.cutToJsonBytes(chinese, 30)).isEqualTo("\u4F60\u597D".repeat(5));
        assertThat(InboundLimits.cutToJsonBytes("\"".repeat(100), 30)).hasSize(15);
        assertThat(InboundLimits.cutToJsonBytes("plain", 30)).isEqualTo("plain");
    }

    @Test
    void anEventWithinTheLimit_isItsJson_aLargerOneIsA413NamingTheLimit() {
        LeadMessage small = message(Map.of("note", "hello"));
        assertThat(InboundLimits.record(small).value()).isEqualTo(EventJson.write(small));
        assertThat(InboundLimits.record(small).key()).isEqualTo("+923001112233");

        Map<String, Object> big = new LinkedHashMap<>();
        for (int i = 0; i < 80; i++) {
            big.put("field" + i, "\u00E9".repeat(InboundLimits.MAX_VALUE_LENGTH));
        }
        LeadMessage large = message(big);
        assertThat(EventJson.write(large).getBytes(StandardCharsets.UTF_8).length).isGreaterThan(Topics.MAX_EVENT_BYTES)
                .isLessThan(2 * Topics.MAX_EVENT_BYTES);
        assertTooLarge(() -> InboundLimits.record(large), null, "an event takes at most 262144 bytes");
    }

    private static LeadMessage message(Map<String, Object> metadata) {
        return new LeadMessage("m-1", "+923001112233", Channel.WEBSITE, Instant.parse("2026-03-02T09:00:00Z"), null,
                null, "+923001112233", null, null, "hi", "hi", null, new ArrayList<>(), null, null, metadata);
    }

    private static Inbound.Builder website() {
        return Inbound.on(Channel.WEBSITE).phone("+923001112233", null).text("hi");
    }

    private static void assertTooLarge(ThrowingCallable call, String field, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(413);
            assertThat(e.problem().type()).isEqualTo("https://leadflow.io/problems/payload-too-large");
            assertThat(e.problem().field()).isEqualTo(field);
            assertThat(e.problem().detail()).contains(detail);
        });
    }
}
