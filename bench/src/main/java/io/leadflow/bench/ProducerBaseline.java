package io.leadflow.bench;

import io.leadflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ProducerPerformance}, run as its own process against the same broker with {@code acks=all}:
 * the most records per second (and the latency) the broker gives a producer on this machine right now.
 */
public final class ProducerBaseline {

    static final String TOPIC = "bench.producer-performance";
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    /** What ProducerPerformance reported. */
    public record Result(long records, double recordsPerSecond, double avgMs, double p50Ms, double p95Ms, double p99Ms,
                         double p999Ms) {
    }

    private final String bootstrap;

    public ProducerBaseline(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Produces {@code records} of {@code recordSize} bytes at {@code throughput} records/s (-1: as fast as it can). */
    public Result run(int records, int recordSize, int throughput) throws IOException, InterruptedException {
        createTopic();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", TOPIC, "--num-records", String.valueOf(records),
                "--record-size", String.valueOf(recordSize), "--throughput", String.valueOf(throughput),
                "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (SUMMARY.matcher(line).find()) {
                    last = line;
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || last == null) {
            process.destroyForcibly();
            throw new IOException("ProducerPerformance failed (exit " + (process.isAlive() ? "timeout" : process.exitValue()) + ")");
        }
        Matcher m = SUMMARY.matcher(last);
        m.find();
        return new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(4)),
                Double.parseDouble(m.group(6)), Double.parseDouble(m.group(7)), Double.parseDouble(m.group(8)),
                Double.parseDouble(m.group(9)));
    }

    private void createTopic() throws InterruptedException, IOException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(TOPIC, Topics.PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IOException("Creating " + TOPIC + " failed", e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("Creating " + TOPIC + " timed out", e);
        }
    }
}
