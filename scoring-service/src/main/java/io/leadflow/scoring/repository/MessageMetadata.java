package io.leadflow.scoring.repository;

import io.leadflow.events.LeadMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a message row keeps besides its text ({@code message.metadata}): where it came from and how. */
final class MessageMetadata {

    private MessageMetadata() {
    }

    static Map<String, Object> of(LeadMessage message) {
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        if (message.externalId() != null) {
            metadata.put("platform_message_id", message.externalId());
        }
        if (message.platformUserId() != null) {
            metadata.put("platform_user_id", message.platformUserId());
        }
        if (message.senderName() != null) {
            metadata.put("sender_name", message.senderName());
        }
        if (message.client() != null) {
            metadata.put("client", message.client());
        }
        if (message.subject() != null) {
            metadata.put("subject", message.subject());
        }
        if (!message.attachments().isEmpty()) {
            metadata.put("attachments", message.attachments());
        }
        if (message.rawPayloadRef() != null) {
            metadata.put("raw_payload_ref", message.rawPayloadRef());
        }
        return metadata;
    }
}
