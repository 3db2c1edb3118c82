package io.leadflow.analysis.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What every LLM provider's configuration has besides where it is: how patiently and how often to call it. */
public interface ProviderSettings {

    /** The longest one call may take before it counts as timed out. */
    @WithDefault("10s")
    Duration timeout();

    /** Tries after the first, only after a 429, a 5xx or a timeout. */
    @WithDefault("2")
    int maxRetries();

    /** The first backoff before a retry when the provider does not say how long to wait; doubled each retry. */
    @WithDefault("500ms")
    Duration retryDelay();

    /**
     * The longest wait before a retry. A provider that asks (Retry-After, Gemini RetryInfo) for longer is not
     * retried: the next provider is tried instead, so no message waits long.
     */
    @WithDefault("5s")
    Duration maxRetryDelay();

    /** Calls to this provider in flight at once. */
    @WithDefault("8")
    int concurrency();

    /** Calls waiting for a free place; past that the next provider is tried at once. */
    @WithDefault("1000")
    int queue();

    /** When to stop calling a failing provider for a while. */
    CircuitBreaker circuitBreaker();

    interface CircuitBreaker {
        /** Calls in the rolling window the failure ratio is computed over. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** The share of failed calls in the window that opens the circuit. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open circuit skips the provider before letting a trial call through. */
        @WithDefault("30s")
        Duration delay();

        /** Successful trial calls that close the circuit again. */
        @WithDefault("2")
        int successThreshold();
    }
}
