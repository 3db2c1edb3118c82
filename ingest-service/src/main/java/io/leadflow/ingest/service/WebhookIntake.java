package io.leadflow.ingest.service;

import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Mask;
import io.leadflow.ingest.messaging.LeadMessagePublisher;
import io.leadflow.ingest.messaging.LeadRecord;
import io.leadflow.ingest.messaging.ScoredLeadWaiters;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every webhook ends here, whatever its channel: its messages are normalized, the ones not seen before are
 * published, and the answer waits for the broker (and, if asked, the score).
 */
@ApplicationScoped
public class WebhookIntake {

    private final MessageNormalizer normalizer;
    private final LeadMessagePublisher publisher;
    private final ScoredLeadWaiters waiters;
    private final RecentMessageIds recent;

    public WebhookIntake(MessageNormalizer normalizer, LeadMessagePublisher publisher, ScoredLeadWaiters waiters,
                         RecentMessageIds recent) {
        this.normalizer = normalizer;
        this.publisher = publisher;
        this.waiters = waiters;
        this.recent = recent;
    }

    /**
     * Publishes the request's messages that were not accepted before; completes when the broker acknowledged all
     * of them, fails with a 503 problem when it did not in time.
     */
    public Uni<IntakeResult> accept(ParsedWebhook webhook, RequestInfo request) {
        Map<String, LeadMessage> messages = normalize(webhook, request);
        List<LeadMessage> fresh = messages.values().stream().filter(m -> !recent.contains(m.messageId())).toList();
        List<String> ids = List.copyOf(messages.keySet());
        Outcome outcome = !fresh.isEmpty() ? Outcome.ACCEPTED : !messages.isEmpty() ? Outcome.DUPLICATE : Outcome.IGNORED;
        if (fresh.size() < messages.size()) {
            Log.infof("Redelivery of %d already accepted message(s) answered without publishing them again",
                    messages.size() - fresh.size());
        }
        // Every record is checked before any is sent: a request is taken whole or not at all.
        List<LeadRecord> records = fresh.stream().map(InboundLimits::record).toList();
        return publish(fresh, records).map(ignored -> new IntakeResult(outcome, ids, webhook.ignored()));
    }

    /**
     * Publishes one message and waits up to {@code wait} for its scored lead; empty when scoring took longer (the
     * message is accepted all the same). A redelivery is published again, so scoring answers it again.
     */
    public Uni<Waited> acceptAndWait(Inbound inbound, RequestInfo request, Duration wait) {
        LeadMessage message = normalizer.normalize(inbound, request, 0);
        List<LeadRecord> records = List.of(InboundLimits.record(message));
        ScoredLeadWaiters.Waiter waiter = waiters.register(message.messageId());
        return publish(List.of(message), records)
                .onFailure().invoke(waiter::cancel)
                .chain(() -> waiter.await(wait))
                .map(scored -> new Waited(message.messageId(), scored));
    }

    /** A message accepted on behalf of a client that waited for its score. */
    public record Waited(String messageId, Optional<LeadScored> scored) {
    }

    /** The request's messages by id, in order; a message that appears twice in one request is one message. */
    private Map<String, LeadMessage> normalize(ParsedWebhook webhook, RequestInfo request) {
        Map<String, LeadMessage> messages = new LinkedHashMap<>();
        List<Inbound> inbound = new ArrayList<>(webhook.messages());
        for (int i = 0; i < inbound.size(); i++) {
            LeadMessage message = normalizer.normalize(inbound.get(i), request, i);
            messages.putIfAbsent(message.messageId(), message);
        }
        return messages;
    }

    private Uni<Void> publish(List<LeadMessage> messages, List<LeadRecord> records) {
        if (messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(records).invoke(() -> {
            recent.addAll(messages.stream().map(LeadMessage::messageId).toList());
            if (Log.isDebugEnabled()) {
                messages.forEach(WebhookIntake::logAccepted);
            }
        });
    }

    /** At DEBUG: at webhook volume a line per message costs more than the rest of the request (the metrics count them). */
    private static void logAccepted(LeadMessage message) {
        Log.debugf("Accepted %s message %s from %s (%s)", message.channel().label(), message.messageId(),
                Mask.leadKey(message.leadKey()), Mask.text(message.text()));
    }
}
