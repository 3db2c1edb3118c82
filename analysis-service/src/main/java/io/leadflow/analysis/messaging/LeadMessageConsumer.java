package io.leadflow.analysis.messaging;

import io.leadflow.analysis.config.RetryConfig;
import io.leadflow.analysis.service.MessageAnalyzer;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.messaging.ConsumerRetries;
import io.leadflow.messaging.FailureRules;
import io.leadflow.messaging.RecordPublisher;
import io.leadflow.messaging.RecordPublisher.Outgoing;
import io.micrometer.core.instrument.MeterRegistry;
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

import java.util.ArrayList;
import java.util.List;

/**
 * Reads lead.messages.v1 in batches (records of every assigned partition together), analyses the batch's messages
 * concurrently (LLM calls are non-blocking; each provider's concurrency limit and the per-message LLM deadline bound
 * them), then publishes one analysis per message to lead.analyzed.v1 in the batch's order, so one lead's messages stay
 * in order. The batch is acknowledged (its offsets committed) only once the broker acknowledged every record of it.
 * A record that cannot be read, whose analysis keeps failing, or whose analysis the broker refuses for good (too
 * large) goes to lead.messages.v1.dlq with the reason, and the rest of the batch flows; a broker outage is retried
 * (without analysing again), never dead-lettered.
 */
@ApplicationScoped
public class LeadMessageConsumer {

    private final MessageAnalyzer analyzer;
    private final ConsumerRetries retries;
    private final RecordPublisher publisher;

    public LeadMessageConsumer(MessageAnalyzer analyzer,
                               @Channel("lead-analyzed") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                               MutinyEmitter<String> out,
                               RetryConfig retry, MeterRegistry registry) {
        this.analyzer = analyzer;
        this.retries = new ConsumerRetries("lead-messages", retry, FailureRules.NONE, registry);
        this.publisher = new RecordPublisher(out, retries, registry);
    }

    @Incoming("lead-messages")
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Uni<Outgoing>> outgoing = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            outgoing.add(outgoingFor(record));
        }
        if (outgoing.isEmpty()) {
            return Uni.createFrom().completionStage(batch.ack());
        }
        return Uni.join().all(outgoing).andFailFast()
                .chain(publisher::publish)
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** At shutdown, what fails is not tried again: it is left unacknowledged, for the next consumer of its partitions. */
    void stopRetrying(@Observes ShutdownEvent shutdown) {
        retries.stop();
    }

    /** The record's analysis to publish, or the record itself to the dead-letter topic; never a failure. */
    private Uni<Outgoing> outgoingFor(KafkaRecord<String, String> record) {
        LeadMessage message;
        try {
            message = EventJson.read(record.getPayload(), LeadMessage.class);
            if (message.messageId() == null || message.leadKey() == null || message.channel() == null) {
                throw new EventJson.InvalidEventException("messageId, leadKey and channel are required");
            }
        } catch (EventJson.InvalidEventException e) {
            return Uni.createFrom().item(Outgoing.deadLetter(record, e.reason()));
        }
        return retries.run("analysing " + RecordPublisher.position(record),
                () -> analyzer.analyze(message).map(analysis ->
                        Outgoing.output(record, message.leadKey(), EventJson.write(new LeadAnalyzed(message, analysis)))),
                failure -> Uni.createFrom().item(Outgoing.deadLetter(record, retries.reason(failure))));
    }
}
