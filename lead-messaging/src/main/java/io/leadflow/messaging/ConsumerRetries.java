package io.leadflow.messaging;

import io.leadflow.events.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The retry policy of Leadflow's consumers (SPEC §3). A failure known to pass (the broker or the network away, a
 * timeout, or what the service's {@link FailureRules} know of its database) is retried with backoff without limit
 * and never leads to a dead letter. Any other failure (a bug, data the database refuses, a record the broker refuses)
 * is retried until {@link RetrySettings#maxAttempts()} attempts failed; then the caller's last resort runs, which
 * finds the records at fault and dead-letters them with {@link #reason}. Every retry is counted in
 * {@code leadflow_consumer_retries_total{channel,kind}}, kind {@code transient} or {@code error}.
 * <p>
 * Once the service is stopping ({@link #stop()}), nothing is tried again and no last resort runs: what is in progress
 * fails, so its records are not acknowledged and the next consumer of their partitions gets them. Failures at shutdown
 * are the service's own connections closing, not the records' fault: retrying them would hold the shutdown until the
 * process is killed (so the consumer never leaves its group), and taking them for errors would dead-letter good records.
 */
public final class ConsumerRetries {

    private final String channel;
    private final RetrySettings settings;
    private final FailureRules rules;
    private final Counter transientRetries;
    private final Counter errorRetries;
    private volatile boolean stopping;

    /** @param channel the incoming channel whose records are processed, e.g. {@code lead-messages} */
    public ConsumerRetries(String channel, RetrySettings settings, FailureRules rules, MeterRegistry registry) {
        this.channel = channel;
        this.settings = settings;
        this.rules = rules;
        this.transientRetries = counter(registry, channel, "transient");
        this.errorRetries = counter(registry, channel, "error");
    }

    /** The service is stopping: from now on nothing is retried (see the class's description). */
    public void stop() {
        stopping = true;
    }

    /** Whether the failure is known to pass: retried without limit, never dead-lettered. */
    public boolean isTransient(Throwable failure) {
        return Failures.isTransient(failure, rules::isTransient);
    }

    /** The failure for a log line or a dead-letter header: class, location and rule, never data. */
    public String describe(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        return rules.describe(cause).orElseGet(() -> Failures.describe(cause));
    }

    /** Why a record whose processing failed for good is dead-lettered. */
    public DeadLetter.Reason reason(Throwable failure) {
        return new DeadLetter.Reason(Failures.deadLetterCategory(failure), describe(failure));
    }

    /**
     * Runs {@code attempt} until it succeeds, waiting more between tries each time. Once
     * {@link RetrySettings#maxAttempts()} tries have failed with errors not known to pass, runs {@code lastResort}
     * with the last of them instead (again after each transient failure of its own, until it succeeds).
     *
     * @param what what is attempted, for the log (e.g. {@code analysing lead.messages.v1-3@42}): never the data
     */
    public <T> Uni<T> run(String what, Supplier<Uni<T>> attempt, Function<Throwable, Uni<T>> lastResort) {
        AtomicInteger tries = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<Throwable> lastError = new AtomicReference<>();
        return Uni.createFrom().deferred(() -> {
                    if (stopping && tries.get() > 0) {
                        return Uni.createFrom().<T>failure(new Stopping(channel, what));
                    }
                    tries.incrementAndGet();
                    return errors.get() < settings.maxAttempts() ? attempt.get() : lastResort.apply(lastError.get());
                })
                .onFailure(failure -> !(failure instanceof Stopping)).invoke(failure -> {
                    if (stopping) {
                        Log.infof("%s: %s failed while the service stops, left unacknowledged for the next consumer of "
                                + "its partitions: %s", channel, what, describe(failure));
                    } else if (isTransient(failure)) {
                        transientRetries.increment();
                        Log.warnf("%s: %s failed, retrying: %s", channel, what, describe(failure));
                    } else {
                        errorRetries.increment();
                        lastError.set(failure);
                        int failed = errors.incrementAndGet();
                        if (failed <= settings.maxAttempts()) {
                            Log.warnf("%s: %s failed (%d of %d attempts), retrying: %s", channel, what, failed,
                                    settings.maxAttempts(), describe(failure));
                        } else {
                            Log.errorf("%s: %s failed %d times and so did setting aside what is at fault; retrying: %s",
                                    channel, what, settings.maxAttempts(), describe(failure));
                        }
                    }
                })
                .onFailure(failure -> !stopping).retry().withBackOff(settings.initialBackoff(), settings.maxBackoff()).indefinitely();
    }

    /** What is left undone because the service stopped between two tries. */
    static final class Stopping extends RuntimeException {
        Stopping(String channel, String what) {
            super(channel + ": the service is stopping; " + what + " is left unacknowledged for the next consumer of "
                    + "its partitions", null, false, false);
        }
    }

    private static Counter counter(MeterRegistry registry, String channel, String kind) {
        return Counter.builder("leadflow.consumer.retries")
                .description("Processing of consumed records tried again, by channel and kind of failure (transient: "
                        + "known to pass, retried without limit; error: retried a few times, then dead-lettered)")
                .tag("channel", channel).tag("kind", kind)
                .register(registry);
    }
}
