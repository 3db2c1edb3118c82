package io.leadflow.scoring.messaging;

import io.leadflow.events.DeadLetter;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Mask;
import io.leadflow.events.Topics;
import io.leadflow.scoring.repository.LeadWriter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lead.analyzed.v1 in batches: unreadable records go to lead.analyzed.v1.dlq, the rest are written in
 * one transaction, their leads are published to lead.scored.v1, and only then is the batch acknowledged
 * (offsets committed). A crash anywhere before that redelivers the batch, which the writes make harmless.
 */
@ApplicationScoped
public class LeadAnalyzedConsumer {

    private final LeadWriter writer;
    private final MutinyEmitter<String> out;

    public LeadAnalyzedConsumer(LeadWriter writer,
                                @Channel("lead-scored") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                                MutinyEmitter<String> out) {
        this.writer = writer;
        this.out = out;
    }

    @Incoming("lead-analyzed")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<LeadAnalyzed> events = new ArrayList<>();
        List<Uni<Void>> deadLetters = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                events.add(validated(EventJson.read(record.getPayload(), LeadAnalyzed.class)));
            } catch (EventJson.InvalidEventException e) {
                Log.warnf("Dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(),
                        record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L), e.getMessage());
                deadLetters.add(Uni.createFrom().deferred(() -> out.sendMessage(
                        DeadLetter.of(Topics.ANALYZED, record.getKey(), record.getPayload(), e.getMessage()))));
            }
        }
        Uni<Void> work = Uni.join().all(List.of(sendAll(deadLetters), storeAndPublish(events))).andFailFast().replaceWithVoid();
        return work
                .onFailure().invoke(failure -> Log.warnf("Scoring a batch of %d failed, retrying: %s",
                        batch.getRecords().size(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> storeAndPublish(List<LeadAnalyzed> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return writer.store(events).chain(scored -> {
            scored.forEach(lead -> Log.debugf("Scored lead %d (%s) %d %s", lead.lead().id(),
                    Mask.leadKey(lead.leadKey()), lead.lead().score(), lead.lead().quality()));
            return sendAll(scored.stream().map(this::publish).toList());
        });
    }

    private Uni<Void> publish(LeadScored scored) {
        return Uni.createFrom().deferred(() -> out.sendMessage(Message.of(EventJson.write(scored))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(scored.leadKey()).build())));
    }

    private static Uni<Void> sendAll(List<Uni<Void>> sends) {
        return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private static LeadAnalyzed validated(LeadAnalyzed event) {
        if (event.message() == null || event.analysis() == null) {
            throw new EventJson.InvalidEventException("message and analysis are required");
        }
        if (event.message().messageId() == null || event.message().channel() == null
                || event.message().receivedAt() == null || event.message().text() == null) {
            throw new EventJson.InvalidEventException("message.messageId, channel, receivedAt and text are required");
        }
        if (event.analysis().intent() == null || event.analysis().urgency() == null || event.analysis().provider() == null) {
            throw new EventJson.InvalidEventException("analysis.intent, urgency and provider are required");
        }
        return event;
    }
}
