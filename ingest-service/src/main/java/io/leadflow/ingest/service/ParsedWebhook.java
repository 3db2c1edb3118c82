package io.leadflow.ingest.service;

import java.util.List;

/**
 * What one webhook request held: the customer messages in it, and how many events were not leads (status
 * callbacks, echoes, read receipts, auto-replies, bots) and are acknowledged and dropped.
 */
public record ParsedWebhook(List<Inbound> messages, int ignored) {

    public ParsedWebhook {
        messages = List.copyOf(messages);
    }

    public static ParsedWebhook of(Inbound message) {
        return new ParsedWebhook(List.of(message), 0);
    }

    /** A request with nothing that is a lead. */
    public static ParsedWebhook ignoredEvents(int count) {
        return new ParsedWebhook(List.of(), count);
    }
}
