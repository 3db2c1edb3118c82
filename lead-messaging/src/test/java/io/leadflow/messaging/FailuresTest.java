package io.leadflow.messaging;

import io.smallrye.mutiny.CompositeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void theBrokerOrTheNetworkAway_isTransient() {
        assertThat(Failures.isTransient(new TimeoutException("Expiring 3 record(s)"))).isTrue();
        assertThat(Failures.isTransient(new NotLeaderOrFollowerException("moved"))).isTrue();
        assertThat(Failures.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(Failures.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(Failures.isTransient(new java.util.concurrent.TimeoutException())).isTrue();
        assertThat(Failures.isTransient(new CompletionException(new KafkaException("send failed", new TimeoutException("t")))))
                .isTrue();
        assertThat(Failures.isTransient(new CompositeException(new IllegalStateException(), new ConnectException()))).isTrue();
    }

    @Test
    void bugsAndRefusals_areNot() {
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new ClassCastException())).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("closed"))).isFalse();
        assertThat(Failures.isTransient(new RecordTooLargeException("The message is 2000000 bytes"))).isFalse();
        assertThat(Failures.isTransient(new TopicAuthorizationException(Set.of("lead.analyzed.v1")))).isFalse();
    }

    @Test
    void theServicesOwnRules_addTransientFailures() {
        assertThat(Failures.isTransient(new CompletionException(new IllegalStateException("lock")),
                cause -> cause instanceof IllegalStateException)).isTrue();
    }

    @Test
    void aDescription_namesTheClassTheLocationInLeadflowAndTheRule_neverTheMessage() {
        NullPointerException bug = thrownHere("Cannot invoke \"String.length()\" because \"ahmed@example.com\" is null");

        assertThat(Failures.describe(new CompletionException(bug)))
                .matches("NullPointerException at io\\.leadflow\\.messaging\\.FailuresTest\\.thrownHere\\(FailuresTest\\.java:\\d+\\)");
        assertThat(Failures.describe(new RecordTooLargeException("The message is 2000000 bytes when serialized")))
                .isEqualTo("RecordTooLargeException: larger than the producer's max.request.size or the topic's max.message.bytes");
    }

    @Test
    void aDeadLettersCategory_saysWhatKindOfFailureItWas() {
        assertThat(Failures.deadLetterCategory(new RecordTooLargeException("big"))).isEqualTo("too_large");
        assertThat(Failures.deadLetterCategory(new TopicAuthorizationException("no"))).isEqualTo("refused");
        assertThat(Failures.deadLetterCategory(new CompletionException(new NullPointerException())))
                .isEqualTo("failed");
    }

    private static NullPointerException thrownHere(String message) {
        return new NullPointerException(message);
    }
}
