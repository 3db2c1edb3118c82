package io.leadflow.events;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A normalized customer message: the record on {@link Topics#MESSAGES}, keyed by {@link #leadKey()}.
 *
 * @param messageId      the idempotency key: the platform's message id, an Idempotency-Key, or a content hash
 * @param leadKey        the contact identity, see {@link #leadKeyOf}
 * @param channel        where the customer wrote from
 * @param receivedAt     when ingest received it
 * @param externalId     the platform's own message id, when it has one
 * @param senderName     the display name, trimmed
 * @param phone          the phone in E.164, when known
 * @param email          the validated, lower-cased email, when known
 * @param platformUserId the sender's id on the platform (WhatsApp wa_id, Instagram PSID, …)
 * @param text           the cleaned text (HTML to text, whitespace, length cap)
 * @param originalText   the text as the customer sent it
 * @param subject        the email subject
 * @param attachments    media that came with the message (metadata only)
 * @param rawPayloadRef  a reference to the raw webhook payload (its SHA-256)
 * @param client         where the request came from
 * @param metadata       whatever else the platform sent that is worth keeping (UTM fields, raw phone, …)
 */
public record LeadMessage(
        String messageId,
        String leadKey,
        Channel channel,
        Instant receivedAt,
        String externalId,
        String senderName,
        String phone,
        String email,
        String platformUserId,
        String text,
        String originalText,
        String subject,
        List<Attachment> attachments,
        String rawPayloadRef,
        ClientInfo client,
        Map<String, Object> metadata) {

    public LeadMessage {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * The contact identity (SPEC §3): the E.164 phone if known, else the lower-cased email, else
     * {@code channel:platform-user-id}.
     */
    public static String leadKeyOf(String phone, String email, Channel channel, String platformUserId) {
        if (phone != null && !phone.isBlank()) {
            return phone;
        }
        if (email != null && !email.isBlank()) {
            return email.toLowerCase(Locale.ROOT);
        }
        if (platformUserId != null && !platformUserId.isBlank()) {
            return channel.label() + ":" + platformUserId;
        }
        throw new IllegalArgumentException("a lead needs a phone, an email or a platform user id");
    }

    /** Media that came with a message: what it is and where the platform keeps it, never its bytes. */
    public record Attachment(String kind, String mimeType, String platformId, String url, String fileName,
                             Long sizeBytes, String caption) {
    }

    /** Where the webhook request came from. */
    public record ClientInfo(String ip, String userAgent) {
    }
}
