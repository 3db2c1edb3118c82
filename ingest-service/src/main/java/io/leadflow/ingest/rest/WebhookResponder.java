package io.leadflow.ingest.rest;

import io.leadflow.ingest.config.IngestConfig;
import io.leadflow.ingest.service.ClientAddresses;
import io.leadflow.ingest.service.IntakeResult;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.RequestInfo;
import io.leadflow.ingest.service.WebhookIntake;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** How the webhook resources hand a request to the intake and answer: one path for every channel. */
@ApplicationScoped
public class WebhookResponder {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final WebhookIntake intake;
    private final ClientAddresses clients;

    public WebhookResponder(WebhookIntake intake, IngestConfig config) {
        this.intake = intake;
        this.clients = ClientAddresses.trusting(config.trustedProxies().orElse(List.of()));
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

    /** What the request says about itself: when, which client, and the hash of its raw body. */
    public RequestInfo requestInfo(byte[] body, RoutingContext context) {
        HttpServerRequest request = context.request();
        return RequestInfo.of(body, request.getHeader("Idempotency-Key"), clientIp(request),
                request.getHeader(HttpHeaders.USER_AGENT));
    }

    /**
     * The client's address: the connection's peer, or behind a trusted proxy the one it forwarded. The connection's
     * own address is read, so quarkus.http.proxy.* (which believes the leftmost, client-written entry) cannot change it.
     */
    public String clientIp(HttpServerRequest request) {
        SocketAddress peer = request.connection().remoteAddress();
        return peer == null ? null : clients.clientOf(peer.hostAddress(), request.headers().getAll(FORWARDED_FOR));
    }
}
