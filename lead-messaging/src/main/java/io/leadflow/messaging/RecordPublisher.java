package io.leadflow.messaging;

import io.leadflow.events.DeadLetter;
import io.leadflow.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes what a batch of consumed records produced, in the batch's order (so one lead's messages stay in order),
 * and completes once the broker acknowledged all of it: only then may the batch be acknowledged. A send that fails
 * transiently is retried (the others are not sent again); a send the broker refuses for good (a record too large, a
 * serialization failure) is retried as {@link ConsumerRetries} says, then its source record is dead-lettered with
 * the reason instead of holding the batch forever. Dead letters are counted in
 * {@code leadflow_dlq_records_total{topic,reason}} once the broker acknowledged them.
 */
public final class RecordPublisher {

    /** What to publish for one consumed record: its output, or the record itself to its dead-letter topic. */
    public record Outgoing(KafkaRecord<String, String> source, Message<String> message, DeadLetter.Reason deadLetter) {

        /** The record's output on the channel's topic, keyed, in the record's trace. */
        public static Outgoing output(KafkaRecord<String, String> source, String key, String value) {
            return new Outgoing(source, inTraceOf(source, Message.of(value)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())), null);
        }

        /**
         * The record as it came, to its topic's dead-letter topic with the reason and its source topic in headers (the
         * topic in the metadata overrides the channel's).
         */
        public static Outgoing deadLetter(KafkaRecord<String, String> source, DeadLetter.Reason reason) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(Topics.DLQ_REASON_HEADER, reason.detail().getBytes(StandardCharsets.UTF_8));
            headers.add(Topics.DLQ_SOURCE_HEADER, source.getTopic().getBytes(StandardCharsets.UTF_8));
            return new Outgoing(source, inTraceOf(source, Message.of(source.getPayload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(Topics.deadLetter(source.getTopic()))
                    .withKey(source.getKey())
                    .withHeaders(headers)
                    .build())), reason);
        }

        /**
         * The message with the source record's trace context, which the Kafka connector's tracing continues in the
         * sent record's headers: a batch has no current context of its own, so without it each record sent would
         * start a trace.
         */
        private static Message<String> inTraceOf(KafkaRecord<String, String> source, Message<String> message) {
            return TracingMetadata.fromMessage(source).map(message::addMetadata).orElse(message);
        }

        boolean isDeadLetter() {
            return deadLetter != null;
        }
    }

    private final MutinyEmitter<String> out;
    private final ConsumerRetries retries;
    private final MeterRegistry registry;

    /** @param out the channel the outputs go to; dead letters go through it too, to their own topic */
    public RecordPublisher(MutinyEmitter<String> out, ConsumerRetries retries, MeterRegistry registry) {
        this.out = out;
        this.retries = retries;
        this.registry = registry;
    }

    /** Where a consumed record is, for a log line: {@code topic-partition@offset}. */
    public static String position(KafkaRecord<?, ?> record) {
        return record.getTopic() + "-" + record.getPartition() + "@" + record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    /** Publishes everything, in order; completes when the broker acknowledged all of it (or its dead letters). */
    public Uni<Void> publish(List<Outgoing> outgoing) {
        List<Outgoing> pending = new ArrayList<>(outgoing);
        return retries.run("publishing " + outgoing.size() + " records", () -> sendPending(pending, false),
                lastError -> sendPending(pending, true));
    }

    /**
     * Sends what is not acknowledged yet, in order, and forgets what the broker acknowledged. Fails when a send
     * failed; with {@code setAsideRefused}, a send refused for good is replaced by its source's dead letter first.
     */
    private Uni<Void> sendPending(List<Outgoing> pending, boolean setAsideRefused) {
        List<Outgoing> sending = List.copyOf(pending);
        if (sending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Throwable>> sends = new ArrayList<>(sending.size());
        sending.forEach(outgoing -> sends.add(send(outgoing)));
        return Uni.join().all(sends).andFailFast().chain(failures -> {
            Throwable transientFailure = null;
            Throwable refusal = null;
            boolean setAside = false;
            for (int i = sending.size() - 1; i >= 0; i--) {
                Outgoing sent = sending.get(i);
                Throwable failure = failures.get(i);
                if (failure == null) {
                    pending.remove(i);
                } else if (retries.isTransient(failure)) {
                    transientFailure = failure;
                } else if (!setAsideRefused) {
                    refusal = failure;
                } else if (sent.isDeadLetter()) {
                    pending.remove(i);
                    undeliverable(sent, failure);
                } else {
                    pending.set(i, Outgoing.deadLetter(sent.source(), retries.reason(failure)));
                    setAside = true;
                }
            }
            if (refusal != null || transientFailure != null) {
                return Uni.createFrom().failure(refusal != null ? refusal : transientFailure);
            }
            return setAside ? sendPending(pending, true) : Uni.createFrom().voidItem();
        });
    }

    /** One send, answering its failure (null when acknowledged) rather than failing. */
    private Uni<Throwable> send(Outgoing outgoing) {
        if (outgoing.isDeadLetter()) {
            Log.warnf("Dead-lettering %s to %s: %s", position(outgoing.source()),
                    Topics.deadLetter(outgoing.source().getTopic()), outgoing.deadLetter().detail());
        }
        return out.sendMessage(outgoing.message())
                .invoke(() -> {
                    if (outgoing.isDeadLetter()) {
                        deadLettered(outgoing).increment();
                    }
                })
                .onItem().transform(acknowledged -> (Throwable) null)
                .onFailure().recoverWithItem(failure -> failure);
    }

    /**
     * A dead letter the broker refuses for good: an authorization rule, or a source record so near the largest a topic
     * holds (written by a producer other than Leadflow's) that its reason header no longer fits.
     */
    private void undeliverable(Outgoing deadLetter, Throwable failure) {
        Log.errorf("Dropping %s: its dead letter was refused too: %s", position(deadLetter.source()),
                retries.describe(failure));
        Counter.builder("leadflow.dlq.undeliverable")
                .description("Records that could not be processed and whose dead letter the broker refused")
                .tag("topic", Topics.deadLetter(deadLetter.source().getTopic()))
                .register(registry).increment();
    }

    private Counter deadLettered(Outgoing deadLetter) {
        return Counter.builder("leadflow.dlq.records")
                .description("Records published to a dead-letter topic, by topic and reason")
                .tag("topic", Topics.deadLetter(deadLetter.source().getTopic()))
                .tag("reason", deadLetter.deadLetter().category())
                .register(registry);
    }
}
