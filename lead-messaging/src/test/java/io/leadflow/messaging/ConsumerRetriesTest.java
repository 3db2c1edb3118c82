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
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

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
