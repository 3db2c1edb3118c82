package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.LeadMessage;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.ParsedWebhook;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SendGrid Inbound Parse posts (multipart/form-data): the parsed fields ({@code from}, {@code subject},
 * {@code text}, {@code html}, {@code headers}, {@code charsets}, {@code attachment-info} …), or with "POST the raw,
 * full MIME message" the whole message in {@code email}.
 */
@ApplicationScoped
public class SendGridInboundParse {

    private final ObjectMapper json;

    public SendGridInboundParse(ObjectMapper json) {
        this.json = json;
    }

    public ParsedWebhook parse(FormData posted) {
        FormData form = posted.withCharsets(charsets(posted.text("charsets")));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("spam_score", form.text("spam_score"));
        metadata.put("spf", form.text("SPF"));
        metadata.put("sender_ip", form.text("sender_ip"));
        metadata.values().removeIf(value -> value == null);
        if (form.has("email")) {
            return EmailLeads.toWebhook(MimeEmails.parse(form.firstBytes("email").orElseThrow()), metadata);
        }
        MimeEmails.Sender sender = MimeEmails.sender(form.text("from"), "from");
        Map<String, List<String>> headers = MimeEmails.headers(form.text("headers"));
        List<String> messageIds = headers.getOrDefault("message-id", List.of());
        EmailMessage email = new EmailMessage("from", sender.address(), sender.name(), form.text("to"),
                MimeEmails.decoded(form.text("subject")),
                messageIds.isEmpty() ? null : EmailMessage.bareMessageId(messageIds.get(0)),
                form.text("text"), form.text("html"), null, headers, attachments(form));
        return EmailLeads.toWebhook(email, metadata);
    }

    /** {@code charsets}: which charset each field was sent in, e.g. {"text":"iso-8859-1","subject":"UTF-8"}. */
    private Map<String, Charset> charsets(String declared) {
        Map<String, Charset> charsets = new HashMap<>();
        if (declared == null) {
            return charsets;
        }
        try {
            json.readTree(declared).fields().forEachRemaining(field -> {
                try {
                    charsets.put(field.getKey(), Charset.forName(field.getValue().asText()));
                } catch (IllegalArgumentException e) {
                    // A charset Java does not know: the field is read as UTF-8.
                }
            });
        } catch (IOException e) {
            // Not JSON: every field is read as UTF-8.
        }
        return charsets;
    }

    /** {@code attachment-info} names each file (filename, type); the parts themselves give the sizes. */
    private List<LeadMessage.Attachment> attachments(FormData form) {
        Map<String, JsonNode> info = new HashMap<>();
        String declared = form.text("attachment-info");
        if (declared != null) {
            try {
                json.readTree(declared).fields().forEachRemaining(field -> info.put(field.getKey(), field.getValue()));
            } catch (IOException e) {
                // Without the info the parts' own names and types are used.
            }
        }
        List<LeadMessage.Attachment> attachments = new ArrayList<>();
        for (FormData.FilePart file : form.files()) {
            JsonNode described = info.get(file.field());
            String fileName = described == null ? file.fileName() : Json.text(described, "filename");
            String type = described == null ? file.contentType() : Json.text(described, "type");
            attachments.add(new LeadMessage.Attachment("file", type, null, null, fileName, file.size(), null));
        }
        return attachments;
    }
}
