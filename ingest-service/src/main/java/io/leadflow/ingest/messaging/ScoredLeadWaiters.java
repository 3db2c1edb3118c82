package io.leadflow.ingest.messaging;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadScored;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Webhooks that asked to wait for their scored lead ({@code ?wait=}): each registers before its message is
 * published, and is completed when lead.scored.v1 carries its message id.
 */
@ApplicationScoped
public class ScoredLeadWaiters {

    private final ConcurrentMap<String, CompletableFuture<LeadScored>> waiting = new ConcurrentHashMap<>();

    /** Starts waiting for a message's scored lead; call before the message is published. */
    public Waiter register(String messageId) {
        return new Waiter(messageId, waiting.computeIfAbsent(messageId, id -> new CompletableFuture<>()));
    }

    @Incoming("lead-scored")
    public void scored(String record) {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            LeadScored scored = EventJson.read(record, LeadScored.class);
            // A lead scored without a new message (a rescore) carries no message id: nobody waits for it.
            CompletableFuture<LeadScored> waiter = scored.messageId() == null ? null : waiting.remove(scored.messageId());
            if (waiter != null) {
                waiter.complete(scored);
            }
        } catch (EventJson.InvalidEventException e) {
            // Scoring's consumers dead-letter what they cannot read; here an unreadable record only means
            // nobody is waiting for it.
            Log.debugf("Ignoring an unreadable lead.scored.v1 record: %s", e.getMessage());
        }
    }

    /** One webhook's wait. */
    public final class Waiter {
        private final String messageId;
        private final CompletableFuture<LeadScored> result;

        private Waiter(String messageId, CompletableFuture<LeadScored> result) {
            this.messageId = messageId;
            this.result = result;
        }

        /** The scored lead, or empty if it was not scored within the time. */
        public Uni<Optional<LeadScored>> await(Duration atMost) {
            return Uni.createFrom().completionStage(result.copy())
                    .map(Optional::of)
                    .ifNoItem().after(atMost).recoverWithItem(Optional.empty())
                    .eventually(this::cancel);
        }

        public void cancel() {
            waiting.remove(messageId, result);
        }
    }
}
