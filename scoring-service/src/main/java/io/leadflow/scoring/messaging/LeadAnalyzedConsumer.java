package io.leadflow.scoring.messaging;

import io.leadflow.messaging.ConsumerRetries;
import io.leadflow.events.DeadLetter;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Mask;
import io.leadflow.messaging.RecordPublisher;
import io.leadflow.messaging.RecordPublisher.Outgoing;
import io.leadflow.scoring.Identity;
import io.leadflow.scoring.config.RetryConfig;
import io.leadflow.scoring.service.Bisection;
import io.leadflow.scoring.service.Bisection.Outcome;
import io.leadflow.scoring.service.DatabaseFailures;
import io.leadflow.scoring.service.LeadIntake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lead.analyzed.v1 in batches. Records that cannot be read go to lead.analyzed.v1.dlq; the rest are written
 * in one transaction; every stored message's lead is published to lead.scored.v1; and only then is the batch
 * acknowledged, so its offsets are committed after the database commit. Failures known to pass (database or broker
 * unavailable) retry the batch without limit, which the idempotent writes make harmless, and a crash anywhere
 * redelivers it. Any other failure is retried a few times, then narrowed down to the events at fault, which are
 * dead-lettered with the reason while the others are stored.
 */
@ApplicationScoped
public class LeadAnalyzedConsumer {

    /** Receive times outside this range are not a clock's: they cannot be a message's. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration LATEST_AHEAD = Duration.ofDays(1);

    private final LeadIntake intake;
    private final ConsumerRetries retries;
    private final RecordPublisher publisher;
    private final Counter stored;
    private final ScoredMetrics scoredMetrics;

    public LeadAnalyzedConsumer(LeadIntake intake,
                                @Channel("lead-scored") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                MutinyEmitter<String> out,
                                RetryConfig retry, MeterRegistry metrics) {
        this.intake = intake;
        this.retries = new ConsumerRetries("lead-analyzed", retry, new DatabaseFailures(), metrics);
        this.publisher = new RecordPublisher(out, retries, metrics);
        this.stored = Counter.builder("leadflow.scoring.messages").tag("outcome", "scored")
                .description("Analysed messages scored into their lead (redeliveries included)").register(metrics);
        this.scoredMetrics = new ScoredMetrics(metrics);
    }

    @Incoming("lead-analyzed")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Received> received = batch.getRecords().stream().map(LeadAnalyzedConsumer::read).toList();
        List<Received> readable = received.stream().filter(r -> r.event() != null).toList();
        return retries.run("storing a batch of " + readable.size(),
                        () -> Bisection.store(readable, this::store, failure -> false),
                        lastError -> Bisection.store(readable, this::store, failure -> !retries.isTransient(failure)))
                .chain(outcomes -> publisher.publish(outgoing(received, outcomes))
                        .invoke(() -> published(outcomes)))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** At shutdown, what fails is not tried again: it is left unacknowledged, for the next consumer of its partitions. */
    void stopRetrying(@Observes ShutdownEvent shutdown) {
        retries.stop();
    }

    private void published(List<Outcome<Received, LeadScored>> outcomes) {
        Instant now = Instant.now();
        List<LeadScored> leads = outcomes.stream().filter(Outcome::stored).map(Outcome::result).toList();
        stored.increment(leads.size());
        leads.forEach(lead -> scoredMetrics.published(lead, now));
    }

    private Uni<List<LeadScored>> store(List<Received> events) {
        return intake.store(events.stream().map(Received::event).toList());
    }

    /** Each stored event's lead, and the dead letter of each event that cannot be read or stored. */
    private List<Outgoing> outgoing(List<Received> received, List<Outcome<Received, LeadScored>> outcomes) {
        List<Outgoing> outgoing = new ArrayList<>(received.size());
        received.stream().filter(r -> r.event() == null)
                .forEach(r -> outgoing.add(Outgoing.deadLetter(r.record(), r.problem())));
        for (Outcome<Received, LeadScored> outcome : outcomes) {
            KafkaRecord<String, String> record = outcome.item().record();
            if (outcome.stored()) {
                LeadScored scored = outcome.result();
                Log.debugf("Scored lead %d (%s) %d %s", scored.lead().id(), Mask.leadKey(scored.leadKey()),
                        scored.lead().score(), scored.lead().quality());
                outgoing.add(Outgoing.output(record, scored.leadKey(), EventJson.write(scored)));
            } else {
                outgoing.add(Outgoing.deadLetter(record, retries.reason(outcome.refusal())));
            }
        }
        return outgoing;
    }

    /** A record as read: its event, or why it has none. */
    private record Received(KafkaRecord<String, String> record, LeadAnalyzed event, DeadLetter.Reason problem) {
    }

    private static Received read(KafkaRecord<String, String> record) {
        try {
            return new Received(record, validated(EventJson.read(record.getPayload(), LeadAnalyzed.class)), null);
        } catch (EventJson.InvalidEventException e) {
            return new Received(record, null, e.reason());
        }
    }

    static LeadAnalyzed validated(LeadAnalyzed event) {
        if (event.message() == null || event.analysis() == null) {
            throw new EventJson.InvalidEventException("message and analysis are required");
        }
        LeadMessage message = event.message();
        if (message.messageId() == null || message.messageId().isBlank() || message.leadKey() == null
                || message.channel() == null || message.receivedAt() == null || message.text() == null) {
            throw new EventJson.InvalidEventException("message.messageId, leadKey, channel, receivedAt and text are required");
        }
        if (message.receivedAt().isBefore(EARLIEST) || message.receivedAt().isAfter(Instant.now().plus(LATEST_AHEAD))) {
            throw new EventJson.InvalidEventException("message.receivedAt is not a plausible time (before 2000 or over a day ahead)");
        }
        if (event.analysis().intent() == null || event.analysis().urgency() == null || event.analysis().provider() == null) {
            throw new EventJson.InvalidEventException("analysis.intent, urgency and provider are required");
        }
        if (Identity.of(event).isEmpty()) {
            throw new EventJson.InvalidEventException("message has no phone, email or platform user id to recognise its sender by");
        }
        return event;
    }
}
