package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.http.ProblemException;

import java.io.IOException;
import java.time.Instant;

/** Reading platform JSON: strictly (not JSON, not UTF-8 → 400), and tolerant of fields we do not know. */
final class Json {

    private Json() {
    }

    /** The body as a JSON object, or a 400 problem saying what is wrong with it. */
    static JsonNode object(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.malformedBody("The body is empty; expected a JSON object.");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.malformedBody("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.malformedBody("The body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.malformedBody("The body is JSON but not an object; expected a JSON object.");
        }
        return root;
    }

    /** A required array field, or a 400 problem naming it. */
    static JsonNode array(JsonNode node, String field) {
        JsonNode array = node.get(field);
        if (array == null || !array.isArray()) {
            throw ProblemException.invalidField(field, field + " is required and must be an array");
        }
        return array;
    }

    /** A text (or number) field; null when absent, null or blank. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !(value.isTextual() || value.isNumber() || value.isBoolean())) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    /** A JSON value as plain maps, lists and scalars, for metadata; null when absent. */
    static Object value(ObjectMapper mapper, JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : mapper.convertValue(node, Object.class);
    }

    /** Epoch seconds (WhatsApp) or milliseconds (Instagram) as an ISO instant; null when absent. */
    static String epoch(String value, boolean millis) {
        if (value == null) {
            return null;
        }
        try {
            long number = Long.parseLong(value.strip());
            return (millis ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number)).toString();
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
