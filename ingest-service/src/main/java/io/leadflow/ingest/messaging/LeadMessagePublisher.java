package io.leadflow.ingest.messaging;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.http.ProblemException;
import io.leadflow.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
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
     * Publishes every message, keyed by its lead key, and succeeds once all are acknowledged (acks=all);
     * fails with a 503 problem when the broker does not acknowledge them in time.
     */
    public Uni<Void> publish(List<LeadMessage> messages) {
        List<Uni<Void>> sends = messages.stream().map(this::send).toList();
        return Uni.join().all(sends).andFailFast().replaceWithVoid()
                .ifNoItem().after(timeout).fail()
                .onFailure().transform(failure -> {
                    Log.warnf("Kafka did not acknowledge %d message(s): %s", messages.size(), failure.toString());
                    return ProblemException.unavailable(
                            "The message could not be stored right now; retry after " + RETRY_AFTER_SECONDS + " seconds.",
                            RETRY_AFTER_SECONDS);
                });
    }

    private Uni<Void> send(LeadMessage message) {
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(EventJson.write(message))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(message.leadKey()).build())));
    }
}
