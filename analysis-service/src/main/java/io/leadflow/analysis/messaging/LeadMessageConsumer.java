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
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lead.messages.v1 in batches (records of every assigned partition together), analyses the batch's messages
 * concurrently (LLM calls are non-blocking; each provider's concurrency limit bounds them), then publishes one
 * analysis per message to lead.analyzed.v1 in the batch's order, so one lead's messages stay in order. What it
 * cannot read goes to lead.messages.v1.dlq. The batch is acknowledged (its offsets committed) only once the broker
 * acknowledged every record of it; a broker outage is retried (without analysing again), never dead-lettered.
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
        List<Uni<Message<String>>> outgoing = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            outgoing.add(outgoingFor(record));
        }
        if (outgoing.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        return Uni.join().all(outgoing).andFailFast()
                .chain(messages -> Uni.createFrom().deferred(() -> sendInOrder(messages))
                        .onFailure().invoke(failure -> Log.warnf("Publishing a batch of %d analyses failed, retrying: %s",
                                messages.size(), failure.toString()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely())
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** Sends in list order (each send is subscribed, so handed to the producer, in turn); done when all are acked. */
    private Uni<Void> sendInOrder(List<Message<String>> messages) {
        List<Uni<Void>> sends = new ArrayList<>(messages.size());
        messages.forEach(message -> sends.add(out.sendMessage(message)));
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Message<String>> outgoingFor(KafkaRecord<String, String> record) {
        LeadMessage message;
        try {
            message = EventJson.read(record.getPayload(), LeadMessage.class);
            if (message.messageId() == null || message.leadKey() == null || message.channel() == null) {
                throw new EventJson.InvalidEventException("messageId, leadKey and channel are required");
            }
        } catch (EventJson.InvalidEventException e) {
            Log.warnf("Dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(),
                    record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L),
                    e.getMessage());
            return Uni.createFrom().item(DeadLetter.of(Topics.MESSAGES, record.getKey(), record.getPayload(), e.getMessage()));
        }
        return analyzer.analyze(message).map(analysis -> Message.of(EventJson.write(new LeadAnalyzed(message, analysis)))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(message.leadKey()).build()));
    }
}
