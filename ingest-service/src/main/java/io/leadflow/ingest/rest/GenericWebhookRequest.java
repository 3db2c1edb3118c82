package io.leadflow.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed's generic webhook body: {@code {"phone","message","channel","sender_name"}} plus an optional email. */
public record GenericWebhookRequest(
        String phone,
        String message,
        String channel,
        @JsonProperty("sender_name") String senderName,
        String email) {
}
