package io.leadflow.ingest.rest;

import io.leadflow.ingest.config.IngestConfig;
import io.leadflow.ingest.service.Inbound;
import io.leadflow.ingest.service.MediaTypes;
import io.leadflow.ingest.service.Outcome;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.RequestInfo;
import io.leadflow.ingest.service.WebhookIntake;
import io.leadflow.ingest.service.channel.GenericMessages;
import io.leadflow.ingest.service.signature.Secrets;
import io.leadflow.ingest.service.signature.WebhookSecrets;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.util.Optional;

/** The seed's generic webhook, {@code POST /api/webhook}. */
@Path("/api/webhook")
public class GenericWebhookResource {

    static final String API_KEY_HEADER = "X-Api-Key";

    private final GenericMessages messages;
    private final WebhookIntake intake;
    private final WebhookResponder responder;
    private final IngestConfig config;
    private final WebhookSecrets secrets;

    public GenericWebhookResource(GenericMessages messages, WebhookIntake intake, WebhookResponder responder,
                                  IngestConfig config, WebhookSecrets secrets) {
        this.messages = messages;
        this.intake = intake;
        this.responder = responder;
        this.config = config;
        this.secrets = secrets;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in one customer message",
            description = "Answers 202 with a message_id once Kafka has the message; with ?wait=SECONDS or "
                    + "Prefer: wait=SECONDS (at most 30) answers 200 with the scored lead when it is ready in time.")
    public Uni<Response> receive(byte[] body,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(API_KEY_HEADER) String apiKey,
                                 @QueryParam("wait") String waitParameter,
                                 @HeaderParam("Prefer") String prefer,
                                 @Context RoutingContext context) {
        secrets.forRequest(Secret.GENERIC_API_KEY).ifPresent(expected -> requireApiKey(expected, apiKey));
        MediaTypes.require(contentType, MediaType.APPLICATION_JSON);
        Optional<Duration> wait = WaitPreference.of(waitParameter, prefer, config.maxWait());
        Inbound message = messages.parse(body);
        RequestInfo request = responder.requestInfo(body, context);
        if (wait.isEmpty()) {
            return responder.accept(ParsedWebhook.of(message), request, context,
                    result -> Response.accepted(new WebhookAnswer.Accepted(result.messageIds().get(0))).build());
        }
        return intake.acceptAndWait(message, request, wait.get()).map(waited -> {
            WebhookMetrics.outcome(context, Outcome.ACCEPTED);
            return waited.scored()
                    .map(lead -> Response.ok(WebhookAnswer.Scored.of(lead)).build())
                    .orElseGet(() -> Response.accepted(new WebhookAnswer.Accepted(waited.messageId())).build());
        });
    }

    private static void requireApiKey(String expected, String given) {
        if (given == null || given.isEmpty()) {
            throw Secrets.missing(API_KEY_HEADER, API_KEY_HEADER + " is required");
        }
        if (!Secrets.same(expected, given)) {
            throw Secrets.invalid(API_KEY_HEADER, API_KEY_HEADER + " is not the configured API key");
        }
    }
}
