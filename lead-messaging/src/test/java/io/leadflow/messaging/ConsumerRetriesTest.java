package io.leadflow.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerRetriesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConsumerRetries retries = new ConsumerRetries("lead-messages", TestRetrySettings.ATTEMPTS_3,
            FailureRules.NONE, registry);
    private final List<String> lastResorts = new ArrayList<>();

    @Test
    void aFailureKnownToPass_isRetriedWithoutLimit_andNeverSetAside() {
        Deque<Throwable> failures = new ArrayDeque<>();
        for (int i = 0; i < 10; i++) {
            failures.add(new TimeoutException("the broker is away"));
        }

        assertThat(run(failingWith(failures))).isEqualTo("done");
        assertThat(lastResorts).isEmpty();
        assertThat(count("transient")).isEqualTo(10);
        assertThat(count("error")).isZero();
    }

    @Test
    void aBug_isRetriedUpToTheAttempts_thenTheLastResortGetsTheLastFailure() {
        Deque<Throwable> failures = new ArrayDeque<>(List.of(new ClassCastException(), new IllegalStateException(),
                new NullPointerException(), new NullPointerException()));

        assertThat(run(failingWith(failures))).isEqualTo("set aside after NullPointerException");
        assertThat(failures).as("the fourth attempt was not made").hasSize(1);
        assertThat(count("error")).isEqualTo(3);
    }

    @Test
    void failuresKnownToPass_doNotUseUpTheAttempts() {
        Deque<Throwable> failures = new ArrayDeque<>(List.of(new NullPointerException(), new TimeoutException("away"),
                new TimeoutException("away"), new NullPointerException()));

        assertThat(run(failingWith(failures))).isEqualTo("done");
        assertThat(count("error")).isEqualTo(2);
        assertThat(count("transient")).isEqualTo(2);
    }

    @Test
    void theLastResort_isRetriedWhenItFailsTransiently() {
        Deque<Throwable> lastResortFailures = new ArrayDeque<>(List.of(new TimeoutException("away")));

        String result = retries.run("a test", () -> Uni.createFrom().failure(new NullPointerException()),
                        failure -> Uni.createFrom().deferred(() -> lastResortFailures.isEmpty()
                                ? Uni.createFrom().item("set aside") : Uni.createFrom().failure(lastResortFailures.poll())))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(result).isEqualTo("set aside");
        assertThat(count("error")).isEqualTo(3);
        assertThat(count("transient")).isEqualTo(1);
    }

    @Test
    void whenTheServiceStops_aFailingAttemptIsNotTriedAgain_andNothingIsSetAside() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> running = retries.run("a test", () -> {
            attempts.incrementAndGet();
            retries.stop();
            return Uni.createFrom().failure(new IllegalStateException("Cannot perform operation after producer has been closed"));
        }, failure -> {
            lastResorts.add(failure.getClass().getSimpleName());
            return Uni.createFrom().item("set aside");
        });

        assertThatThrownBy(() -> running.await().atMost(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("producer has been closed");
        assertThat(attempts).hasValue(1);
        assertThat(lastResorts).as("nothing is dead-lettered for a failure of the service's own shutdown").isEmpty();
    }

    @Test
    void whenTheServiceStopsDuringABackoff_theRetryIsNotMade() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstAttempt = new CountDownLatch(1);
        ConsumerRetries slow = new ConsumerRetries("lead-messages", new TestRetrySettings(3, Duration.ofMillis(500),
                Duration.ofMillis(500)), FailureRules.NONE, registry);
        Uni<String> running = slow.run("a test", () -> {
            attempts.incrementAndGet();
            firstAttempt.countDown();
            return Uni.createFrom().failure(new TimeoutException("the broker is away"));
        }, failure -> Uni.createFrom().item("set aside"));
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        running.subscribe().with(item -> failure.complete(null), failure::complete);

        assertThat(firstAttempt.await(5, TimeUnit.SECONDS)).isTrue();
        slow.stop();

        assertThat(failure).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(ConsumerRetries.Stopping.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aBatchThatStartsAsTheServiceStops_isStillTriedOnce_andFinishes() {
        retries.stop();

        assertThat(run(() -> Uni.createFrom().item("done"))).isEqualTo("done");
    }

    private String run(Supplier<Uni<String>> attempt) {
        return retries.run("a test", attempt, failure -> {
            lastResorts.add(failure.getClass().getSimpleName());
            return Uni.createFrom().item("set aside after " + failure.getClass().getSimpleName());
        }).await().atMost(Duration.ofSeconds(10));
    }

    private static Supplier<Uni<String>> failingWith(Deque<Throwable> failures) {
        return () -> failures.isEmpty() ? Uni.createFrom().item("done") : Uni.createFrom().failure(failures.poll());
    }

    private double count(String kind) {
        return registry.get("leadflow.consumer.retries").tag("channel", "lead-messages").tag("kind", kind).counter().count();
    }
}
