package io.leadflow.container;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;

/**
 * The Docker API the container tests drive. Where Podman is installed: Podman's own, served by
 * {@code podman system service} on a socket of the test's, with the settings of
 * {@code src/test/podman/containers.conf}, and handed to Testcontainers ({@link PodmanApiStrategy}). Elsewhere: a
 * Docker daemon Testcontainers finds by itself.
 */
final class ContainerEngine implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContainerEngine.class.getName());
    private static final Duration API_START_TIMEOUT = Duration.ofSeconds(30);

    private final Process podmanService;
    private final URI dockerHost;

    private ContainerEngine(Process podmanService, URI dockerHost) {
        this.podmanService = podmanService;
        this.dockerHost = dockerHost;
    }

    /** Whether this machine has an engine: Podman installed, or a Docker daemon Testcontainers finds. */
    static boolean available() {
        return CommandLine.executableExists("podman") || DockerClientFactory.instance().isDockerAvailable();
    }

    /**
     * Podman's API if {@code podman} is installed, else the Docker daemon Testcontainers finds. Must run before
     * anything else gets a client from Testcontainers, which settles on a Docker API once.
     */
    static ContainerEngine start(Path podmanSettings, Path logDirectory) {
        if (CommandLine.executableExists("podman")) {
            return startPodman(podmanSettings, logDirectory.resolve("podman-service.log"));
        }
        return new ContainerEngine(null, DockerClientFactory.instance().getTransportConfig().getDockerHost());
    }

    private static ContainerEngine startPodman(Path podmanSettings, Path log) {
        try {
            // A unix socket's path is limited to about 100 bytes: a short one, not in the build directory.
            URI socket = URI.create("unix:///tmp/leadflow-podman-" + ProcessHandle.current().pid() + ".sock");
            Files.deleteIfExists(Path.of(socket.getPath()));
            ProcessBuilder builder = new ProcessBuilder("podman", "system", "service", "--time=0", socket.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("CONTAINERS_CONF", podmanSettings.toAbsolutePath().toString());
            Process service = builder.start();
            ContainerEngine engine = new ContainerEngine(service, socket);
            try {
                await("Podman's API on " + socket).atMost(API_START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                        .until(() -> {
                            if (!service.isAlive()) {
                                throw new IllegalStateException("podman system service exited with "
                                        + service.exitValue() + "; see " + log);
                            }
                            return engine.answers();
                        });
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            PodmanApiStrategy.use(socket);
            LOG.info(() -> "Podman's Docker API on " + socket + " (podman system service, pid " + service.pid() + ")");
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this is Podman's API, served by this test. */
    boolean isPodman() {
        return podmanService != null;
    }

    URI dockerHost() {
        return dockerHost;
    }

    /** A raw HTTP client for calls docker-java has no command for (Podman's libpod API). */
    DockerHttpClient httpClient() {
        return new ZerodepDockerHttpClient.Builder().dockerHost(dockerHost).build();
    }

    private boolean answers() {
        if (!Files.exists(Path.of(dockerHost.getPath()))) {
            return false;
        }
        try (DockerHttpClient http = httpClient();
             DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
                     .method(DockerHttpClient.Request.Method.GET).path("/_ping").build())) {
            return response.getStatusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Stops the Podman service this test started (containers are removed before, by the test). */
    @Override
    public void close() {
        if (podmanService == null) {
            return;
        }
        podmanService.destroy();
        try {
            if (!podmanService.waitFor(10, TimeUnit.SECONDS)) {
                podmanService.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(Path.of(dockerHost.getPath()));
        } catch (InterruptedException e) {
            podmanService.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info(() -> "Podman's API service stopped (pid " + podmanService.pid() + ")");
    }
}
