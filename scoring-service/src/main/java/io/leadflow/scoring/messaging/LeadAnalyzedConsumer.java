package io.leadflow.scoring.messaging;

import io.leadflow.events.DeadLetter;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Mask;
import io.leadflow.events.Topics;
import io.leadflow.scoring.repository.LeadWriter;
import io.leadflow.scoring.service.Bisection;
import io.leadflow.scoring.service.Bisection.Outcome;
import io.leadflow.scoring.service.Failures;
import io.leadflow.scoring.service.Identity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lead.analyzed.v1 in batches. Records that cannot be read go to lead.analyzed.v1.dlq; the rest are written
 * in one transaction (a permanent failure is narrowed down to the events at fault, which are dead-lettered with the
 * database's reason); every stored message's lead is published to lead.scored.v1; and only then is the batch
 * acknowledged, so its offsets are committed after the database commit. Transient failures (database or broker
 * unavailable) retry the whole batch, which the idempotent writes make harmless, and a crash anywhere redelivers it.
 */
@ApplicationScoped
public class LeadAnalyzedConsumer {

    /** Receive times outside this range are not a clock's: they cannot be a message's. */
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration LATEST_AHEAD = Duration.ofDays(1);

    private final LeadWriter writer;
    private final MutinyEmitter<String> out;
    private final Counter stored;
    private final Counter deadLettered;

    public LeadAnalyzedConsumer(LeadWriter writer,
                                @Channel("lead-scored") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                MutinyEmitter<String> out,
                                MeterRegistry metrics) {
        this.writer = writer;
        this.out = out;
        this.stored = Counter.builder("leadflow.scoring.messages").tag("outcome", "scored")
                .description("Analysed messages scored into their lead (redeliveries included)").register(metrics);
        this.deadLettered = Counter.builder("leadflow.scoring.messages").tag("outcome", "dead_lettered")
                .description("Analysed messages sent to the dead-letter topic").register(metrics);
    }

    @Incoming("lead-analyzed")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Received> received = batch.getRecords().stream().map(LeadAnalyzedConsumer::read).toList();
        return Uni.createFrom().deferred(() -> process(received))
                .onFailure().invoke(failure -> Log.warnf("Scoring a batch of %d failed, retrying: %s",
                        received.size(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> process(List<Received> received) {
        List<Received> readable = received.stream().filter(r -> r.event() != null).toList();
        return Bisection.store(readable, items -> writer.store(items.stream().map(Received::event).toList()),
                        Failures::isPermanent, Failures::reason)
                .chain(outcomes -> {
                    List<Uni<Void>> sends = new ArrayList<>();
                    received.stream().filter(r -> r.event() == null).forEach(r -> sends.add(deadLetter(r.record(), r.problem())));
                    for (Outcome<Received, LeadScored> outcome : outcomes) {
                        sends.add(outcome.stored() ? publish(outcome.result())
                                : deadLetter(outcome.item().record(), outcome.refusal()));
                    }
                    return sends.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(sends).andFailFast().replaceWithVoid();
                });
    }

    private Uni<Void> publish(LeadScored scored) {
        Log.debugf("Scored lead %d (%s) %d %s", scored.lead().id(), Mask.leadKey(scored.leadKey()),
                scored.lead().score(), scored.lead().quality());
        return Uni.createFrom().deferred(() -> out.sendMessage(Message.of(EventJson.write(scored))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(scored.leadKey()).build())))
                .invoke(() -> stored.increment());
    }

    private Uni<Void> deadLetter(KafkaRecord<String, String> record, String reason) {
        Log.warnf("Dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(),
                record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L),
                reason);
        return Uni.createFrom().deferred(() -> out.sendMessage(
                        DeadLetter.of(Topics.ANALYZED, record.getKey(), record.getPayload(), reason)))
                .invoke(() -> deadLettered.increment());
    }

    /** A record as read: its event, or why it has none. */
    private record Received(KafkaRecord<String, String> record, LeadAnalyzed event, String problem) {
    }

    private static Received read(KafkaRecord<String, String> record) {
        try {
            return new Received(record, validated(EventJson.read(record.getPayload(), LeadAnalyzed.class)), null);
        } catch (EventJson.InvalidEventException e) {
            return new Received(record, null, e.getMessage());
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
            throw new EventJson.InvalidEventException("message.receivedAt " + message.receivedAt() + " is not a plausible time");
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
