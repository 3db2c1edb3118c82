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
import java.util.List;
import java.util.Optional;

/**
 * Instagram Messaging notifications ({@code object: instagram}): the events of {@code entry[].messaging[]} (and of
 * {@code entry[].changes[]} with field {@code messages}, as the dashboard's test button sends them). Customer
 * messages and ice-breaker postbacks are leads; echoes of the business's own messages, read receipts, reactions and
 * deletions are acknowledged and dropped.
 */
@ApplicationScoped
public class InstagramNotifications {

    private final ObjectMapper json;

    public InstagramNotifications(ObjectMapper json) {
        this.json = json;
    }

    public ParsedWebhook parse(byte[] body) {
        JsonNode root = Json.object(json, body);
        if (!"instagram".equals(Json.text(root, "object"))) {
            throw ProblemException.invalidField("object", "object must be instagram, got " + Json.text(root, "object"));
        }
        List<Inbound> messages = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : Json.array(root, "entry")) {
            for (JsonNode event : events(entry)) {
                Optional<Inbound> inbound = event(event, Json.text(entry, "id"));
                inbound.ifPresent(messages::add);
                ignored += inbound.isPresent() ? 0 : 1;
            }
        }
        return new ParsedWebhook(messages, ignored);
    }

    private static List<JsonNode> events(JsonNode entry) {
        List<JsonNode> events = new ArrayList<>();
        entry.path("messaging").forEach(events::add);
        for (JsonNode change : entry.path("changes")) {
            // Other fields (comments, mentions …) are not messages to the business: kept as events to drop.
            events.add("messages".equals(Json.text(change, "field")) ? change.path("value") : change);
        }
        return events;
    }

    private Optional<Inbound> event(JsonNode event, String accountId) {
        String sender = Json.text(event.path("sender"), "id");
        JsonNode message = event.get("message");
        JsonNode postback = event.get("postback");
        if (message == null && postback == null) {
            return Optional.empty(); // read, reaction, referral alone, edits, other fields
        }
        if (sender == null) {
            Log.warn("Instagram event without a sender; dropped");
            return Optional.empty();
        }
        Inbound.Builder inbound = Inbound.on(Channel.INSTAGRAM)
                .platformUserId(sender)
                .metadata("sent_at", Json.epoch(Json.text(event, "timestamp"), true))
                .metadata("business_account_id", Optional.ofNullable(Json.text(event.path("recipient"), "id")).orElse(accountId));
        if (postback != null) {
            inbound.externalId(Json.text(postback, "mid"))
                    .text(Json.text(postback, "title"))
                    .metadata("postback_payload", Json.text(postback, "payload"));
            return inbound.hasText() ? Optional.of(inbound.build()) : Optional.empty();
        }
        if (message.path("is_echo").asBoolean(false) || message.path("is_deleted").asBoolean(false)
                || message.path("is_unsupported").asBoolean(false)) {
            return Optional.empty();
        }
        inbound.externalId(Json.text(message, "mid"))
                .text(Json.text(message, "text"))
                .metadata("quick_reply_payload", Json.text(message.path("quick_reply"), "payload"))
                .metadata("reply_to", Json.text(message.path("reply_to"), "mid"))
                .metadata("referral", Json.value(json, message.get("referral")));
        for (JsonNode attachment : message.path("attachments")) {
            String type = Optional.ofNullable(Json.text(attachment, "type")).orElse("file");
            inbound.attachment(new LeadMessage.Attachment(type, null, null, Json.text(attachment.path("payload"), "url"),
                    Json.text(attachment.path("payload"), "title"), null, null));
        }
        if (!inbound.hasText() && inbound.hasAttachments()) {
            inbound.text("[" + Optional.ofNullable(Json.text(message.path("attachments").path(0), "type")).orElse("attachment") + "]");
        }
        return inbound.hasText() ? Optional.of(inbound.build()) : Optional.empty();
    }
}
