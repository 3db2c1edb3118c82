package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.messaging.LeadRecord;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.InboundLimits;
import io.leadflow.ingest.service.MessageNormalizer;
import io.leadflow.ingest.service.RequestInfo;
import io.leadflow.ingest.service.TestConfigs;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every webhook parser, then the normalizer and the record check that follow it, on thousands of seeded mutations of
 * the platforms' real payloads (bytes flipped, cut, repeated; hostile snippets spliced in: quotes, brackets, deep
 * nesting, invalid UTF-8, NUL, injection strings, MIME boundaries). Each input is either refused with a 4xx problem that
 * says what is wrong, or becomes events that the topics and the database take: never another exception (a 500).
 */
class WebhookParsersFuzzTest {

    /** Fixed, so a failure is repeatable; a failure message names the case. */
    private static final long SEED = 0x1ead_f10eL;
    private static final int CASES = 1000;
    private static final String BOUNDARY = "xYzZY";
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    /** A NUL escaped in JSON (an odd run of backslashes before u0000; an even one is a backslash the sender wrote). */
    private static final Pattern ESCAPED_NUL = Pattern.compile("(?<!\\\\)(\\\\\\\\)*\\\\u0000");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");
    private static final List<byte[]> HOSTILE = Stream.of("\u0000", "\"", "{", "}", "[", "]", "\\", "\\u0000", "\\ud800",
                    "'; DROP TABLE leads; --", "<script>alert(1)</script>", "=HYPERLINK(\"http://evil.example\")", "1e999999",
                    "-0", "null", "true", "%", "%ZZ", "%00", "&", "=", "\r\n", "\r\n--" + BOUNDARY + "\r\n",
                    "\r\n--" + BOUNDARY + "--\r\n", "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n",
                    "=?UTF-8?B?AAAA?=", "[".repeat(5000), "{\"a\":".repeat(2000), "\uD83D\uDE00", "\u202E")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    private static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});

    private final ObjectMapper json = new ObjectMapper();
    private final MessageNormalizer normalizer = new MessageNormalizer(TestConfigs.contacts());

    @TestFactory
    Stream<DynamicTest> everyParser_refusesWithA4xxProblemOrMakesStorableEvents() {
        WhatsAppNotifications whatsapp = new WhatsAppNotifications(json);
        InstagramNotifications instagram = new InstagramNotifications(json);
        GenericMessages generic = new GenericMessages(json, TestConfigs.contacts());
        WebsiteForms website = new WebsiteForms(json, TestConfigs.contacts());
        SendGridInboundParse sendGrid = new SendGridInboundParse(json);
        MailgunRoutes mailgun = new MailgunRoutes(json);
        return Stream.of(
                parser("whatsapp", WebhookFixtures.bytes("whatsapp/several-messages.json"), body -> whatsapp.parse(body).messages()),
                parser("instagram", WebhookFixtures.bytes("instagram/several-events.json"), body -> instagram.parse(body).messages()),
                parser("generic", ("{\"phone\":\"+92 300 1234567\",\"message\":\"I want to buy 3 units today\","
                        + "\"channel\":\"whatsapp\",\"sender_name\":\"Ahmed\",\"email\":\"a@example.com\"}")
                        .getBytes(StandardCharsets.UTF_8), body -> List.of(generic.parse(body))),
                parser("website (JSON)", WebhookFixtures.bytes("website/nested.json"),
                        body -> website.parse(body, "application/json").messages()),
                parser("website (form)", WebhookFixtures.urlEncoded(Map.of("name", "Imran", "phone", "+923215556677",
                        "email", "imran@example.com", "message", "Price of the sofa?", "utm_source", "google")),
                        body -> website.parse(body, "application/x-www-form-urlencoded").messages()),
                parser("twilio", WebhookFixtures.urlEncoded(WebhookFixtures.form("twilio/whatsapp.form")),
                        body -> TwilioMessages.parse(FormData.urlEncoded(body)).messages()),
                parser("sendgrid", WebhookFixtures.multipart(BOUNDARY, WebhookFixtures.fields("sendgrid/parsed.json"),
                                WebhookFixtures.files("sendgrid/parsed.json")),
                        body -> sendGrid.parse(FormData.parse(body, WebhookFixtures.multipartType(BOUNDARY))).messages()),
                parser("mailgun", WebhookFixtures.urlEncoded(WebhookFixtures.fields("mailgun/forward.json")),
                        body -> mailgun.parse(FormData.urlEncoded(body)).messages()),
                parser("email (raw)", WebhookFixtures.bytes("email/reply.eml"),
                        body -> EmailLeads.toWebhook(MimeEmails.parse(body), Map.of()).messages()));
    }

    private DynamicTest parser(String name, byte[] seedInput, Function<byte[], List<Inbound>> parse) {
        return DynamicTest.dynamicTest(name, () -> {
            assertThat(events(parse, seedInput)).as("the unmutated %s payload", name).isNotEmpty();
            Random random = new Random(SEED ^ name.hashCode());
            int refused = 0;
            for (int i = 0; i < CASES; i++) {
                byte[] input = mutate(seedInput, random);
                try {
                    events(parse, input);
                } catch (ProblemException e) {
                    refused++;
                    assertThat(e.problem().status()).as(describe(name, i, input)).isBetween(400, 499);
                    assertThat(e.problem().detail()).as(describe(name, i, input)).isNotBlank();
                } catch (RuntimeException | StackOverflowError e) {
                    fail(describe(name, i, input) + " threw " + e, e);
                }
            }
            assertThat(refused).as("mutations refused, of %d", CASES).isBetween(1, CASES - 1);
        });
    }

    /** What the input would publish, each event checked as the topics and the database would take it. */
    private List<LeadMessage> events(Function<byte[], List<Inbound>> parse, byte[] input) {
        List<Inbound> inbound = parse.apply(input);
        List<LeadMessage> events = new ArrayList<>();
        RequestInfo request = new RequestInfo(Instant.parse("2026-03-02T09:00:00Z"), "fuzz-1", "sha256:ab",
                "203.0.113.7", "fuzz/1.0");
        for (int i = 0; i < inbound.size(); i++) {
            LeadMessage message = normalizer.normalize(inbound.get(i), request, i);
            LeadRecord record = InboundLimits.record(message);
            assertStorable(message, record);
            events.add(message);
        }
        return events;
    }

    private static void assertStorable(LeadMessage message, LeadRecord record) {
        assertThat(message.messageId()).isNotBlank();
        assertThat(record.key()).isNotBlank().isEqualTo(message.leadKey());
        if (message.phone() != null) {
            assertThat(message.phone()).matches(E164);
        }
        if (message.email() != null) {
            assertThat(message.email()).contains("@").isLowerCase();
        }
        assertThat(record.value().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Topics.MAX_EVENT_BYTES);
        assertThat(ESCAPED_NUL.matcher(record.value()).find()).as("a NUL in %s", record.value()).isFalse();
        for (String text : new String[] {message.text(), message.originalText(), message.senderName(), message.externalId()}) {
            if (text != null) {
                assertThat(CONTROL.matcher(text).find()).as("a control character in %s", text).isFalse();
            }
        }
        assertThat(EventJson.read(record.value(), LeadMessage.class)).usingRecursiveComparison().isEqualTo(message);
    }

    /** One to four mutations of the seed input. */
    private static byte[] mutate(byte[] seed, Random random) {
        byte[] bytes = seed;
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            int at = random.nextInt(bytes.length + 1);
            bytes = switch (random.nextInt(6)) {
                case 0 -> flip(bytes, random);
                case 1 -> splice(bytes, at, Math.min(bytes.length, at + random.nextInt(64)), new byte[0]);
                case 2 -> splice(bytes, at, at, slice(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(256))));
                case 3 -> splice(bytes, at, at, HOSTILE.get(random.nextInt(HOSTILE.size())));
                case 4 -> splice(bytes, at, at, INVALID_UTF8.get(random.nextInt(INVALID_UTF8.size())));
                default -> slice(bytes, 0, at);
            };
        }
        return bytes;
    }

    private static byte[] flip(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return bytes;
        }
        byte[] flipped = bytes.clone();
        flipped[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        return flipped;
    }

    private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, from);
        out.writeBytes(insert);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] slice = new byte[to - from];
        System.arraycopy(bytes, from, slice, 0, slice.length);
        return slice;
    }

    private static String describe(String parser, int index, byte[] input) {
        String base64 = Base64.getEncoder().encodeToString(input);
        return parser + " case " + index + " (seed " + SEED + ", input base64 "
                + (base64.length() > 400 ? base64.substring(0, 400) + "…" : base64) + ")";
    }
}
