package io.leadflow.events;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * A record its consumer cannot use, addressed to the source topic's dead-letter topic with the reason in
 * a header. Send it on any Kafka outgoing channel: the topic in its metadata overrides the channel's.
 */
public final class DeadLetter {

    private DeadLetter() {
    }

    /**
     * Why a record was dead-lettered: a {@code category} (the {@code reason} label of
     * {@code leadflow_dlq_records_total}) and a {@code detail} for the {@link Topics#DLQ_REASON_HEADER} header that
     * names the exception class, the JSON path or code location, and the rule broken, never a value of the record.
     */
    public record Reason(String category, String detail) {

        /** Not JSON at all. */
        public static final String NOT_JSON = "not_json";
        /** JSON, but not the event's shape (a wrong type, a value no field of the event can hold). */
        public static final String WRONG_SCHEMA = "wrong_schema";
        /** The event's shape, but missing what is required or holding something implausible. */
        public static final String INVALID = "invalid";
        /** Its output would be larger than a record can be. */
        public static final String TOO_LARGE = "too_large";
        /** The broker refused its output for good (not a size: authorization, serialization…). */
        public static final String REFUSED = "refused";
        /** Processing it failed every attempt with an error not known to pass (a bug, data the database refuses). */
        public static final String FAILED = "failed";

        /** A failure that persisted, categorised by what it is; {@code detail} says it without quoting data. */
        public static Reason failed(Throwable failure, String detail) {
            Throwable cause = Failures.unwrap(failure);
            String category = cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                    ? TOO_LARGE
                    : cause instanceof ApiException || cause instanceof SerializationException ? REFUSED : FAILED;
            return new Reason(category, detail);
        }
    }

    public static Message<String> of(String sourceTopic, String key, String value, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_SOURCE_HEADER, sourceTopic.getBytes(StandardCharsets.UTF_8));
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetter(sourceTopic))
                .withKey(key)
                .withHeaders(headers)
                .build());
    }
}
