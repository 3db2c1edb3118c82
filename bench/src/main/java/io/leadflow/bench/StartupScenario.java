package io.leadflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time to ready: each service restarted alone (the rest of the stack running), and the whole local stack from
 * {@code ./leadflow down} to every service ready. Targets (SPEC §11): each service <= 3 s, the stack <= 60 s.
 */
final class StartupScenario {

    private static final List<String> SERVICES = List.of("scoring", "analysis", "ingest", "query", "export");

    private final Target target;
    private final Mode mode;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    StartupScenario(Target target, Mode mode, Progress progress) {
        this.target = target;
        this.mode = mode;
        this.progress = progress;
    }

    ScenarioResult run() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        double slowest = 0;
        for (String service : mode.restartEveryService() ? SERVICES : List.of("query")) {
            Machine.awaitQuiet(progress);
            progress.step("startup: restarting " + service);
            long pid = target.pid(service).orElseThrow(() -> new IllegalStateException(service + " is not running"));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            long started = System.nanoTime();
            Process up = launcher("up");
            awaitReady(service, Duration.ofMinutes(2));
            Instant ready = Instant.now();
            double withLauncher = (System.nanoTime() - started) / 1e9;
            up.waitFor(2, TimeUnit.MINUTES);
            // The service's own start-up: from its JVM's launch, not the launcher's checks and topic creation before it.
            Instant launched = target.pid(service).flatMap(ProcessHandle::of).flatMap(p -> p.info().startInstant())
                    .orElseThrow(() -> new IllegalStateException("the start of " + service + "'s process is unknown"));
            double seconds = Duration.between(launched, ready).toMillis() / 1000.0;
            details.put(service + "_seconds", seconds);
            details.put(service + "_seconds_with_launcher", round(withLauncher));
            slowest = Math.max(slowest, seconds);
        }
        Machine.awaitQuiet(progress);
        progress.step("startup: the whole stack, down and up");
        if (launcher("down").waitFor(3, TimeUnit.MINUTES)) {
            long started = System.nanoTime();
            Process up = launcher("up");
            if (!up.waitFor(5, TimeUnit.MINUTES) || up.exitValue() != 0) {
                throw new IllegalStateException("./leadflow up failed; see the logs in " + target.dataDirectory().resolve("logs"));
            }
            details.put("stack_seconds", (System.nanoTime() - started) / 1e9);
        }
        double stack = ((Number) details.getOrDefault("stack_seconds", Double.NaN)).doubleValue();
        return new ScenarioResult("startup", round(slowest), "s (slowest service)", null, null, null, null,
                "each service <= 3 s, the stack <= 60 s", slowest <= 3 && stack <= 60, details);
    }

    private Process launcher(String command) throws IOException {
        return new ProcessBuilder(target.launcher().toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(target.dataDirectory().resolve("logs").resolve("bench-launcher.log").toFile())
                .start();
    }

    private void awaitReady(String service, Duration timeout) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + target.port(service) + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(service + " was not ready within " + timeout);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
