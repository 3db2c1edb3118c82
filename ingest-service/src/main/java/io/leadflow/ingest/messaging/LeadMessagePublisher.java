package io.leadflow.ingest.messaging;

import io.leadflow.events.Topics;
import io.leadflow.http.ProblemException;
import io.leadflow.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.List;

/** Publishes normalized messages to lead.messages.v1 and completes only when the broker acknowledged them. */
@ApplicationScoped
public class LeadMessagePublisher {

    /** Seconds a client is asked to wait before retrying when the broker is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final MutinyEmitter<String> emitter;
    private final Duration timeout;

    public LeadMessagePublisher(
            @Channel("lead-messages") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<String> emitter,
            IngestConfig config) {
        this.emitter = emitter;
        this.timeout = config.publishTimeout();
    }

    /**
     * Publishes every record and succeeds once all are acknowledged (acks=all); fails with a 503 problem when the
     * broker does not acknowledge them in time, and with a 413 problem when a record is refused as too large, which
     * no retry would change.
     */
    public Uni<Void> publish(List<LeadRecord> records) {
        List<Uni<Void>> sends = records.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> {
                    if (isTooLarge(failure)) {
                        Log.warnf("Kafka refused a record as too large: %s", failure.toString());
                        return new ProblemException(413, "payload-too-large", "Payload too large",
                                "The message is larger than the broker takes; events are kept within "
                                + Topics.MAX_EVENT_BYTES + " bytes.", null);
                    }
                    Log.warnf("Kafka did not acknowledge %d message(s): %s", records.size(), failure.toString());
                    return ProblemException.unavailable(
                            "The message could not be stored right now; retry after " + RETRY_AFTER_SECONDS + " seconds.",
                            RETRY_AFTER_SECONDS);
                });
    }

    /**
     * A record the producer or the broker refuses for its size fails the same way on every retry: the client must
     * hear 4xx, not "retry later". Every other failure (a broker away, a timeout, a missing permission someone will
     * fix) is worth the platform's retry.
     */
    private static boolean isTooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private Uni<Void> send(LeadRecord record) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).build())));
    }
}
