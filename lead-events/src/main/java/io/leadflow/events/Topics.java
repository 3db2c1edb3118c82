package io.leadflow.events;

import java.util.List;

/** The topics that join the services, versioned by name (SPEC §3). */
public final class Topics {

    /** Normalized customer messages, produced by ingest. */
    public static final String MESSAGES = "lead.messages.v1";
    /** Messages with their analysis, produced by analysis. */
    public static final String ANALYZED = "lead.analyzed.v1";
    /** Leads as the API shows them after each scored message, produced by scoring. */
    public static final String SCORED = "lead.scored.v1";
    /** Changes a salesperson made to a lead (status, note), produced by query-service. */
    public static final String UPDATED = "lead.updated.v1";

    /** Every topic is created with this many partitions, so a consumer group can use that many workers. */
    public static final int PARTITIONS = 12;

    /**
     * The largest serialized {@code lead.messages.v1} event ingest publishes; a webhook whose message would be larger
     * is refused with 413. Every later event of that message (its analysis, its scored lead, a dead letter) stays well
     * under {@link #MAX_RECORD_BYTES}.
     */
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    /**
     * The largest record a producer sends ({@code max.request.size}) and, with the broker's batch overhead added, a
     * topic accepts ({@code max.message.bytes}): four times {@link #MAX_EVENT_BYTES}, so no event that passed ingest
     * can be too large downstream.
     */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    /** The header that carries why a record was dead-lettered. */
    public static final String DLQ_REASON_HEADER = "leadflow-dlq-reason";
    /** The header that carries the topic a dead-lettered record came from. */
    public static final String DLQ_SOURCE_HEADER = "leadflow-dlq-source";

    /** Every topic the system uses, dead-letter topics included. */
    public static final List<String> ALL = List.of(
            MESSAGES, ANALYZED, SCORED, UPDATED,
            deadLetter(MESSAGES), deadLetter(ANALYZED), deadLetter(SCORED), deadLetter(UPDATED));

    private Topics() {
    }

    /** The dead-letter topic of a topic: records its consumer cannot use. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
