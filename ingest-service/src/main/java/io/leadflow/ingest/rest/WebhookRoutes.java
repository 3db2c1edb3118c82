package io.leadflow.ingest.rest;

import io.leadflow.events.EventJson;
import io.leadflow.http.Problem;
import io.leadflow.ingest.config.WebsiteConfig;
import io.leadflow.ingest.service.InboundLimits;
import io.leadflow.ingest.service.Outcome;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every webhook request goes through before a resource sees it, at the HTTP layer: it is timed and counted
 * whatever answers it; a body larger than the limit, declared or chunked, is refused as a problem (Quarkus would
 * answer a bare 413); and the website form's browser calls get CORS for the allowed origins only.
 */
@ApplicationScoped
public class WebhookRoutes {

    /** Before Quarkus's own body-size check (order -2), after its request bookkeeping. */
    private static final int ORDER = -10;
    private static final String WEBSITE = "/api/webhook/website";
    private static final String ALLOWED_HEADERS = "Content-Type, Idempotency-Key, traceparent";

    private final WebhookMetrics metrics;
    private final long maxBodySize;
    private final Optional<List<String>> allowedOrigins;

    public WebhookRoutes(WebhookMetrics metrics, WebsiteConfig website,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.metrics = metrics;
        this.maxBodySize = maxBodySize.asLongValue();
        this.allowedOrigins = website.allowedOrigins()
                .map(origins -> origins.stream().map(WebhookRoutes::normalizeOrigin).toList());
    }

    void install(@Observes Router router) {
        router.route("/api/webhook*").order(ORDER).handler(this::observe);
        router.route("/api/webhook*").order(ORDER + 1).handler(this::limitBody);
        router.route(WEBSITE).order(ORDER + 2).handler(this::cors);
    }

    private void observe(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<String> channel = WebhookMetrics.channelOf(request.path());
        if (request.method() == HttpMethod.POST && channel.isPresent()) {
            long started = System.nanoTime();
            context.addEndHandler(ended -> metrics.record(context, channel.get(), started));
        }
        context.next();
    }

    private void limitBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isOver(length)) {
            refuseTooLarge(context, "The body is " + length.strip() + " bytes; this endpoint takes at most " + maxBodySize + " bytes.");
        } else if (length == null && !request.isEnded()) {
            readChunkedBody(context);
        } else {
            context.next();
        }
    }

    /**
     * A chunked body declares no length, so it is read here, up to the limit, and handed on whole: one that grows past
     * the limit gets the same problem as one that declares too much (Quarkus would end the response with a bare 413
     * while the resource reads it).
     */
    private void readChunkedBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (context.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > maxBodySize) {
                refuseTooLarge(context, "The body is larger than " + maxBodySize + " bytes, the most this endpoint takes.");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!context.response().ended()) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private void refuseTooLarge(RoutingContext context, String detail) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        problem(context, InboundLimits.tooLarge(null, detail).problem());
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a Content-Length that is not a number before we see it.
        }
    }

    /** CORS for the website form: browsers on an allowed origin may post it; any other origin is refused. */
    private void cors(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            context.next(); // Not a browser's cross-origin call: a server posting the form.
            return;
        }
        if (allowedOrigins.isPresent() && !allowedOrigins.get().contains(normalizeOrigin(origin))) {
            WebhookMetrics.outcome(context, Outcome.INVALID);
            problem(context, new Problem(Problem.TYPE_PREFIX + "origin-not-allowed", "Origin not allowed", 403,
                    "Pages on " + origin + " may not post this form: add the origin to leadflow.website.allowed-origins.",
                    "Origin"));
            return;
        }
        context.response()
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .putHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN)
                .putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
        if (request.method() == HttpMethod.OPTIONS) {
            context.response().setStatusCode(204)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS")
                    .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS)
                    .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600")
                    .end();
            return;
        }
        context.next();
    }

    private static void problem(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(EventJson.write(problem));
    }

    private static String normalizeOrigin(String origin) {
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }
}
