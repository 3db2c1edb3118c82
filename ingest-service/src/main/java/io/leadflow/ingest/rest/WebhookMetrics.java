package io.leadflow.ingest.rest;

import io.leadflow.ingest.service.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code leadflow_webhooks_total{channel,outcome}} and the latency histogram
 * {@code leadflow_webhook_latency_seconds{channel,outcome}}: one count per webhook POST, whatever answered it
 * (the resource, an exception mapper, the body-size limit, the CORS check).
 */
@ApplicationScoped
public class WebhookMetrics {

    /** Where a resource leaves the outcome a status code alone does not tell (duplicate, ignored). */
    private static final String OUTCOME_KEY = "leadflow.webhook.outcome";

    /** The {@code channel} label of each webhook path. */
    static final Map<String, String> CHANNELS = Map.of(
            "/api/webhook", "generic",
            "/api/webhook/whatsapp", "whatsapp",
            "/api/webhook/instagram", "instagram",
            "/api/webhook/twilio", "twilio",
            "/api/webhook/email/sendgrid", "email_sendgrid",
            "/api/webhook/email/mailgun", "email_mailgun",
            "/api/webhook/email/raw", "email_raw",
            "/api/webhook/website", "website");

    private static final Duration[] BUCKETS = List.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000)
            .stream().map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start, so a dashboard shows 0 rather than nothing.
        for (String channel : CHANNELS.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(channel, outcome);
            }
        }
    }

    /** The channel label of a request path, if it is a webhook. */
    static Optional<String> channelOf(String path) {
        String normalized = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return Optional.ofNullable(CHANNELS.get(normalized));
    }

    /** Records what a resource knows about its request's outcome, beyond its status code. */
    public static void outcome(RoutingContext context, Outcome outcome) {
        context.put(OUTCOME_KEY, outcome);
    }

    /** Counts a finished request and records its latency. */
    void record(RoutingContext context, String channel, long startedNanos) {
        Outcome outcome = outcomeOf(context.get(OUTCOME_KEY), context.response().getStatusCode());
        counter(channel, outcome).increment();
        Timer.builder("leadflow.webhook.latency")
                .description("Time from a webhook request's arrival to its answer")
                .tags("channel", channel, "outcome", outcome.label())
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    static Outcome outcomeOf(Outcome declared, int status) {
        if (declared != null) {
            return declared;
        }
        if (status == 401 || status == 403) {
            return Outcome.REJECTED_SIGNATURE;
        }
        if (status == 429) {
            return Outcome.RATE_LIMITED;
        }
        if (status == 503) {
            return Outcome.UNAVAILABLE;
        }
        if (status >= 400 && status < 500) {
            return Outcome.INVALID;
        }
        return status >= 500 ? Outcome.ERROR : Outcome.ACCEPTED;
    }

    private Counter counter(String channel, Outcome outcome) {
        return Counter.builder("leadflow.webhooks")
                .description("Webhook requests by channel and what became of them")
                .tags("channel", channel, "outcome", outcome.label())
                .register(registry);
    }
}
