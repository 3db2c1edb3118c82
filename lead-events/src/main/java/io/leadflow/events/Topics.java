package io.leadflow.events;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.List;
import java.util.Map;

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
    /**
     * Every topic's {@code max.message.bytes}: {@link #MAX_RECORD_BYTES} and room for the record batch's own header and
     * framing, so whatever a producer with {@code max.request.size} = {@link #MAX_RECORD_BYTES} sends is accepted.
     */
    public static final int MAX_MESSAGE_BYTES = MAX_RECORD_BYTES + 64 * 1024;

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

    /**
     * A topic as Leadflow creates it, wherever it is created (the local stack, the tests): {@link #PARTITIONS}
     * partitions, replication factor 1, {@code max.message.bytes} = {@link #MAX_MESSAGE_BYTES}.
     */
    public static NewTopic definition(String topic) {
        return new NewTopic(topic, PARTITIONS, (short) 1)
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_MESSAGE_BYTES)));
    }

    /** The dead-letter topic of a topic: records its consumer cannot use. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
