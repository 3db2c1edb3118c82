package io.leadflow.ingest.service;

import java.util.Locale;

/** What became of a webhook request: the {@code outcome} label of {@code leadflow_webhooks_total}. */
public enum Outcome {
    /** At least one new message was published and acknowledged by Kafka. */
    ACCEPTED,
    /** Every message in it had been accepted before (a redelivery). */
    DUPLICATE,
    /** Nothing in it was a lead (status callbacks, echoes, auto-replies, a filled honeypot). */
    IGNORED,
    /** A missing or wrong signature or token. */
    REJECTED_SIGNATURE,
    /** A request that could not be used: malformed, oversized, the wrong content type, a field missing. */
    INVALID,
    /** Too many requests from one address. */
    RATE_LIMITED,
    /** Kafka did not acknowledge in time: 503, the platform retries. */
    UNAVAILABLE,
    /** Something failed on our side. */
    ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
