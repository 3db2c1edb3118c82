package io.leadflow.deploy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Grafana dashboard and the Prometheus alert rules query only metrics the services export. */
class MonitoringTest {

    private static final String DASHBOARD = Repository.read(Repository.ROOT.resolve("deploy/grafana/leadflow-pipeline.json"));
    private static final String ALERTS = Repository.read(Repository.ROOT.resolve("deploy/prometheus/leadflow-alerts.yaml"));

    @Test
    void dashboardAndAlerts_queryOnlyMetricsTheServicesExport() {
        assertThat(notExported(queries(DASHBOARD, "panels", "targets"))).isEmpty();
        assertThat(notExported(queries(ALERTS, "groups", "rules"))).isEmpty();
    }

    @Test
    void dashboard_showsWhatAnOperatorWatches() {
        assertThat(ExportedMetrics.queriedIn(String.join("\n", queries(DASHBOARD, "panels", "targets")))).containsAll(Set.of(
                "leadflow_webhooks_total", "leadflow_llm_calls_total", "kafka_consumer_fetch_manager_records_lag_max",
                "leadflow_leads_scored_total", "leadflow_pipeline_latency_seconds_bucket", "leadflow_dlq_records_total",
                "leadflow_export_rows_total"));
    }

    @Test
    void alerts_coverLagDeadLettersTheLlmChainAndSilence() {
        assertThat(Yaml.list(Yaml.documents(ALERTS).get(0), "groups", 0, "rules").stream().map(rule -> Yaml.text(rule, "alert")))
                .containsExactly("LeadflowConsumerLagGrowing", "LeadflowDeadLetters", "LeadflowLlmChainAllFailing", "LeadflowNoWebhooks");
    }

    @Test
    void aMetricNoServiceExports_isDrift() {
        assertThat(notExported(List.of("sum(rate(leadflow_leads_total[5m]))", "rate(leadflow_webhooks_total[5m])")))
                .containsExactly("leadflow_leads_total");
    }

    private static Set<String> notExported(List<String> queries) {
        Set<String> exported = new TreeSet<>(ExportedMetrics.fromCode());
        exported.addAll(ExportedMetrics.KAFKA_CLIENT_METRICS);
        return queries.stream().flatMap(query -> ExportedMetrics.queriedIn(query).stream())
                .filter(name -> !exported.contains(name)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The query of every target of every panel (a dashboard), or the expr of every rule of every group (rules). */
    private static List<String> queries(String text, String outer, String inner) {
        Map<String, Object> document = Yaml.documents(text).get(0);
        return Yaml.list(document, outer).stream()
                .flatMap(item -> Yaml.list(item, inner).stream())
                .map(query -> Yaml.text(query, "expr"))
                .toList();
    }
}
