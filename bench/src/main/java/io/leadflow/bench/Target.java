package io.leadflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * The running system a benchmark measures: the ports and the data directory {@code ./leadflow} started it with,
 * read from the same environment variables the launcher uses.
 */
public record Target(Path root, Path dataDirectory, int queryPort, int ingestPort, int analysisPort, int scoringPort,
                     int exportPort, String kafkaBootstrap, String jdbcUrl, String dbUser, String dbPassword,
                     String whatsappAppSecret) {

    public static Target fromEnvironment(Map<String, String> env) {
        Path root = Paths.get(env.getOrDefault("LEADFLOW_ROOT", ".")).toAbsolutePath().normalize();
        int pgPort = port(env, "LEADFLOW_PG_PORT", 5433);
        return new Target(root,
                Paths.get(env.getOrDefault("LEADFLOW_DATA_DIR", root.resolve("data").toString())),
                port(env, "LEADFLOW_QUERY_PORT", 8080),
                port(env, "LEADFLOW_INGEST_PORT", 8081),
                port(env, "LEADFLOW_ANALYSIS_PORT", 8082),
                port(env, "LEADFLOW_SCORING_PORT", 8083),
                port(env, "LEADFLOW_EXPORT_PORT", 8084),
                "127.0.0.1:" + port(env, "LEADFLOW_KAFKA_PORT", 9092),
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/leadflow",
                "leadflow", "leadflow",
                env.get("LEADFLOW_WHATSAPP_APP_SECRET"));
    }

    public int port(String service) {
        return switch (service) {
            case "query" -> queryPort;
            case "ingest" -> ingestPort;
            case "analysis" -> analysisPort;
            case "scoring" -> scoringPort;
            case "export" -> exportPort;
            default -> throw new IllegalArgumentException("unknown service " + service);
        };
    }

    /** The pid the launcher recorded for a service, if it is running. */
    public Optional<Long> pid(String service) {
        Path file = dataDirectory.resolve("run").resolve(service + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public Path launcher() {
        return root.resolve("leadflow");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
