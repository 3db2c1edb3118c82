package io.leadflow.query.client;

import io.leadflow.query.config.ExportForwardConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * export-service over HTTP, for the forwarding of {@code /api/export/**}. A response comes back paused: its body
 * flows only as the caller reads it, so a file is streamed through, never held. Any answer export-service gives
 * (a 400 for a bad filter included) is a success here; only an export-service that does not answer trips the
 * breaker.
 */
@ApplicationScoped
public class ExportServiceClient {

    private final HttpClient http;
    private final ExportForwardConfig config;

    public ExportServiceClient(Vertx vertx, ExportForwardConfig config) {
        this.config = config;
        URI url = config.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(url.getHost())
                .setDefaultPort(url.getPort() > 0 ? url.getPort() : https ? 443 : 80)
                .setSsl(https)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
    }

    /**
     * Sends {@code method pathAndQuery} (e.g. {@code GET /api/export/leads.csv?quality=HOT}) with {@code body}; the
     * response is paused.
     */
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @CircuitBreakerName("export-service")
    public Uni<HttpClientResponse> send(HttpMethod method, String pathAndQuery, MultiMap headers, byte[] body) {
        String base = config.url().getPath() == null ? "" : config.url().getPath().replaceAll("/+$", "");
        return http.request(new RequestOptions().setMethod(method).setURI(base + pathAndQuery)
                        .setHeaders(headers.getDelegate())
                        .setIdleTimeout(config.idleTimeout().toMillis()))
                .chain(request -> request.send(Buffer.buffer(body)))
                .invoke(HttpClientResponse::pause);
    }
}
