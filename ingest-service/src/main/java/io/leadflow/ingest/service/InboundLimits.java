package io.leadflow.ingest.service;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.messaging.LeadRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every message is held to before it becomes an event, whatever its channel: no control characters (PostgreSQL
 * refuses U+0000, so a message with one would be lost after its sender got a 2xx), and every field bounded. What a
 * person wrote is cut (the text, names, long metadata values); identifiers and the shape of metadata are refused with
 * 413, since a cut identifier is another identifier and a form of a thousand fields is no person's.
 */
public final class InboundLimits {

    /** Metadata values (UTM fields, a form's extra fields …) and attachment fields are cut at this many characters. */
    public static final int MAX_VALUE_LENGTH = 2000;
    /** Longer metadata keys are refused. */
    public static final int MAX_KEY_LENGTH = 200;
    /** More keys in one metadata object, or items in one list, are refused. */
    public static final int MAX_ENTRIES = 100;
    /** Metadata nested deeper than this (objects and lists within the message's metadata) is refused. */
    public static final int MAX_DEPTH = 8;
    /** More values in a message's metadata, all levels together, are refused. */
    public static final int MAX_VALUES = 1000;
    /** More attachments on one message are refused. */
    public static final int MAX_ATTACHMENTS = 100;
    /** A platform's message id longer than this is refused: no platform's is (an email's Message-ID fits a 998-character line). */
    public static final int MAX_EXTERNAL_ID_LENGTH = 1000;
    /** A sender's platform id longer than this is refused: it is part of the lead's identity. */
    public static final int MAX_PLATFORM_USER_ID_LENGTH = 200;
    /** User agents are cut here. */
    public static final int MAX_USER_AGENT_LENGTH = 500;
    /**
     * The original text takes at most this much of the event, as JSON: half of {@link Topics#MAX_EVENT_BYTES}, so an
     * email with a long quoted thread in a script of three bytes a character still fits, cut.
     */
    public static final int MAX_ORIGINAL_BYTES = Topics.MAX_EVENT_BYTES / 2;

    private InboundLimits() {
    }

    /** The message without control characters, its metadata and attachments within the limits. */
    public static Inbound apply(Inbound inbound) {
        return new Inbound(inbound.channel(),
                identifier(inbound.externalId(), "message id", MAX_EXTERNAL_ID_LENGTH),
                clean(inbound.submissionId()),
                clean(inbound.senderName()),
                cut(clean(inbound.phone()), MAX_VALUE_LENGTH),
                clean(inbound.phoneRegion()),
                cut(clean(inbound.email()), MAX_VALUE_LENGTH),
                identifier(inbound.platformUserId(), "platform user id", MAX_PLATFORM_USER_ID_LENGTH),
                clean(inbound.text()),
                clean(inbound.originalText()),
                clean(inbound.subject()),
                attachments(inbound.attachments()),
                metadata(inbound.metadata()));
    }

    /**
     * The message as the record to publish, checked whole: its event's JSON within {@link Topics#MAX_EVENT_BYTES}, or a
     * 413 before anything of the request is sent.
     */
    public static LeadRecord record(LeadMessage message) {
        String json = EventJson.write(message);
        long bytes = utf8Length(json);
        if (bytes > Topics.MAX_EVENT_BYTES) {
            throw tooLarge(null, "The message would make an event of " + bytes + " bytes; an event takes at most "
                    + Topics.MAX_EVENT_BYTES + " bytes (its text and original are cut to fit, its metadata, "
                    + "attachments and identifiers are not).");
        }
        return new LeadRecord(message.leadKey(), json);
    }

    /** The client's user agent, cleaned and cut. */
    public static String userAgent(String userAgent) {
        return cut(clean(userAgent), MAX_USER_AGENT_LENGTH);
    }

    /**
     * The text without control characters other than tab, line feed and carriage return (Unicode category Cc:
     * U+0000–U+001F, U+007F–U+009F); the same instance when it has none.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int first = firstRemoved(text);
        if (first < 0) {
            return text;
        }
        StringBuilder cleaned = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isRemoved(c)) {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    /** The text cut at {@code max} characters, never between the two halves of a surrogate pair. */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /** The text cut where its JSON string (escapes included) would pass {@code maxBytes} of UTF-8. */
    public static String cutToJsonBytes(String text, int maxBytes) {
        if (text == null || (long) text.length() * 3 <= maxBytes) {
            return text;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c == '"' || c == '\\' || c < 0x20 ? 2 : utf8Length(c);
            if (bytes > maxBytes) {
                return cut(text, i);
            }
        }
        return text;
    }

    /** 413: what the request holds is more than a message may carry; {@code detail} names the limit. */
    public static ProblemException tooLarge(String field, String detail) {
        return new ProblemException(413, "payload-too-large", "Payload too large", detail, field);
    }

    private static String identifier(String value, String field, int max) {
        String cleaned = clean(value);
        if (cleaned != null && cleaned.strip().length() > max) {
            throw tooLarge(field, "The " + field + " is " + cleaned.strip().length() + " characters long; at most " + max
                    + " are taken (an identifier is refused, not cut).");
        }
        return cleaned;
    }

    private static List<LeadMessage.Attachment> attachments(List<LeadMessage.Attachment> attachments) {
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw tooLarge("attachments", "The message has " + attachments.size() + " attachments; at most "
                    + MAX_ATTACHMENTS + " are taken.");
        }
        return attachments.stream().map(a -> new LeadMessage.Attachment(value(a.kind()), value(a.mimeType()),
                value(a.platformId()), value(a.url()), value(a.fileName()), a.sizeBytes(), value(a.caption()))).toList();
    }

    private static Map<String, Object> metadata(Map<String, Object> metadata) {
        Bounded bounded = new Bounded();
        Map<String, Object> result = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            String name = bounded.key(key, "metadata");
            result.put(name, bounded.value(value, name, 1));
        });
        return result;
    }

    private static String value(String text) {
        return cut(clean(text), MAX_VALUE_LENGTH);
    }

    private static int firstRemoved(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isRemoved(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += utf8Length(text.charAt(i));
        }
        return bytes;
    }

    /** A surrogate counts 2: a pair is one 4-byte character. */
    private static int utf8Length(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }

    private static boolean isRemoved(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    /** One walk through a message's metadata, counting its values. */
    private static final class Bounded {
        private int values;

        Object value(Object value, String path, int depth) {
            if (++values > MAX_VALUES) {
                throw tooLarge(path, "The message's metadata has more than " + MAX_VALUES + " values; at most "
                        + MAX_VALUES + " are taken (values longer than " + MAX_VALUE_LENGTH + " characters are cut).");
            }
            if (value instanceof Map<?, ?> map) {
                requireWithin(map.size(), path, depth, "keys");
                Map<String, Object> bounded = new LinkedHashMap<>();
                map.forEach((key, item) -> {
                    String name = key(key, path);
                    bounded.put(name, value(item, path + "." + name, depth + 1));
                });
                return bounded;
            }
            if (value instanceof Collection<?> list) {
                requireWithin(list.size(), path, depth, "items");
                List<Object> bounded = new ArrayList<>(list.size());
                for (Object item : list) {
                    bounded.add(value(item, path + "[]", depth + 1));
                }
                return bounded;
            }
            if (value == null || value instanceof Number || value instanceof Boolean) {
                return value;
            }
            return InboundLimits.value(value.toString());
        }

        String key(Object key, String path) {
            String name = clean(String.valueOf(key));
            if (name.length() > MAX_KEY_LENGTH) {
                throw tooLarge(path, "A key in " + path + " is " + name.length() + " characters long; at most "
                        + MAX_KEY_LENGTH + " are taken.");
            }
            return name;
        }

        private static void requireWithin(int size, String path, int depth, String what) {
            if (depth > MAX_DEPTH) {
                throw tooLarge(path, path + " is nested " + depth + " levels deep; at most " + MAX_DEPTH + " are taken.");
            }
            if (size > MAX_ENTRIES) {
                throw tooLarge(path, path + " has " + size + " " + what + "; at most " + MAX_ENTRIES + " are taken "
                        + "(values longer than " + MAX_VALUE_LENGTH + " characters are cut).");
            }
        }
    }
}
