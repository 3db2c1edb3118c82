package io.leadflow.testinfra.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One packaged service running as its own process, as a user runs it: {@code java -jar quarkus-run.jar}. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceProcess(Service service, Path jar, int port, int managementPort, Map<String, String> environment, Path log) {
        this.service = service;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
        this.environment = Map.copyOf(environment);
        this.log = log;
    }

    public Service service() {
        return service;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:PORT} */
    public String url() {
        return "http://localhost:" + port;
    }

    /** {@code http://localhost:MANAGEMENT_PORT/q/metrics}: a packaged service serves its metrics on its management port only. */
    public String metricsUrl() {
        return "http://localhost:" + managementPort + "/q/metrics";
    }

    public Path log() {
        return log;
    }

    /** Starts the process; call {@link #awaitReady} before using it. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(service + " is already running");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw package)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx320m", "-XX:TieredStopAtLevel=1",
                "-Dleadflow.component=" + service.name().toLowerCase(), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + service, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(service + " was not ready within " + timeout + "; see " + log);
    }

    /** Stops the process the way a shutdown does (SIGTERM), waiting for it to end. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    /** Freezes the process (SIGSTOP), as a long pause would: it holds its connections and answers nothing. */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** Lets a frozen process go on (SIGCONT). */
    public synchronized void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + service + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not signal " + service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
