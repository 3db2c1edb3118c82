package io.leadflow.bench;

import io.leadflow.events.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * The running system a benchmark measures: the ports and the data directory {@code ./leadflow} started it with,
 * read from the same environment variables the launcher uses, and the database password it keeps there.
 */
public record Target(Path root, Path dataDirectory, int queryPort, int ingestPort, int analysisPort, int scoringPort,
                     int exportPort, String kafkaBootstrap, String jdbcUrl, String dbUser, String dbPassword,
                     String whatsappAppSecret, String adminUsername, String adminPassword) {

    public static Target fromEnvironment(Map<String, String> env) {
        Path root = Paths.get(env.getOrDefault("LEADFLOW_ROOT", ".")).toAbsolutePath().normalize();
        int pgPort = port(env, "LEADFLOW_PG_PORT", 5433);
        Path data = Paths.get(env.getOrDefault("LEADFLOW_DATA_DIR", root.resolve("data").toString()));
        return new Target(root, data,
                port(env, "LEADFLOW_QUERY_PORT", 8080),
                port(env, "LEADFLOW_INGEST_PORT", 8081),
                port(env, "LEADFLOW_ANALYSIS_PORT", 8082),
                port(env, "LEADFLOW_SCORING_PORT", 8083),
                port(env, "LEADFLOW_EXPORT_PORT", 8084),
                "127.0.0.1:" + port(env, "LEADFLOW_KAFKA_PORT", 9092),
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/leadflow",
                "leadflow", databasePassword(data),
                env.get("LEADFLOW_WHATSAPP_APP_SECRET"),
                env.getOrDefault("LEADFLOW_ADMIN_USERNAME", "admin"),
                env.getOrDefault("LEADFLOW_ADMIN_PASSWORD", null));
    }

    /**
     * {@code Bearer <token>} of the stack's admin, signed in through query-service as any API client would: the
     * password is LEADFLOW_ADMIN_PASSWORD, or the one the launcher generated under the data directory.
     */
    public String authorization() {
        String password = adminPassword != null ? adminPassword : credential("admin.password");
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + queryPort + "/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(Map.of("username", adminUsername,
                            "password", password))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("Signing in as " + adminUsername + " answered " + answer.statusCode()
                        + ": " + answer.body());
            }
            return "Bearer " + EventJson.mapper().readTree(answer.body()).get("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** The password of the services' role, which {@code ./leadflow} keeps with the stack's data. */
    public static String databasePassword(Path dataDirectory) {
        return credential(dataDirectory, "leadflow.password");
    }

    private String credential(String name) {
        return credential(dataDirectory, name);
    }

    private static String credential(Path dataDirectory, String name) {
        Path file = dataDirectory.resolve("credentials").resolve(name);
        try {
            return Files.readString(file).replaceAll("\n+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("No " + name + " in " + file.getParent() + ": is the stack one ./leadflow started there?", e);
        }
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
