package io.leadflow.testinfra.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.events.EventJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Webhook payloads shaped as each platform documents them ({@code webhook-fixtures/} in test-infra's resources):
 * WhatsApp Cloud API and Instagram notifications (JSON), Twilio posts ({@code .form}: one {@code Name=Value} a line),
 * raw emails ({@code .eml}), SendGrid and Mailgun posts (their fields as JSON), website forms.
 */
public final class WebhookFixtures {

    private WebhookFixtures() {
    }

    /** A fixture's bytes, e.g. {@code whatsapp/text.json}. */
    public static byte[] bytes(String path) {
        try (InputStream in = WebhookFixtures.class.getResourceAsStream("/webhook-fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No webhook fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** A JSON fixture with some of its text replaced, e.g. a phone number made unique for one test. */
    public static byte[] replacing(String path, Map<String, String> replacements) {
        String text = text(path);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!text.contains(replacement.getKey())) {
                throw new IllegalArgumentException(path + " does not contain " + replacement.getKey());
            }
            text = text.replace(replacement.getKey(), replacement.getValue());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code .form} fixture's fields, in order; lines starting with # are comments. */
    public static Map<String, String> form(String path) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text(path).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int equals = trimmed.indexOf('=');
                fields.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
            }
        }
        return fields;
    }

    /** The {@code fields} object of a SendGrid or Mailgun fixture. */
    public static Map<String, String> fields(String path) {
        Map<String, String> fields = new LinkedHashMap<>();
        json(path).path("fields").fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
        return fields;
    }

    /** The {@code files} of a SendGrid fixture. */
    public static List<FilePart> files(String path) {
        return StreamSupport.stream(json(path).path("files").spliterator(), false)
                .map(file -> new FilePart(file.path("field").asText(), file.path("filename").asText(),
                        file.path("type").asText(), file.path("content").asText().getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** A file in a multipart post. */
    public record FilePart(String field, String fileName, String contentType, byte[] content) {
    }

    /** Fields as {@code application/x-www-form-urlencoded} UTF-8, the way platforms post them. */
    public static byte[] urlEncoded(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code multipart/form-data} body; its content type is {@link #multipartType(String)}. */
    public static byte[] multipart(String boundary, Map<String, String> fields, List<FilePart> files) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        for (FilePart file : files) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
                    + file.fileName() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
            body.writeBytes(file.content());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return body.toByteArray();
    }

    public static String multipartType(String boundary) {
        return "multipart/form-data; boundary=" + boundary;
    }

    private static JsonNode json(String path) {
        try {
            return EventJson.mapper().readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
