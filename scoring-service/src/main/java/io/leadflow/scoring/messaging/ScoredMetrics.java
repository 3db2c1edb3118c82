package io.leadflow.scoring.messaging;

import io.leadflow.events.LeadScored;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * What the pipeline delivered, counted once a batch is stored and its leads published: messages by the grade their lead
 * got ({@code leadflow_leads_scored_total{quality}}) and how long each took from its webhook's arrival at ingest
 * ({@code receivedAt}) to here ({@code leadflow_pipeline_latency_seconds}, a histogram). Redeliveries count again.
 */
final class ScoredMetrics {

    private static final Duration[] BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Timer latency;

    ScoredMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("leadflow.pipeline.latency")
                .description("Time from a message's webhook at ingest to its lead stored and published")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    void published(LeadScored scored, Instant now) {
        Counter.builder("leadflow.leads.scored")
                .description("Messages scored into their lead, by the grade the lead got")
                .tag("quality", scored.lead().quality().name())
                .register(registry).increment();
        latency.record(Duration.between(scored.receivedAt(), now));
    }
}
