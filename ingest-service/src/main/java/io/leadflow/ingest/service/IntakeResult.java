package io.leadflow.ingest.service;

import java.util.List;

/**
 * What a webhook's messages came to.
 *
 * @param outcome    accepted, duplicate or ignored
 * @param messageIds the ids of the request's messages, published now or before
 * @param ignored    how many events in it were not leads
 */
public record IntakeResult(Outcome outcome, List<String> messageIds, int ignored) {

    public IntakeResult {
        messageIds = List.copyOf(messageIds);
    }
}
