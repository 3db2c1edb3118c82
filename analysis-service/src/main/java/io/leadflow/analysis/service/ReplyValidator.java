package io.leadflow.analysis.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.analysis.client.LlmFailure;
import io.leadflow.analysis.client.LlmReply;
import io.leadflow.events.Analysis;
import io.leadflow.events.Intent;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a provider's answer against the analysis schema again, in Java: a provider that ignores the schema (or was
 * talked into answering something else by the customer's text) gives an invalid reply, never a lead. Phones and
 * emails are kept only when they are written in the text, so a provider cannot invent contact data.
 */
public final class ReplyValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("intent", "urgency", "category", "sentiment", "confidence",
            "language", "extracted");
    private static final Set<String> EXTRACTED_FIELDS = Set.of("product", "quantity", "budget", "location",
            "preferred_contact_time", "phones", "emails");
    private static final int MAX_LABEL = 80;
    private static final int MAX_VALUE = 200;
    private static final int MAX_LIST = 10;

    /** The analysis in a reply, or an {@link LlmFailure#invalidReply} saying what is wrong with it. */
    public Analysis read(LlmReply reply, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(reply.content() == null ? "" : reply.content().strip());
        } catch (JsonProcessingException e) {
            throw LlmFailure.invalidReply("content is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw LlmFailure.invalidReply("content is not a JSON object");
        }
        onlyKnownFields(root, FIELDS, "");
        Intent intent = label(root, "intent", Intent::fromLabel);
        Urgency urgency = label(root, "urgency", Urgency::fromLabel);
        Sentiment sentiment = label(root, "sentiment", Sentiment::fromLabel);
        int confidence = confidence(root.get("confidence"));
        String category = string(root, "category", MAX_LABEL, true);
        String language = string(root, "language", 16, true);
        JsonNode extracted = root.get("extracted");
        if (extracted == null || !extracted.isObject()) {
            throw LlmFailure.invalidReply("extracted is missing or not an object");
        }
        onlyKnownFields(extracted, EXTRACTED_FIELDS, "extracted.");
        Analysis.ExtractedData data = new Analysis.ExtractedData(
                string(extracted, "product", MAX_VALUE, false),
                quantity(extracted.get("quantity")),
                string(extracted, "budget", MAX_VALUE, false),
                string(extracted, "location", MAX_VALUE, false),
                string(extracted, "preferred_contact_time", MAX_VALUE, false),
                phonesWrittenIn(text, list(extracted, "phones")),
                emailsWrittenIn(text, list(extracted, "emails")));
        return new Analysis(intent, urgency, category, sentiment, confidence, language.toLowerCase(Locale.ROOT)
                .replace("ur-latn", "ur-Latn"), data, null, List.of(), 0, reply.tokens());
    }

    private static void onlyKnownFields(JsonNode node, Set<String> allowed, String prefix) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw LlmFailure.invalidReply("unexpected field " + prefix + shortName(name));
            }
        }
        for (String name : allowed) {
            if (!node.has(name)) {
                throw LlmFailure.invalidReply("missing field " + prefix + name);
            }
        }
    }

    private static <T> T label(JsonNode root, String field, Function<String, Optional<T>> parse) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw LlmFailure.invalidReply(field + " is not a string");
        }
        return parse.apply(value.asText())
                .orElseThrow(() -> LlmFailure.invalidReply("unknown " + field + " '" + shortName(value.asText()) + "'"));
    }

    private static int confidence(JsonNode value) {
        if (value == null || !value.isNumber() || value.asDouble() != Math.rint(value.asDouble())) {
            throw LlmFailure.invalidReply("confidence is not a whole number");
        }
        double confidence = value.asDouble();
        if (confidence < 0 || confidence > 100) {
            throw LlmFailure.invalidReply("confidence " + value.asText() + " is outside 0-100");
        }
        return (int) confidence;
    }

    private static Integer quantity(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 10_000_000) {
            throw LlmFailure.invalidReply("extracted.quantity is not a whole number in range");
        }
        return value.asInt();
    }

    private static String string(JsonNode node, String field, int maxLength, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw LlmFailure.invalidReply(field + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw LlmFailure.invalidReply(field + " is not a string");
        }
        String text = value.asText().strip();
        if (text.length() > maxLength) {
            throw LlmFailure.invalidReply(field + " is longer than " + maxLength + " characters");
        }
        return text.isEmpty() && !required ? null : text;
    }

    private static List<String> list(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_LIST) {
            throw LlmFailure.invalidReply("extracted." + field + " is not a short list");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw LlmFailure.invalidReply("extracted." + field + " holds a non-string");
            }
            items.add(item.asText().strip());
        }
        return items;
    }

    /** Phones whose last nine digits are written in the text (so "+92 300…" matches "0300…"). */
    private static List<String> phonesWrittenIn(String text, List<String> phones) {
        String digits = digits(text);
        return phones.stream()
                .filter(phone -> {
                    String own = digits(phone);
                    return own.length() >= 7 && digits.contains(own.substring(Math.max(0, own.length() - 9)));
                })
                .distinct()
                .toList();
    }

    private static List<String> emailsWrittenIn(String text, List<String> emails) {
        String haystack = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return emails.stream()
                .map(email -> email.toLowerCase(Locale.ROOT))
                .filter(email -> email.contains("@") && haystack.contains(email))
                .distinct()
                .toList();
    }

    private static String digits(String value) {
        return value == null ? "" : value.replaceAll("[^0-9]", "");
    }

    private static String shortName(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "…";
    }
}
