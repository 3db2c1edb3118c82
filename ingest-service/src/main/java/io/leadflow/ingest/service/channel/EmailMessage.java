package io.leadflow.ingest.service.channel;

import io.leadflow.events.LeadMessage;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inbound email as a mail platform handed it over, whatever its format (a parsed form post or the raw message).
 *
 * @param fromField   the name of the field or header the sender came from, for error answers
 * @param fromAddress the sender's address from the {@code From} header, as written
 * @param fromName    the sender's display name, RFC 2047 decoded
 * @param messageId   the {@code Message-ID} without angle brackets, when there is one
 * @param headers     header values by lower-case name (only the ones asked for need be present)
 * @param strippedText the new part of the body when the platform already cut quotes and signature (Mailgun)
 */
public record EmailMessage(String fromField, String fromAddress, String fromName, String to, String subject,
                           String messageId, String plainBody, String htmlBody, String strippedText,
                           Map<String, List<String>> headers, List<LeadMessage.Attachment> attachments) {

    public EmailMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The first value of a header, by any case of its name; null when absent. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code <abc@host>} → {@code abc@host}; null for a blank id. */
    public static String bareMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) {
            return null;
        }
        String id = messageId.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1).strip();
        }
        return id.isEmpty() ? null : id;
    }
}
