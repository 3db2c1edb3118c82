package io.leadflow.analysis.service;

import io.leadflow.analysis.client.LlmClient;
import io.leadflow.analysis.client.LlmFailure;
import io.leadflow.analysis.client.LlmReply;
import io.leadflow.analysis.client.Outcome;
import io.leadflow.analysis.client.Prompt;
import io.leadflow.analysis.config.ProviderSettings;
import io.leadflow.events.Analysis;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One LLM provider behind SmallRye Fault Tolerance: a concurrency limit (bulkhead with a queue), a circuit breaker
 * named after the provider, and retries only after a 429, a 5xx or a timeout, waiting what the provider asked
 * (Retry-After, Gemini RetryInfo) up to a bound. Every try is recorded as an attempt, with its outcome and latency.
 */
final class GuardedProvider {

    private final LlmClient client;
    private final ReplyValidator validator;
    private final LlmMetrics metrics;
    private final Duration maxRetryDelay;
    private final TypedGuard<Uni<Analysis>> guard;

    GuardedProvider(LlmClient client, ReplyValidator validator, LlmMetrics metrics) {
        this.client = client;
        this.validator = validator;
        this.metrics = metrics;
        ProviderSettings settings = client.settings();
        this.maxRetryDelay = settings.maxRetryDelay();
        long worstCaseMs = (settings.maxRetries() + 1L) * (settings.timeout().toMillis() + maxRetryDelay.toMillis()) + 1000;
        this.guard = TypedGuard.create(new TypeLiteral<Uni<Analysis>>() {
                })
                .withDescription("analysis provider " + client.name())
                .withRetry()
                    .maxRetries(settings.maxRetries())
                    .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .maxDuration(worstCaseMs, ChronoUnit.MILLIS)
                    .whenException(GuardedProvider::worthRetrying)
                    .withCustomBackoff().strategy(() -> new RetryAfterBackoff(maxRetryDelay)).done()
                    .done()
                .withCircuitBreaker()
                    .name(client.name())
                    .requestVolumeThreshold(settings.circuitBreaker().requestVolumeThreshold())
                    .failureRatio(settings.circuitBreaker().failureRatio())
                    .delay(settings.circuitBreaker().delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(settings.circuitBreaker().successThreshold())
                    .when(GuardedProvider::countsAgainstTheProvider)
                    .done()
                .withBulkhead()
                    .limit(settings.concurrency())
                    .queueSize(settings.queue())
                    .done()
                .withThreadOffload(false)
                .build();
    }

    String name() {
        return client.name();
    }

    /**
     * The provider's analysis of the text, each try recorded in {@code attempts}; fails when the provider could not
     * give one (the chain then tries the next). A try that would start after {@code deadline} ({@link System#nanoTime()})
     * is not made: the message has moved on, and a call waiting in the queue past it would be paid for nothing.
     */
    Uni<Analysis> analyze(Prompt prompt, String text, List<Analysis.ProviderAttempt> attempts, long deadline) {
        return guard.get(() -> System.nanoTime() - deadline >= 0 ? Uni.createFrom().failure(LlmFailure.outOfTime())
                        : oneTry(prompt, text, attempts))
                .onFailure(CircuitBreakerOpenException.class).invoke(() -> skipped(attempts, Outcome.CIRCUIT_OPEN, "circuit open"))
                .onFailure(BulkheadException.class).invoke(() -> skipped(attempts, Outcome.BUSY, "concurrency limit and queue full"));
    }

    private Uni<Analysis> oneTry(Prompt prompt, String text, List<Analysis.ProviderAttempt> attempts) {
        long started = System.nanoTime();
        return client.complete(prompt)
                .map(reply -> validated(reply, text))
                .onFailure(this::askedForTooLong).transform(failure -> ((LlmFailure) failure).notRetried())
                .onItemOrFailure().invoke((analysis, failure) -> tried(attempts, started, failure));
    }

    private Analysis validated(LlmReply reply, String text) {
        metrics.tokens(client.name(), reply.tokens());
        return validator.read(reply, text);
    }

    private void tried(List<Analysis.ProviderAttempt> attempts, long started, Throwable failure) {
        long nanos = System.nanoTime() - started;
        Outcome outcome = failure == null ? Outcome.OK
                : failure instanceof LlmFailure llm ? llm.outcome() : Outcome.ERROR;
        String detail = failure == null ? null
                : failure instanceof LlmFailure ? failure.getMessage() : failure.getClass().getSimpleName();
        metrics.attempt(client.name(), outcome, nanos);
        attempts.add(new Analysis.ProviderAttempt(client.name(), outcome.label(), nanos / 1_000_000, detail));
    }

    private void skipped(List<Analysis.ProviderAttempt> attempts, Outcome outcome, String detail) {
        metrics.attempt(client.name(), outcome, 0);
        attempts.add(new Analysis.ProviderAttempt(client.name(), outcome.label(), 0, detail));
    }

    private boolean askedForTooLong(Throwable failure) {
        return failure instanceof LlmFailure llm && llm.retryable()
                && llm.retryAfter().map(wait -> wait.compareTo(maxRetryDelay) > 0).orElse(false);
    }

    private static boolean worthRetrying(Throwable failure) {
        return failure instanceof LlmFailure llm && llm.retryable();
    }

    private static boolean countsAgainstTheProvider(Throwable failure) {
        return !(failure instanceof LlmFailure llm) || llm.tripsBreaker();
    }

    /**
     * Waits what the provider asked for (already bounded: a longer wait is not retried), else backs off
     * exponentially from the configured first delay, never past the bound.
     */
    static final class RetryAfterBackoff implements CustomBackoffStrategy {

        private final long maxMs;
        private long nextMs;

        RetryAfterBackoff(Duration max) {
            this.maxMs = max.toMillis();
        }

        @Override
        public void init(long initialDelayInMillis) {
            nextMs = initialDelayInMillis;
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            if (cause instanceof LlmFailure llm && llm.retryAfter().isPresent()) {
                return Math.min(maxMs, llm.retryAfter().get().toMillis());
            }
            long delay = Math.min(maxMs, nextMs);
            nextMs = Math.min(maxMs, nextMs * 2);
            return delay;
        }
    }
}
