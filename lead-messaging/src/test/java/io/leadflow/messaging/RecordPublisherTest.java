package io.leadflow.messaging;

import io.leadflow.events.DeadLetter;
import io.leadflow.events.Topics;
import io.leadflow.messaging.RecordPublisher.Outgoing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordPublisherTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeEmitter out = new FakeEmitter();
    private final RecordPublisher publisher = new RecordPublisher(out,
            new ConsumerRetries("lead-messages", TestRetrySettings.ATTEMPTS_3, FailureRules.NONE, registry), registry);

    @Test
    void outputs_arePublishedInTheBatchsOrder() {
        publish(output("a"), output("b"), output("c"));

        assertThat(out.sent).containsExactly("lead.analyzed.v1 a", "lead.analyzed.v1 b", "lead.analyzed.v1 c");
    }

    @Test
    void aSendThatFailsTransiently_isSentAgain_andWhatWasAcknowledgedIsNot() {
        out.fail("b", new TimeoutException("Expiring 1 record(s)"));

        publish(output("a"), output("b"), output("c"));

        assertThat(out.sent).containsExactly("lead.analyzed.v1 a", "lead.analyzed.v1 b", "lead.analyzed.v1 c",
                "lead.analyzed.v1 b");
        assertThat(registry.find("leadflow.dlq.records").counters()).isEmpty();
    }

    @Test
    void anOutputTheBrokerRefusesForGood_deadLettersItsSourceWithTheReason_andTheRestFlows() {
        RecordTooLargeException tooLarge = new RecordTooLargeException("The message is 1100000 bytes when serialized");
        out.fail("b", tooLarge, tooLarge, tooLarge, tooLarge);

        publish(output("a"), output("b"), output("c"));

        assertThat(out.sent).containsExactly("lead.analyzed.v1 a", "lead.analyzed.v1 b", "lead.analyzed.v1 c",
                "lead.analyzed.v1 b", "lead.analyzed.v1 b", "lead.analyzed.v1 b", "lead.messages.v1.dlq source of b");
        Message<String> deadLetter = out.messages.get(out.messages.size() - 1);
        assertThat(header(deadLetter, Topics.DLQ_REASON_HEADER))
                .isEqualTo("RecordTooLargeException: larger than the producer's max.request.size or the topic's max.message.bytes");
        assertThat(header(deadLetter, Topics.DLQ_SOURCE_HEADER)).isEqualTo(Topics.MESSAGES);
        assertThat(deadLetters("too_large")).isEqualTo(1);
    }

    @Test
    void aRecordThatCannotBeRead_goesToTheDeadLetterTopicAndIsCounted() {
        KafkaRecord<String, String> source = KafkaRecord.of(Topics.MESSAGES, "k", "{not json");

        publish(Outgoing.deadLetter(source, new DeadLetter.Reason("not_json", "not a valid LeadMessage: not JSON")),
                output("a"));

        assertThat(out.sent).containsExactly("lead.messages.v1.dlq {not json", "lead.analyzed.v1 a");
        assertThat(header(out.messages.get(0), Topics.DLQ_REASON_HEADER)).isEqualTo("not a valid LeadMessage: not JSON");
        assertThat(deadLetters("not_json")).isEqualTo(1);
    }

    @Test
    void outputsAndDeadLetters_carryTheirSourceRecordsTraceContext() {
        TracingMetadata trace = TracingMetadata.withPrevious(Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()))));
        KafkaRecord<String, String> source = KafkaRecord.from(Message.of("v", Metadata.of(trace,
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(Topics.MESSAGES).withKey("k").build())));

        assertThat(Outgoing.output(source, "k", "analysed").message().getMetadata(TracingMetadata.class)).containsSame(trace);
        assertThat(Outgoing.deadLetter(source, new DeadLetter.Reason("not_json", "not JSON")).message()
                .getMetadata(TracingMetadata.class)).containsSame(trace);
    }

    private void publish(Outgoing... outgoing) {
        publisher.publish(List.of(outgoing)).await().atMost(Duration.ofSeconds(10));
    }

    private static Outgoing output(String value) {
        return Outgoing.output(KafkaRecord.of(Topics.MESSAGES, "key-" + value, "source of " + value), "key-" + value, value);
    }

    private double deadLetters(String reason) {
        return registry.get("leadflow.dlq.records").tag("topic", "lead.messages.v1.dlq").tag("reason", reason)
                .counter().count();
    }

    private static String header(Message<String> message, String name) {
        return new String(message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getHeaders()
                .lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** Records what is sent, as "topic value", and fails the sends it was told to fail, in turn. */
    private static final class FakeEmitter implements MutinyEmitter<String> {

        final List<String> sent = new ArrayList<>();
        final List<Message<String>> messages = new ArrayList<>();
        private final Map<String, Deque<Throwable>> failures = new HashMap<>();

        void fail(String value, Throwable... inTurn) {
            failures.put(value, new ArrayDeque<>(List.of(inTurn)));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <M extends Message<? extends String>> Uni<Void> sendMessage(M message) {
            return Uni.createFrom().deferred(() -> {
                String topic = message.getMetadata(OutgoingKafkaRecordMetadata.class)
                        .map(OutgoingKafkaRecordMetadata::getTopic).orElse(Topics.ANALYZED);
                sent.add(topic + " " + message.getPayload());
                messages.add((Message<String>) message);
                Deque<Throwable> inTurn = failures.get(message.getPayload());
                return inTurn == null || inTurn.isEmpty() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(inTurn.poll());
            });
        }

        @Override
        public Uni<Void> send(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendAndAwait(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Cancellable sendAndForget(String payload) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void send(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> void sendMessageAndAwait(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <M extends Message<? extends String>> Cancellable sendMessageAndForget(M message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void error(Exception e) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
