package io.leadflow.bench;

import io.leadflow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accepted webhooks per second (each acknowledged by Kafka with acks=all) at rising concurrency, beside Kafka's own
 * producer on the same broker with the same record size; then the webhook p99 at half the producer's rate, beside
 * the producer's p99 at that rate. Targets (SPEC §11): throughput ratio >= 0.5; webhook p99 <= 2 x producer p99.
 */
final class IngestScenario {

    private final Target target;
    private final Mode mode;
    private final Progress progress;

    IngestScenario(Target target, Mode mode, Progress progress) {
        this.target = target;
        this.mode = mode;
        this.progress = progress;
    }

    ScenarioResult run() throws Exception {
        Webhooks webhooks = new Webhooks("ingest-" + System.currentTimeMillis(), target.whatsappAppSecret());
        Map<String, Object> details = new LinkedHashMap<>();
        int recordSize;
        HttpLoad.Outcome best = null;
        int bestConcurrency = 0;
        try (HttpLoad load = new HttpLoad(target.ingestPort(), 512)) {
            progress.step("ingest: measuring the record size, warming up for " + mode.ingestWarmup().toSeconds() + " s");
            recordSize = recordSize(load, webhooks);
            details.put("record_size_bytes", recordSize);
            // Steady state is what is measured: a fresh JVM spends as much CPU compiling its hot paths as running them.
            load.closedLoop(64, mode.ingestWarmup(), webhooks::mixed);
            for (int concurrency : mode.ingestConcurrency()) {
                Machine.awaitQuiet(progress);
                progress.step("ingest: " + concurrency + " concurrent webhooks for " + mode.ingestStep().toSeconds() + " s");
                HttpLoad.Outcome outcome = load.closedLoop(concurrency, mode.ingestStep(), n -> webhooks.mixed(n + 1_000_000L * concurrency));
                details.put("concurrency_" + concurrency, summary(outcome));
                if (best == null || outcome.acceptedPerSecond() > best.acceptedPerSecond()) {
                    best = outcome;
                    bestConcurrency = concurrency;
                }
            }
        }
        Machine.awaitQuiet(progress);
        progress.step("ingest: Kafka ProducerPerformance, " + mode.producerRecords() + " records of " + recordSize + " bytes");
        ProducerBaseline producer = new ProducerBaseline(target.kafkaBootstrap());
        ProducerBaseline.Result raw = producer.run(mode.producerRecords(), recordSize, -1);
        details.put("producer_max", raw);
        details.put("best_concurrency", bestConcurrency);

        int halfRate = Math.max(100, (int) (raw.recordsPerSecond() / 2));
        // Latency means something only at a rate ingest can sustain: past it, requests just queue without bound.
        boolean sustainable = best.acceptedPerSecond() >= halfRate;
        int rate = sustainable ? halfRate : Math.max(50, (int) (best.acceptedPerSecond() * 0.8));
        Duration step = mode.ingestStep();
        details.put("quiet_wait_before_rate_s", Machine.awaitQuiet(progress).toSeconds());
        progress.step("ingest: webhooks at " + rate + "/s for " + step.toSeconds() + " s"
                + (sustainable ? " (half the producer's rate)" : " (80% of ingest's best: half the producer's rate, "
                + halfRate + "/s, is more than ingest takes)"));
        HttpLoad.Outcome atRate;
        try (HttpLoad load = new HttpLoad(target.ingestPort(), 512)) {
            atRate = load.openLoop(rate, step, n -> webhooks.mixed(50_000_000L + n));
        }
        Machine.awaitQuiet(progress);
        progress.step("ingest: ProducerPerformance at " + rate + "/s");
        ProducerBaseline.Result rawAtRate = producer.run((int) (rate * step.toSeconds()), recordSize, rate);
        details.put("latency_rate_per_s", rate);
        details.put("webhooks_at_latency_rate", summary(atRate));
        details.put("producer_at_latency_rate", rawAtRate);

        double ratio = best.acceptedPerSecond() / raw.recordsPerSecond();
        double p99 = atRate.percentileMs(99);
        boolean latencyMet = sustainable && p99 <= 2 * Math.max(1, rawAtRate.p99Ms());
        details.put("latency_target", sustainable
                ? "at " + rate + "/s webhook p99 " + ScenarioResult.number(p99) + " ms <= 2 x producer p99 "
                        + ScenarioResult.number(rawAtRate.p99Ms()) + " ms: " + (latencyMet ? "met" : "missed")
                : "missed: ingest does not sustain half the producer's rate (" + halfRate + "/s); at " + rate
                        + "/s webhook p99 " + ScenarioResult.number(p99) + " ms, producer p99 " + ScenarioResult.number(rawAtRate.p99Ms()) + " ms");
        details.put("p95_ms", best.percentileMs(95));
        details.put("p999_ms", best.percentileMs(99.9));
        return new ScenarioResult("ingest", Math.round(best.acceptedPerSecond()), "webhooks/s",
                (double) Math.round(raw.recordsPerSecond()), ratio, best.p50Ms(), best.percentileMs(99),
                "throughput ratio >= 0.50 and webhook p99 at half rate <= 2 x producer p99",
                ratio >= 0.5 && latencyMet, details);
    }

    /** The size of the record ingest publishes for these webhooks, read back from lead.messages.v1. */
    private int recordSize(HttpLoad load, Webhooks webhooks) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafkaBootstrap()), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            for (long n = 0; n < 20; n++) {
                load.send(webhooks.mixed(n)).toCompletionStage().toCompletableFuture().get();
            }
            long total = 0;
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count < 20 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    total += record.serializedValueSize();
                    count++;
                }
            }
            if (count == 0) {
                throw new IllegalStateException("no record reached " + Topics.MESSAGES + " within 30 s");
            }
            return (int) (total / count);
        }
    }

    static Map<String, Object> summary(HttpLoad.Outcome outcome) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("accepted_per_s", Math.round(outcome.acceptedPerSecond()));
        summary.put("accepted", outcome.accepted());
        summary.put("failed", outcome.failed());
        summary.put("p50_ms", outcome.p50Ms());
        summary.put("p95_ms", outcome.percentileMs(95));
        summary.put("p99_ms", outcome.percentileMs(99));
        summary.put("p999_ms", outcome.percentileMs(99.9));
        return summary;
    }
}
