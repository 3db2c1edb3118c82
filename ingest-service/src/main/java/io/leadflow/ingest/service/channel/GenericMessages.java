package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.ContactNormalizer;
import io.leadflow.ingest.service.Inbound;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The seed's generic webhook body, {@code {"phone","message","channel","sender_name"}} plus an optional
 * {@code email}: one message on the channel it names.
 */
@ApplicationScoped
public class GenericMessages {

    private final ObjectMapper json;
    private final ContactNormalizer contacts;

    public GenericMessages(ObjectMapper json, ContactNormalizer contacts) {
        this.json = json;
        this.contacts = contacts;
    }

    public Inbound parse(byte[] body) {
        JsonNode request = Json.object(json, body);
        String message = Json.text(request, "message");
        if (message == null) {
            throw ProblemException.invalidField("message", "message is required and must not be blank");
        }
        String label = Json.text(request, "channel");
        if (label == null) {
            throw ProblemException.invalidField("channel", "channel is required, one of " + Channel.labels());
        }
        Channel channel = Channel.fromLabel(label).orElseThrow(() -> ProblemException.invalidField(
                "channel", "unknown channel '" + label + "', expected one of " + Channel.labels()));
        String email = Json.text(request, "email");
        if (email != null && contacts.email(email).isEmpty()) {
            throw ProblemException.invalidField("email", "email is not a valid address");
        }
        return Inbound.on(channel)
                .senderName(Json.text(request, "sender_name"))
                .phone(Json.text(request, "phone"), null)
                .email(email)
                .text(request.get("message").asText())
                .build();
    }
}
