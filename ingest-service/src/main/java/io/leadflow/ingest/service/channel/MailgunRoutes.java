package io.leadflow.ingest.service.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.LeadMessage;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.ParsedWebhook;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Mailgun route posts ({@code forward("https://…")}): the fully parsed message ({@code from}, {@code subject},
 * {@code body-plain}, {@code stripped-text}, {@code stripped-signature}, {@code message-headers} …, files as
 * {@code attachment-1} …), or the raw message in {@code body-mime} for a route URL ending in "mime".
 */
@ApplicationScoped
public class MailgunRoutes {

    private final ObjectMapper json;

    public MailgunRoutes(ObjectMapper json) {
        this.json = json;
    }

    public ParsedWebhook parse(FormData form) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (form.text("stripped-signature") != null) {
            metadata.put("email_signature", form.text("stripped-signature"));
        }
        if (form.has("body-mime")) {
            return EmailLeads.toWebhook(MimeEmails.parse(form.firstBytes("body-mime").orElseThrow()), metadata);
        }
        MimeEmails.Sender sender = MimeEmails.sender(form.text("from"), "from");
        Map<String, List<String>> headers = headers(form.text("message-headers"));
        String messageId = headers.containsKey("message-id") ? headers.get("message-id").get(0) : form.text("Message-Id");
        EmailMessage email = new EmailMessage("from", sender.address(), sender.name(), form.text("recipient"),
                form.text("subject"), EmailMessage.bareMessageId(messageId), form.text("body-plain"),
                form.text("body-html"), form.text("stripped-text"), headers, attachments(form));
        return EmailLeads.toWebhook(email, metadata);
    }

    /** {@code message-headers}: a JSON list of [name, value] pairs, in order. */
    private Map<String, List<String>> headers(String declared) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (declared == null) {
            return headers;
        }
        try {
            for (JsonNode pair : json.readTree(declared)) {
                if (pair.isArray() && pair.size() == 2) {
                    headers.computeIfAbsent(pair.get(0).asText().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                            .add(pair.get(1).asText());
                }
            }
        } catch (IOException e) {
            // Not JSON: no headers beyond the form's own fields.
        }
        return headers;
    }

    private static List<LeadMessage.Attachment> attachments(FormData form) {
        return form.files().stream()
                .map(file -> new LeadMessage.Attachment("file", file.contentType(), null, null, file.fileName(), file.size(), null))
                .toList();
    }
}
