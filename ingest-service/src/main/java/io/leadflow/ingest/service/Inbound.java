package io.leadflow.ingest.service;

import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer message as a channel read it from its platform's payload, before normalization: contact details
 * as the platform wrote them, the text as plain text. {@link MessageNormalizer} turns it into a {@link LeadMessage}.
 *
 * @param externalId   the platform's own message id (wamid, Instagram mid, MessageSid, Message-ID), when it has one
 * @param submissionId a client's id for the submission (website {@code submission_id}), when it sends one
 * @param phone        the phone as the platform wrote it
 * @param phoneRegion  the country the payload names for the phone (ISO 3166 code), when it names one
 * @param email        the email as the platform wrote it
 * @param text         the message as plain text, before whitespace cleaning and the length cap
 * @param originalText the message as the customer sent it (HTML, quoted replies …); null when it is {@code text}
 */
public record Inbound(Channel channel, String externalId, String submissionId, String senderName, String phone,
                      String phoneRegion, String email, String platformUserId, String text, String originalText,
                      String subject, List<LeadMessage.Attachment> attachments, Map<String, Object> metadata) {

    public Inbound {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static Builder on(Channel channel) {
        return new Builder(channel);
    }

    /** Builds an {@link Inbound} field by field, as a parser finds them. */
    public static final class Builder {
        private final Channel channel;
        private String externalId;
        private String submissionId;
        private String senderName;
        private String phone;
        private String phoneRegion;
        private String email;
        private String platformUserId;
        private String text;
        private String originalText;
        private String subject;
        private final List<LeadMessage.Attachment> attachments = new ArrayList<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder(Channel channel) {
            this.channel = channel;
        }

        public Builder externalId(String value) {
            externalId = value;
            return this;
        }

        public Builder submissionId(String value) {
            submissionId = value;
            return this;
        }

        public Builder senderName(String value) {
            senderName = value;
            return this;
        }

        public Builder phone(String value, String region) {
            phone = value;
            phoneRegion = region;
            return this;
        }

        public Builder email(String value) {
            email = value;
            return this;
        }

        public Builder platformUserId(String value) {
            platformUserId = value;
            return this;
        }

        public Builder text(String value) {
            text = value;
            return this;
        }

        public Builder originalText(String value) {
            originalText = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder attachment(LeadMessage.Attachment value) {
            attachments.add(value);
            return this;
        }

        public Builder attachments(List<LeadMessage.Attachment> values) {
            attachments.addAll(values);
            return this;
        }

        /** Keeps a value worth keeping; nulls are left out. */
        public Builder metadata(String key, Object value) {
            if (value != null) {
                metadata.put(key, value);
            }
            return this;
        }

        public Builder metadata(Map<String, ?> values) {
            values.forEach(this::metadata);
            return this;
        }

        public boolean hasText() {
            return text != null && !text.isBlank();
        }

        public boolean hasAttachments() {
            return !attachments.isEmpty();
        }

        public Inbound build() {
            return new Inbound(channel, externalId, submissionId, senderName, phone, phoneRegion, email,
                    platformUserId, text, originalText, subject, attachments, metadata);
        }
    }
}
