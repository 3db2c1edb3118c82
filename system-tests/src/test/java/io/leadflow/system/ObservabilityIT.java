package io.leadflow.system;

import io.leadflow.events.Topics;
import io.leadflow.system.OtlpReceiver.ReceivedSpan;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The services as an operator sees them: with an OTLP collector named in the environment, one webhook is one trace
 * from ingest through analysis to scoring (the trace context travels in Kafka's record headers), and after traffic
 * the pipeline's metrics say what happened.
 */
class ObservabilityIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Set<String> PIPELINE = Set.of("ingest-service", "analysis-service", "scoring-service");

    private static OtlpReceiver collector;
    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        collector = OtlpReceiver.start();
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs"), "observability"),
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        "OTEL_TRACES_SAMPLER_ARG", "1",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms"));
        // The export below needs a sign-in (the users table is scoring's, there once the stack is up); this class
        // must not depend on another test having signed in before it.
        TestAccess.actAs("admin");
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    @Test
    void oneWebhook_isOneTraceFromIngestThroughAnalysisToScoring() {
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);

        given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Map.of("phone", "+923001270001", "message", "I want to buy 3 units today, it is urgent",
                        "channel", "whatsapp", "sender_name", "Trace"))
                .post("/api/webhook?wait=30")
                .then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertTrace(traceId, callerSpan));
    }

    private static void assertTrace(String traceId, String callerSpan) {
        List<ReceivedSpan> trace = spansOf(traceId);
        assertThat(trace.stream().map(ReceivedSpan::service)).containsAll(PIPELINE);
        assertThat(trace).as("ingest's request span continued the caller's trace")
                .anyMatch(span -> span.service().equals("ingest-service") && span.parentSpanId().equals(callerSpan));
        assertThat(trace).as("each hop's Kafka spans: ingest publishes, analysis and scoring receive and publish")
                .anyMatch(span -> span.service().equals("ingest-service") && span.name().contains(Topics.MESSAGES))
                .anyMatch(span -> span.service().equals("analysis-service") && span.name().contains(Topics.MESSAGES))
                .anyMatch(span -> span.service().equals("analysis-service") && span.name().contains(Topics.ANALYZED))
                .anyMatch(span -> span.service().equals("scoring-service") && span.name().contains(Topics.ANALYZED))
                .anyMatch(span -> span.service().equals("scoring-service") && span.name().contains(Topics.SCORED));
        Set<String> spanIds = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).as("every span's parent is in the trace, or is the caller's")
                .allMatch(span -> span.parentSpanId().equals(callerSpan) || spanIds.contains(span.parentSpanId()));
    }

    @Test
    void afterTraffic_thePipelinesMetricsAreNonZero() {
        given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body(Map.of("phone", "+923001270002", "message", "I want to buy 3 units today, it is urgent",
                        "channel", "whatsapp", "sender_name", "Metrics"))
                .post("/api/webhook?wait=30")
                .then().statusCode(200);
        TestKafka.send(Topics.MESSAGES, "poison", "{not json");
        given().baseUri(stack.url(Service.EXPORT)).get("/api/export/leads.csv").then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(Map.of(
                "webhooks", metric(Service.INGEST, "leadflow_webhooks_total", "channel=\"generic\""),
                "LLM chain", metric(Service.ANALYSIS, "leadflow_llm_calls_total", "provider=\"offline\""),
                "dead letters", metric(Service.ANALYSIS, "leadflow_dlq_records_total", "topic=\"lead.messages.v1.dlq\""),
                "leads per grade", metric(Service.SCORING, "leadflow_leads_scored_total", "quality=\"HOT\""),
                "pipeline latency", metric(Service.SCORING, "leadflow_pipeline_latency_seconds_count", ""),
                "pipeline latency histogram", metric(Service.SCORING, "leadflow_pipeline_latency_seconds_bucket", "le=\"300.0\""),
                "export rows", metric(Service.EXPORT, "leadflow_export_rows_total", "format=\"csv\"")))
                .allSatisfy((what, value) -> assertThat(value).as(what).isPositive()));
        // Consumer lag per group: the Kafka consumer's own metric, for analysis's and scoring's group.
        assertThat(metricLines(Service.ANALYSIS, "kafka_consumer_fetch_manager_records_lag_max")).isNotEmpty();
        assertThat(metricLines(Service.SCORING, "kafka_consumer_fetch_manager_records_lag_max")).isNotEmpty();
    }

    private static List<ReceivedSpan> spansOf(String traceId) {
        return collector.spans().stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    @Test
    void metrics_areServedOnTheManagementPortOnly_healthOnTheMainPort() {
        for (Service service : Service.values()) {
            given().baseUri(stack.url(service)).get("/q/metrics").then().statusCode(404);
            given().baseUri(stack.url(service)).get("/q/health/ready").then().statusCode(200);
            given().get(stack.metricsUrl(service)).then().statusCode(200);
        }
    }

    /** The sum of a metric's samples whose labels contain the given text. */
    private static double metric(Service service, String name, String labels) {
        return metricLines(service, name).stream().filter(sample -> labels.isEmpty() || sample.group(1) != null && sample.group(1).contains(labels))
                .mapToDouble(sample -> Double.parseDouble(sample.group(2))).sum();
    }

    /** A metric's samples: labels (group 1) and value (group 2), an exemplar (the trace it was counted in) after them. */
    private static List<Matcher> metricLines(Service service, String name) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)( # .*)?$");
        return given().get(stack.metricsUrl(service)).then().statusCode(200).extract().asString()
                .lines().map(sample::matcher).filter(Matcher::matches).toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
