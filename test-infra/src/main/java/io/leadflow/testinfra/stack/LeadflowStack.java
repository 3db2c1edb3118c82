package io.leadflow.testinfra.stack;

import io.leadflow.testinfra.DbCoordinates;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TestPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The five packaged services as separate processes on free ports, joined by this JVM's real Kafka broker and
 * real PostgreSQL: the system as a user runs it, for tests that drive it only through HTTP.
 */
public final class LeadflowStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final Map<Service, ServiceProcess> processes = new EnumMap<>(Service.class);
    private final List<ServiceProcess> moreInstances = new ArrayList<>();
    private final Path logDirectory;
    private Map<String, String> environment = Map.of();

    private LeadflowStack(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    /**
     * Starts every service from its {@code target/quarkus-app} and waits until all are ready.
     *
     * Webhooks without a secret take unsigned requests ({@code LEADFLOW_WEBHOOKS_ALLOW_UNSIGNED=true}, as
     * {@code ./leadflow up} sets it), and Twilio's public address is ingest's own, unless {@code extraEnvironment}
     * says otherwise; an empty value there leaves the variable unset (production's default).
     *
     * @param logDirectory where each service's output goes ({@code SERVICE.log})
     * @param extraEnvironment configuration every service gets besides the broker and database
     */
    public static LeadflowStack start(Path logDirectory, Map<String, String> extraEnvironment) {
        return start(logDirectory, extraEnvironment, TestKafka.bootstrapServers(), TestPostgres.coordinates());
    }

    /**
     * As {@link #start(Path, Map)}, on a broker and a database of the test's own (a
     * {@link io.leadflow.testinfra.KafkaBrokerProcess}, a {@link io.leadflow.testinfra.PostgresProcess}) that it may
     * stop and start again.
     */
    public static LeadflowStack start(Path logDirectory, Map<String, String> extraEnvironment, String bootstrapServers,
                                      DbCoordinates db) {
        LeadflowStack stack = new LeadflowStack(logDirectory);
        try {
            Files.createDirectories(logDirectory);
            Map<Service, Integer> ports = new EnumMap<>(Service.class);
            for (Service service : Service.values()) {
                ports.put(service, freePort());
            }
            Map<String, String> environment = new HashMap<>(extraEnvironment);
            environment.putIfAbsent("LEADFLOW_WEBHOOKS_ALLOW_UNSIGNED", "true");
            environment.putIfAbsent("LEADFLOW_TWILIO_PUBLIC_BASE_URL", "http://localhost:" + ports.get(Service.INGEST));
            environment.values().removeIf(String::isEmpty);
            environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
            environment.put("LEADFLOW_DB_URL", db.url());
            environment.put("LEADFLOW_DB_USER", db.user());
            environment.put("LEADFLOW_DB_PASSWORD", db.password());
            environment.putAll(TestAccess.environment());
            environment.put("LEADFLOW_EXPORT_URL", "http://localhost:" + ports.get(Service.EXPORT));
            stack.environment = Map.copyOf(environment);
            for (Service service : Service.values()) {
                ServiceProcess process = stack.process(service, ports.get(service), Map.of(), service.module() + ".log");
                stack.processes.put(service, process);
                process.start();
            }
            for (ServiceProcess process : stack.processes.values()) {
                process.awaitReady(READY_TIMEOUT);
            }
            return stack;
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public ServiceProcess process(Service service) {
        return processes.get(service);
    }

    /**
     * Starts one more instance of a service, configured as the first (so in the same consumer groups) plus
     * {@code extraEnvironment}, on a port of its own, and waits until it is ready; it is stopped with the stack.
     */
    public ServiceProcess startAnother(Service service, Map<String, String> extraEnvironment) {
        try {
            ServiceProcess process = process(service, freePort(), extraEnvironment,
                    service.module() + "-" + (moreInstances.size() + 2) + ".log");
            moreInstances.add(process);
            process.start();
            process.awaitReady(READY_TIMEOUT);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ServiceProcess process(Service service, int port, Map<String, String> extraEnvironment, String log)
            throws IOException {
        int managementPort = freePort();
        Map<String, String> own = new HashMap<>(environment);
        own.putAll(extraEnvironment);
        own.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        own.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        return new ServiceProcess(service, repositoryRoot().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar"),
                port, managementPort, own, logDirectory.resolve(log));
    }

    /** Where a service serves its Prometheus metrics (its management port). */
    public String metricsUrl(Service service) {
        return processes.get(service).metricsUrl();
    }

    /** {@code http://localhost:PORT} of a service. */
    public String url(Service service) {
        return processes.get(service).url();
    }

    @Override
    public void close() {
        List<ServiceProcess> running = new ArrayList<>(processes.values());
        running.addAll(moreInstances);
        Collections.reverse(running);
        running.forEach(ServiceProcess::stop);
    }

    /** The directory that holds the service modules, found from the module a test runs in. */
    public static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("ingest-service")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("The Leadflow repository was not found above " + Paths.get("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
