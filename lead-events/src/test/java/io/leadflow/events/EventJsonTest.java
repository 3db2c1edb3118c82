package io.leadflow.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private static final Instant T = Instant.parse("2026-11-26T10:30:00Z");

    @Test
    void leadAnalyzed_roundTrips() {
        LeadMessage message = new LeadMessage("wamid.1", "+923001234567", Channel.WHATSAPP, T, "wamid.1",
                "Ahmed", "+923001234567", null, "923001234567", "I want to buy", "I want to buy", null,
                List.of(new LeadMessage.Attachment("image", "image/jpeg", "m-1", null, null, 1024L, "this one")),
                "sha256:00", new LeadMessage.ClientInfo("10.0.0.1", "WhatsApp/2.0"), Map.of("utm_source", "ad"));
        Analysis analysis = new Analysis(Intent.BUY, Urgency.HIGH, "sales", Sentiment.POSITIVE, 92, "en",
                new Analysis.ExtractedData("chairs", 3, "PKR 50,000", "Lahore", "evening", List.of(), List.of()),
                "mistral", List.of(new Analysis.ProviderAttempt("mistral", "ok", 420, null)), 420,
                new Analysis.TokenUsage(120, 40));
        LeadAnalyzed event = new LeadAnalyzed(message, analysis);

        assertThat(EventJson.read(EventJson.write(event), LeadAnalyzed.class)).isEqualTo(event);
    }

    @Test
    void aRecordFromBeforeTheTraceMovedToHeaders_isStillRead() {
        String older = "{\"messageId\":\"wamid.1\",\"leadKey\":\"+923001234567\",\"channel\":\"whatsapp\","
                + "\"receivedAt\":\"2026-11-26T10:30:00Z\",\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\","
                + "\"text\":\"I want to buy\"}";

        assertThat(EventJson.read(older, LeadMessage.class)).isEqualTo(new LeadMessage("wamid.1", "+923001234567",
                Channel.WHATSAPP, T, null, null, null, null, null, "I want to buy", null, null, null, null, null, null));
    }

    @Test
    void enumsAndDates_useTheirContractForms() {
        String json = EventJson.write(new LeadView(1, "Ahmed", null, "+923001234567", Channel.WHATSAPP, "hi",
                Intent.BUY, Urgency.HIGH, 85, Quality.HOT, LeadStatus.NEW, 1, T, T, false));
        assertThat(json).contains("\"channel\":\"whatsapp\"", "\"intent\":\"Buy\"", "\"urgency\":\"High\"",
                "\"quality\":\"HOT\"", "\"status\":\"new\"", "\"created_at\":\"2026-11-26T10:30:00Z\"",
                "\"user_name\":\"Ahmed\"", "\"message_count\":1");
    }

    @Test
    void unreadableRecords_areInvalidEvents() {
        assertThatThrownBy(() -> EventJson.read("{nope", LeadMessage.class)).isInstanceOf(EventJson.InvalidEventException.class);
        assertThatThrownBy(() -> EventJson.read("null", LeadMessage.class)).isInstanceOf(EventJson.InvalidEventException.class);
        assertThatThrownBy(() -> EventJson.read(null, LeadMessage.class)).isInstanceOf(EventJson.InvalidEventException.class);
        assertThatThrownBy(() -> EventJson.read("{\"channel\":\"fax\"}", LeadMessage.class))
                .isInstanceOf(EventJson.InvalidEventException.class);
    }

    @Test
    void unreadableRecords_haveAReasonThatNamesWhereAndWhy_neverAValueOfTheRecord() {
        assertThat(reason("{\"channel\":\"fax-0300-1234567\"}", LeadMessage.class)).isEqualTo(new DeadLetter.Reason(
                "wrong_schema", "not a valid LeadMessage: ValueInstantiationException at $.channel: cannot make a Channel of it"));
        assertThat(reason("{\"receivedAt\":\"ahmed@example.com\"}", LeadMessage.class)).isEqualTo(new DeadLetter.Reason(
                "wrong_schema", "not a valid LeadMessage: InvalidFormatException at $.receivedAt: expected Instant"));
        assertThat(reason("{\"attachments\":[{\"sizeBytes\":\"Ahmed Khan\"}]}", LeadMessage.class)).isEqualTo(
                new DeadLetter.Reason("wrong_schema",
                        "not a valid LeadMessage: InvalidFormatException at $.attachments[0].sizeBytes: expected Long"));
        assertThat(reason("[\"+923001234567\"]", LeadMessage.class)).isEqualTo(new DeadLetter.Reason(
                "wrong_schema", "not a valid LeadMessage: MismatchedInputException at $: expected LeadMessage"));
        assertThat(reason("{\"text\": I want to buy", LeadMessage.class)).isEqualTo(new DeadLetter.Reason(
                "not_json", "not a valid LeadMessage: not JSON, JsonParseException at line 1, column 10"));
        assertThat(reason("null", LeadMessage.class))
                .isEqualTo(new DeadLetter.Reason("wrong_schema", "not a valid LeadMessage: the value is JSON null"));
        assertThat(reason(null, LeadMessage.class))
                .isEqualTo(new DeadLetter.Reason("not_json", "not a valid LeadMessage: the record has no value"));
    }

    @Test
    void leadKey_isPhoneThenEmailThenPlatformId() {
        assertThat(LeadMessage.leadKeyOf("+923001234567", "a@b.com", Channel.WHATSAPP, "x")).isEqualTo("+923001234567");
        assertThat(LeadMessage.leadKeyOf(null, "Sara@Example.com", Channel.EMAIL, null)).isEqualTo("sara@example.com");
        assertThat(LeadMessage.leadKeyOf(null, null, Channel.INSTAGRAM, "1789")).isEqualTo("instagram:1789");
        assertThatThrownBy(() -> LeadMessage.leadKeyOf(null, " ", Channel.WEBSITE, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DeadLetter.Reason reason(String json, Class<?> type) {
        try {
            EventJson.read(json, type);
        } catch (EventJson.InvalidEventException e) {
            return e.reason();
        }
        throw new AssertionError("read " + json);
    }

    @Test
    void mask_neverShowsAWholePhoneEmailOrText() {
        assertThat(Mask.phone("+923001234567")).isEqualTo("+92*******567");
        assertThat(Mask.email("ahmed@example.com")).isEqualTo("a***@example.com");
        assertThat(Mask.leadKey("instagram:1789")).isEqualTo("instagram:***");
        assertThat(Mask.text("I want to buy")).isEqualTo("[13 chars]");
    }
}
