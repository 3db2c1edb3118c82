package io.leadflow.container;

import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

import java.net.URI;

/**
 * Hands Testcontainers the Docker API of the Podman service {@link ContainerEngine} started (Testcontainers finds it
 * through {@code META-INF/services}; it takes DOCKER_HOST only from the environment, which a running JVM cannot set).
 */
public final class PodmanApiStrategy extends DockerClientProviderStrategy {

    private static volatile URI dockerHost;

    /** From now on, Testcontainers' first choice; call before anything else touches Testcontainers. */
    static void use(URI podmanSocket) {
        dockerHost = podmanSocket;
    }

    @Override
    public String getDescription() {
        return "Podman's Docker API at " + dockerHost;
    }

    @Override
    protected boolean isApplicable() {
        return dockerHost != null;
    }

    @Override
    protected boolean isPersistable() {
        return false;
    }

    @Override
    protected int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public TransportConfig getTransportConfig() {
        return TransportConfig.builder().dockerHost(dockerHost).build();
    }
}
