package io.leadflow.ingest.messaging;

/** A {@code lead.messages.v1} record as it is sent: the lead key, and the event's JSON. */
public record LeadRecord(String key, String value) {
}
