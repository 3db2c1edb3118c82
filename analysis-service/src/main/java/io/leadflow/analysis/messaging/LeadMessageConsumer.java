package io.leadflow.analysis.messaging;

import io.leadflow.analysis.service.MessageAnalyzer;
import io.leadflow.events.DeadLetter;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
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
 * Reads lead.messages.v1 in batches, publishes one analysis per message to lead.analyzed.v1, and sends what
 * it cannot read to lead.messages.v1.dlq. The batch is acknowledged (its offsets committed) only once every
 * record of it was acknowledged by the broker; a broker outage is retried, never dead-lettered.
 */
@ApplicationScoped
public class LeadMessageConsumer {

    private final MessageAnalyzer analyzer;
    private final MutinyEmitter<String> out;

    public LeadMessageConsumer(MessageAnalyzer analyzer,
                               @Channel("lead-analyzed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                               MutinyEmitter<String> out) {
        this.analyzer = analyzer;
        this.out = out;
    }

    @Incoming("lead-messages")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Uni<Void>> outcomes = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            outcomes.add(handle(record));
        }
        return Uni.join().all(outcomes).andFailFast().replaceWithVoid()
                .onFailure().invoke(failure -> Log.warnf("Analysing a batch of %d failed, retrying: %s",
                        outcomes.size(), failure.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private Uni<Void> handle(KafkaRecord<String, String> record) {
        LeadMessage message;
        try {
            message = EventJson.read(record.getPayload(), LeadMessage.class);
            if (message.messageId() == null || message.leadKey() == null || message.channel() == null) {
                throw new EventJson.InvalidEventException("messageId, leadKey and channel are required");
            }
        } catch (EventJson.InvalidEventException e) {
            Log.warnf("Dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(),
                        record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L), e.getMessage());
            return Uni.createFrom().deferred(() -> out.sendMessage(
                    DeadLetter.of(Topics.MESSAGES, record.getKey(), record.getPayload(), e.getMessage())));
        }
        return analyzer.analyze(message).chain(analysis -> out.sendMessage(
                Message.of(EventJson.write(new LeadAnalyzed(message, analysis)))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(message.leadKey()).build())));
    }
}
