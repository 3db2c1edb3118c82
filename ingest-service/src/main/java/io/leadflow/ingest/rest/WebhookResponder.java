package io.leadflow.ingest.rest;

import io.leadflow.ingest.service.IntakeResult;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.RequestInfo;
import io.leadflow.ingest.service.WebhookIntake;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;
import java.util.function.Supplier;

/** How the webhook resources hand a request to the intake and answer: one path for every channel. */
@ApplicationScoped
public class WebhookResponder {

    private final WebhookIntake intake;

    public WebhookResponder(WebhookIntake intake) {
        this.intake = intake;
    }

    /** Accepts what the request held and answers a platform 200 once Kafka acknowledged it. */
    public Uni<Response> answerPlatform(ParsedWebhook webhook, RequestInfo request, RoutingContext context) {
        return accept(webhook, request, context, result -> Response.ok(WebhookAnswer.Received.of(result)).build());
    }

    /**
     * Parses on a worker thread first: for parsers that are blocking, CPU-heavy work (MIME, multipart with
     * attachments) that must not hold the event loop.
     */
    public Uni<Response> parseOnWorkerAndAnswer(Supplier<ParsedWebhook> parse, RequestInfo request,
                                                RoutingContext context) {
        return Uni.createFrom().item(parse)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(webhook -> answerPlatform(webhook, request, context));
    }

    /** Accepts what the request held and answers as {@code answer} says, recording the outcome for the metrics. */
    public Uni<Response> accept(ParsedWebhook webhook, RequestInfo request, RoutingContext context,
                                Function<IntakeResult, Response> answer) {
        return intake.accept(webhook, request).map(result -> {
            WebhookMetrics.outcome(context, result.outcome());
            return answer.apply(result);
        });
    }

    /** What the request says about itself: when, which trace, which client, and the hash of its raw body. */
    public static RequestInfo requestInfo(byte[] body, RoutingContext context) {
        HttpServerRequest request = context.request();
        return RequestInfo.of(body, request.getHeader("Idempotency-Key"), request.getHeader("traceparent"),
                clientIp(request), request.getHeader(HttpHeaders.USER_AGENT));
    }

    /** The client's address (behind a proxy, the forwarded one when quarkus.http.proxy.* is set up). */
    public static String clientIp(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}
