package io.leadflow.analysis.client;

import java.time.Duration;
import java.util.Optional;

/**
 * Why one try of a provider did not give an analysis. Says whether trying again can help (429, 5xx, timeout) and
 * whether it counts against the provider's circuit breaker (a request the provider rejected as malformed does not:
 * that is our fault, not the provider's health).
 */
public final class LlmFailure extends RuntimeException {

    private final Outcome outcome;
    private final boolean retryable;
    private final boolean tripsBreaker;
    private final Duration retryAfter;

    private LlmFailure(Outcome outcome, String detail, boolean retryable, boolean tripsBreaker, Duration retryAfter) {
        super(detail, null, false, false);
        this.outcome = outcome;
        this.retryable = retryable;
        this.tripsBreaker = tripsBreaker;
        this.retryAfter = retryAfter;
    }

    public static LlmFailure rateLimited(Duration retryAfter) {
        return new LlmFailure(Outcome.RATE_LIMITED, "HTTP 429" + waitHint(retryAfter), true, true, retryAfter);
    }

    public static LlmFailure serverError(int status, Duration retryAfter) {
        return new LlmFailure(Outcome.ERROR, "HTTP " + status + waitHint(retryAfter), true, true, retryAfter);
    }

    public static LlmFailure timeout(Duration after) {
        return new LlmFailure(Outcome.TIMEOUT, "no answer within " + after.toMillis() + " ms", true, true, null);
    }

    /** A 4xx other than 429: retrying the same request cannot help. 400 and 422 say the request was wrong. */
    public static LlmFailure rejected(int status, String detail) {
        boolean ourRequest = status == 400 || status == 422;
        return new LlmFailure(Outcome.ERROR, "HTTP " + status + (detail == null ? "" : ": " + detail), false,
                !ourRequest, null);
    }

    public static LlmFailure unreachable(String detail) {
        return new LlmFailure(Outcome.ERROR, detail, false, true, null);
    }

    public static LlmFailure invalidReply(String detail) {
        return new LlmFailure(Outcome.INVALID_REPLY, detail, false, true, null);
    }

    public static LlmFailure blocked(String detail) {
        return new LlmFailure(Outcome.BLOCKED, detail, false, true, null);
    }

    public static LlmFailure modelMissing(String model) {
        return new LlmFailure(Outcome.MODEL_MISSING, "model " + model + " is not available", false, true, null);
    }

    /** The message's time for the LLM providers ran out: not the provider's fault, and not worth another try. */
    public static LlmFailure outOfTime() {
        return new LlmFailure(Outcome.OUT_OF_TIME, "the message's time for the LLM providers ran out", false, false, null);
    }

    /** The same failure, not to be retried (the provider asked for a longer wait than we allow). */
    public LlmFailure notRetried() {
        return new LlmFailure(outcome, getMessage() + ", longer than allowed: not retried", false, tripsBreaker, retryAfter);
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean tripsBreaker() {
        return tripsBreaker;
    }

    /** How long the provider asked us to wait (Retry-After, Gemini RetryInfo), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String waitHint(Duration retryAfter) {
        return retryAfter == null ? "" : ", retry after " + retryAfter.toMillis() + " ms";
    }
}
