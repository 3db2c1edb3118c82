package io.leadflow.testinfra;

import io.leadflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A Kafka broker (KRaft, broker and controller combined) in a process of its own, on ports chosen once, that a test
 * can stop and start again with its data: a real broker outage, for tests of what a service does while the broker is
 * gone and after it is back. Each instance is its own cluster with every Leadflow topic; the JVM's shared
 * {@link TestKafka} broker is not touched.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaBrokerProcess.class.getName());
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port, int controllerPort) throws IOException {
        this.directory = directory;
        this.port = port;
        this.config = directory.resolve("server.properties");
        this.log = directory.resolve("kafka.log");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=" + Topics.PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=12",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
    }

    /** Formats a new cluster, starts it, waits until it answers and creates every Leadflow topic. */
    public static KafkaBrokerProcess start() {
        try {
            KafkaBrokerProcess broker = new KafkaBrokerProcess(TempDirectories.create("kafka-process-"), freePort(), freePort());
            broker.run("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", broker.config.toString())
                    .waitFor(60, TimeUnit.SECONDS);
            broker.startAgain();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-process-stop"));
            try (Admin admin = broker.admin()) {
                admin.createTopics(Topics.ALL.stream().map(Topics::definition).toList())
                        .all().get(30, TimeUnit.SECONDS);
            }
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a Kafka broker process", e);
        }
    }

    /** {@code 127.0.0.1:PORT}, the same before and after a restart. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker the way an operator does (SIGTERM, a controlled shutdown), waiting until it is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        LOG.info("Stopped the Kafka broker process at " + bootstrapServers());
    }

    /** Starts the stopped broker again, on the same ports and with its data, and waits until it answers. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The broker at " + bootstrapServers() + " is running");
        }
        try {
            process = run("kafka.Kafka", config.toString());
            awaitReady();
            LOG.info("Started the Kafka broker process at " + bootstrapServers() + " (log: " + log + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An admin client on this broker; close it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker process exited with " + process.exitValue() + "; see " + log);
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The Kafka broker process was not ready within " + READY_TIMEOUT + "; see " + log, e);
                }
                pause();
            }
        }
    }

    /** Runs a Kafka main class with this JVM's class path (Kafka's jars are on it, through test-infra). */
    private Process run(String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
