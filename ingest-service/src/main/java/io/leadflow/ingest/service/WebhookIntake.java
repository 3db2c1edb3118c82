package io.leadflow.ingest.service;

import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Mask;
import io.leadflow.ingest.messaging.LeadMessagePublisher;
import io.leadflow.ingest.messaging.ScoredLeadWaiters;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every webhook ends here: its messages are published, and the answer waits for the broker (and, if asked, the score). */
@ApplicationScoped
public class WebhookIntake {

    private final LeadMessagePublisher publisher;
    private final ScoredLeadWaiters waiters;

    public WebhookIntake(LeadMessagePublisher publisher, ScoredLeadWaiters waiters) {
        this.publisher = publisher;
        this.waiters = waiters;
    }

    /** Publishes the messages; completes when the broker acknowledged all of them. */
    public Uni<Void> accept(List<LeadMessage> messages) {
        return publisher.publish(messages).invoke(() -> messages.forEach(WebhookIntake::logAccepted));
    }

    /**
     * Publishes one message and waits up to {@code wait} for its scored lead; empty when scoring took longer
     * (the message is accepted all the same).
     */
    public Uni<Optional<LeadScored>> acceptAndWait(LeadMessage message, Duration wait) {
        ScoredLeadWaiters.Waiter waiter = waiters.register(message.messageId());
        return accept(List.of(message))
                .onFailure().invoke(waiter::cancel)
                .chain(() -> waiter.await(wait));
    }

    private static void logAccepted(LeadMessage message) {
        Log.infof("Accepted %s message %s from %s (%s)", message.channel().label(), message.messageId(),
                Mask.leadKey(message.leadKey()), Mask.text(message.text()));
    }
}
