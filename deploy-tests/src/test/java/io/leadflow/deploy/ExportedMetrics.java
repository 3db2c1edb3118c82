package io.leadflow.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The metric names the services export, as Prometheus spells them, read from the Micrometer meters their code builds
 * ({@code Counter.builder("leadflow.webhooks")} is {@code leadflow_webhooks_total}), and the metric names the
 * dashboard and the alert rules query.
 */
final class ExportedMetrics {

    /**
     * Metrics of the Kafka clients, which Micrometer binds and no code of ours names: ObservabilityIT checks that
     * a running stack exports them.
     */
    static final Set<String> KAFKA_CLIENT_METRICS = Set.of("kafka_consumer_fetch_manager_records_lag_max");

    private static final Pattern METER = Pattern.compile("(Counter|Timer|DistributionSummary|Gauge)\\.builder\\(\\s*\"([a-z0-9_.]+)\"");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:leadflow|kafka)_[a-z0-9_]+)\\b");
    private static final Map<String, List<String>> SUFFIXES = Map.of(
            "Counter", List.of("_total"),
            "Timer", List.of("_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket"),
            "DistributionSummary", List.of("_count", "_sum", "_max", "_bucket"),
            "Gauge", List.of(""));

    private ExportedMetrics() {
    }

    /** Every metric name the modules' main code exports. */
    static Set<String> fromCode() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repository.ROOT)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
                Matcher meter = METER.matcher(Repository.read(file));
                while (meter.find()) {
                    String base = meter.group(2).replace('.', '_');
                    SUFFIXES.get(meter.group(1)).forEach(suffix -> names.add(base + suffix));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The metric names in the queries of a dashboard or a rule file. */
    static Set<String> queriedIn(String text) {
        return METRIC_NAME.matcher(text).results().map(match -> match.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
