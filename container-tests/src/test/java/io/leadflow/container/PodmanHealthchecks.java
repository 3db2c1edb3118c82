package io.leadflow.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the healthchecks of a compose project's containers where Podman does not schedule them itself.
 *
 * <p>Podman 4 runs each container's healthcheck from a systemd timer; on a machine without systemd (CI here) no timer
 * exists, every container stays {@code starting}, and {@code depends_on: condition: service_healthy} never lets the
 * next service start. This runs each running container's own healthcheck, the command the compose file gives it,
 * through Podman's API ({@code GET /libpod/containers/ID/healthcheck}, what {@code podman healthcheck run} does) every
 * {@value #INTERVAL_SECONDS} seconds: health still means what the compose file says, only the schedule is the test's.
 */
final class PodmanHealthchecks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PodmanHealthchecks.class.getName());
    private static final long INTERVAL_SECONDS = 2;
    private static final String PROJECT_LABEL = "com.docker.compose.project";

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final String projectPrefix;
    private final Map<String, Boolean> hasHealthcheck = new ConcurrentHashMap<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "podman-healthchecks");
        thread.setDaemon(true);
        return thread;
    });

    private PodmanHealthchecks(DockerClient docker, DockerHttpClient http, String projectPrefix) {
        this.docker = docker;
        this.http = http;
        this.projectPrefix = projectPrefix;
    }

    /**
     * Starts running the healthchecks of the containers of every compose project whose name starts with
     * {@code projectPrefix}, if this machine needs it (Podman without systemd); otherwise does nothing.
     */
    static PodmanHealthchecks startIfNeeded(ContainerEngine engine, DockerClient docker, String projectPrefix) {
        PodmanHealthchecks healthchecks = new PodmanHealthchecks(docker, engine.httpClient(), projectPrefix);
        if (engine.isPodman() && !Files.isDirectory(Path.of("/run/systemd/system"))) {
            LOG.info("Podman has no systemd here to schedule healthchecks: the test runs them every "
                    + INTERVAL_SECONDS + " s");
            healthchecks.schedule.scheduleWithFixedDelay(healthchecks::runAll, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
        }
        return healthchecks;
    }

    private void runAll() {
        try {
            List<Container> running = docker.listContainersCmd().withLabelFilter(List.of(PROJECT_LABEL)).exec();
            for (Container container : running) {
                boolean ours = container.getLabels().get(PROJECT_LABEL).startsWith(projectPrefix);
                if (ours && hasHealthcheck(container.getId())) {
                    run(container.getId());
                }
            }
        } catch (RuntimeException e) {
            // A container stopped or removed between the listing and its check: the next round sees the new state.
            LOG.log(Level.FINE, "Healthcheck round failed", e);
        }
    }

    private boolean hasHealthcheck(String id) {
        return hasHealthcheck.computeIfAbsent(id,
                key -> docker.inspectContainerCmd(key).exec().getConfig().getHealthcheck() != null);
    }

    private void run(String id) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v4.0.0/libpod/containers/" + id + "/healthcheck")
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                LOG.fine(() -> "Healthcheck of " + id + " answered " + response.getStatusCode());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Healthcheck of " + id + " failed", e);
        }
    }

    @Override
    public void close() throws IOException {
        schedule.shutdownNow();
        try {
            schedule.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
