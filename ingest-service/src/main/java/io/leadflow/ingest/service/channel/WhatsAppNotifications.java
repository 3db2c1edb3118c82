package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.ParsedWebhook;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WhatsApp Cloud API notifications ({@code object: whatsapp_business_account}): every message in every change of
 * every entry is a customer message; status callbacks and other fields are acknowledged and dropped.
 */
@ApplicationScoped
public class WhatsAppNotifications {

    private static final Set<String> MEDIA = Set.of("image", "video", "audio", "document", "sticker");

    private final ObjectMapper json;

    public WhatsAppNotifications(ObjectMapper json) {
        this.json = json;
    }

    public ParsedWebhook parse(byte[] body) {
        JsonNode root = Json.object(json, body);
        if (!"whatsapp_business_account".equals(Json.text(root, "object"))) {
            throw ProblemException.invalidField("object", "object must be whatsapp_business_account, got "
                    + Json.text(root, "object"));
        }
        List<Inbound> messages = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : Json.array(root, "entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (!"messages".equals(Json.text(change, "field"))) {
                    ignored++;
                    continue;
                }
                JsonNode value = change.path("value");
                ignored += value.path("statuses").size() + value.path("errors").size();
                Map<String, String> names = profileNames(value.path("contacts"));
                for (JsonNode message : value.path("messages")) {
                    Optional<Inbound> inbound = message(message, names, value.path("metadata"));
                    inbound.ifPresent(messages::add);
                    ignored += inbound.isPresent() ? 0 : 1;
                }
            }
        }
        return new ParsedWebhook(messages, ignored);
    }

    private Optional<Inbound> message(JsonNode message, Map<String, String> names, JsonNode business) {
        String from = Json.text(message, "from");
        String type = Json.text(message, "type");
        if (from == null) {
            Log.warnf("WhatsApp message %s has no sender; dropped", Json.text(message, "id"));
            return Optional.empty();
        }
        Inbound.Builder inbound = Inbound.on(Channel.WHATSAPP)
                .externalId(Json.text(message, "id"))
                .senderName(names.get(from))
                // wa_id and from are international numbers without the "+".
                .phone(from.startsWith("+") ? from : "+" + from, null)
                .platformUserId(from)
                .metadata("message_type", type)
                .metadata("sent_at", Json.epoch(Json.text(message, "timestamp"), false))
                .metadata("business_phone_number_id", Json.text(business, "phone_number_id"))
                .metadata("business_display_phone_number", Json.text(business, "display_phone_number"))
                .metadata("reply_to", Json.text(message.path("context"), "id"))
                .metadata("referral", Json.value(json, message.get("referral")));
        return content(message, type, inbound) ? Optional.of(inbound.build()) : Optional.empty();
    }

    /** Reads the message's content by its type; false for types that are not something the customer said. */
    private boolean content(JsonNode message, String type, Inbound.Builder inbound) {
        if (type == null) {
            return false;
        }
        switch (type) {
            case "text" -> inbound.text(Json.text(message.path("text"), "body"));
            case "interactive" -> interactive(message.path("interactive"), inbound);
            case "button" -> inbound.text(Json.text(message.path("button"), "text"))
                    .metadata("button_payload", Json.text(message.path("button"), "payload"));
            case "location" -> location(message.path("location"), inbound);
            case "contacts" -> contacts(message.path("contacts"), inbound);
            case "order" -> order(message.path("order"), inbound);
            default -> {
                if (!MEDIA.contains(type)) {
                    // reaction, unsupported, system, request_welcome …: not a customer message.
                    return false;
                }
                media(type, message.path(type), inbound);
            }
        }
        return inbound.hasText() || inbound.hasAttachments();
    }

    private static void interactive(JsonNode interactive, Inbound.Builder inbound) {
        String kind = Json.text(interactive, "type");
        JsonNode reply = interactive.path(kind == null ? "" : kind);
        if ("nfm_reply".equals(kind)) {
            inbound.text(Optional.ofNullable(Json.text(reply, "body")).orElse("[form reply]"))
                    .metadata("flow_response", Json.text(reply, "response_json"));
            return;
        }
        String title = Json.text(reply, "title");
        String description = Json.text(reply, "description");
        inbound.text(description == null ? title : title + "\n" + description)
                .metadata("reply_id", Json.text(reply, "id"))
                .metadata("interactive_type", kind);
    }

    private void location(JsonNode location, Inbound.Builder inbound) {
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(Json.text(location, "name")).ifPresent(parts::add);
        Optional.ofNullable(Json.text(location, "address")).ifPresent(parts::add);
        inbound.text(parts.isEmpty() ? "[location]" : String.join(", ", parts))
                .metadata("location", Json.value(json, location));
    }

    private void contacts(JsonNode contacts, Inbound.Builder inbound) {
        List<String> shared = new ArrayList<>();
        for (JsonNode contact : contacts) {
            StringBuilder line = new StringBuilder(Optional.ofNullable(Json.text(contact.path("name"), "formatted_name")).orElse(""));
            for (JsonNode phone : contact.path("phones")) {
                Optional.ofNullable(Json.text(phone, "phone")).ifPresent(p -> line.append(' ').append(p));
            }
            shared.add(line.toString().strip());
        }
        inbound.text("[shared contact] " + String.join("; ", shared)).metadata("shared_contacts", Json.value(json, contacts));
    }

    private void order(JsonNode order, Inbound.Builder inbound) {
        int items = order.path("product_items").size();
        inbound.text(Optional.ofNullable(Json.text(order, "text")).orElse("[order] " + items + " item(s)"))
                .metadata("order", Json.value(json, order));
    }

    private static void media(String type, JsonNode media, Inbound.Builder inbound) {
        String caption = Json.text(media, "caption");
        inbound.attachment(new LeadMessage.Attachment(type, Json.text(media, "mime_type"), Json.text(media, "id"), null,
                Json.text(media, "filename"), null, caption));
        inbound.text(caption == null ? "[" + type + "]" : caption);
    }

    private static Map<String, String> profileNames(JsonNode contacts) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : contacts) {
            String waId = Json.text(contact, "wa_id");
            String name = Json.text(contact.path("profile"), "name");
            if (waId != null && name != null) {
                names.put(waId, name);
            }
        }
        return names;
    }
}
