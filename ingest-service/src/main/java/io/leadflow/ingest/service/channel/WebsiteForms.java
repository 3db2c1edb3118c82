package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.ContactNormalizer;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.MediaTypes;
import io.leadflow.ingest.service.ParsedWebhook;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Website contact-form submissions, JSON or form-encoded, flat or with the fields nested under {@code fields} (as
 * site widgets send them; {@code fields[name]=…} in a form post): {@code name} or {@code full_name},
 * {@code email}, {@code phone}, {@code message}, {@code submission_id}, {@code consent}, {@code utm_*},
 * {@code page_url}, {@code country}, and the honeypot {@code website} that humans leave empty. Anything else is
 * kept as metadata, within {@link io.leadflow.ingest.service.InboundLimits}.
 */
@ApplicationScoped
public class WebsiteForms {

    /** The honeypot: a field hidden from people, which bots fill in. */
    public static final String HONEYPOT = "website";
    private static final Set<String> KNOWN = Set.of("name", "full_name", "email", "phone", "message",
            "submission_id", "consent", "page_url", "country", HONEYPOT);

    private final ObjectMapper json;
    private final ContactNormalizer contacts;

    public WebsiteForms(ObjectMapper json, ContactNormalizer contacts) {
        this.json = json;
        this.contacts = contacts;
    }

    public ParsedWebhook parse(byte[] body, String contentType) {
        Map<String, Object> fields = MediaTypes.is(contentType, "application/json") ? fromJson(body) : fromForm(body, contentType);
        if (present(text(fields, HONEYPOT))) {
            return ParsedWebhook.ignoredEvents(1);
        }
        String message = text(fields, "message");
        if (!present(message)) {
            throw ProblemException.invalidField("message", "message is required and must not be blank");
        }
        String email = text(fields, "email");
        if (present(email) && contacts.email(email).isEmpty()) {
            throw ProblemException.invalidField("email", "email is not a valid address");
        }
        String name = present(text(fields, "name")) ? text(fields, "name") : text(fields, "full_name");
        Inbound.Builder inbound = Inbound.on(Channel.WEBSITE)
                .submissionId(text(fields, "submission_id"))
                .senderName(name)
                .phone(text(fields, "phone"), text(fields, "country"))
                .email(email)
                .text(message)
                .metadata("consent", consent(fields.get("consent")))
                .metadata("page_url", text(fields, "page_url"))
                .metadata("country", text(fields, "country"));
        Map<String, Object> utm = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (key.toLowerCase(Locale.ROOT).startsWith("utm_")) {
                utm.put(key, value);
            } else if (!KNOWN.contains(key)) {
                extra.put(key, value);
            }
        });
        inbound.metadata("utm", utm.isEmpty() ? null : utm).metadata("fields", extra.isEmpty() ? null : extra);
        return ParsedWebhook.of(inbound.build());
    }

    /** The fields of a JSON submission: top-level values, then the ones under {@code fields}, which win. */
    private Map<String, Object> fromJson(byte[] body) {
        JsonNode root = Json.object(json, body);
        Map<String, Object> fields = new LinkedHashMap<>();
        root.fields().forEachRemaining(field -> {
            if (!"fields".equals(field.getKey()) || !field.getValue().isObject()) {
                fields.put(field.getKey(), jsonValue(field.getValue()));
            }
        });
        root.path("fields").fields().forEachRemaining(field -> fields.put(field.getKey(), jsonValue(field.getValue())));
        return fields;
    }

    private Object jsonValue(JsonNode value) {
        return value.isValueNode() ? (value.isNull() ? null : value.isBoolean() ? value.asBoolean() : value.asText())
                : Json.value(json, value);
    }

    /** The fields of a form post; {@code fields[name]} is {@code name}. */
    private static Map<String, Object> fromForm(byte[] body, String contentType) {
        if (!MediaTypes.is(contentType, "application/x-www-form-urlencoded") && !MediaTypes.is(contentType, "multipart/form-data")) {
            throw MediaTypes.unsupported(contentType, "application/json, application/x-www-form-urlencoded or multipart/form-data");
        }
        FormData form = FormData.parse(body, contentType);
        Map<String, Object> fields = new LinkedHashMap<>();
        form.asStrings().forEach((key, values) -> {
            String name = key.startsWith("fields[") && key.endsWith("]") ? key.substring(7, key.length() - 1) : key;
            fields.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
        });
        return fields;
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.get(0);
        }
        return value == null || value instanceof Map ? null : value.toString();
    }

    /** A checkbox as forms send it ("on", "yes", "true", "1"), or the value as sent when it is none of those. */
    private static Object consent(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        if (Set.of("on", "yes", "true", "1", "y").contains(text)) {
            return true;
        }
        if (Set.of("off", "no", "false", "0", "n", "").contains(text)) {
            return false;
        }
        return value.toString();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
