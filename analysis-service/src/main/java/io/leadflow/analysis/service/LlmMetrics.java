package io.leadflow.analysis.service;

import io.leadflow.analysis.client.Outcome;
import io.leadflow.events.Analysis;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * The analysis metrics: {@code leadflow_llm_calls_total{provider,outcome}} (the offline analyzer is
 * {@code provider="offline"}), {@code leadflow_llm_latency_seconds} (a histogram of the calls that were made), and
 * {@code leadflow_llm_tokens_total{provider,kind}} (kind = input, output).
 */
@ApplicationScoped
public class LlmMetrics {

    private final MeterRegistry registry;

    public LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One try of a provider; a call that was made also goes into the latency histogram. */
    public void attempt(String provider, Outcome outcome, long nanos) {
        Counter.builder("leadflow.llm.calls")
                .description("Tries of an analysis provider, by outcome")
                .tag("provider", provider).tag("outcome", outcome.label())
                .register(registry).increment();
        if (outcome != Outcome.CIRCUIT_OPEN && outcome != Outcome.BUSY && outcome != Outcome.CACHED
                && outcome != Outcome.OUT_OF_TIME) {
            Timer.builder("leadflow.llm.latency")
                    .description("How long a try of an analysis provider took")
                    .tag("provider", provider).tag("outcome", outcome.label())
                    .publishPercentileHistogram()
                    .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Tokens a provider charged, answer valid or not. */
    public void tokens(String provider, Analysis.TokenUsage usage) {
        if (usage.input() > 0) {
            tokenCounter(provider, "input").increment(usage.input());
        }
        if (usage.output() > 0) {
            tokenCounter(provider, "output").increment(usage.output());
        }
    }

    /** An analysis reused for the same text. */
    public void reused(String provider) {
        Counter.builder("leadflow.analysis.reused")
                .description("Analyses reused for the same text within the cache window")
                .tag("provider", provider)
                .register(registry).increment();
    }

    private Counter tokenCounter(String provider, String kind) {
        return Counter.builder("leadflow.llm.tokens")
                .description("Tokens charged by analysis providers")
                .tag("provider", provider).tag("kind", kind)
                .register(registry);
    }
}
