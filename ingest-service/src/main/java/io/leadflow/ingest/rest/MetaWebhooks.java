package io.leadflow.ingest.rest;

import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.MediaTypes;
import io.leadflow.ingest.service.ParsedWebhook;
import io.leadflow.ingest.service.signature.MetaSignature;
import io.leadflow.ingest.service.signature.Secrets;
import io.leadflow.ingest.service.signature.WebhookSecrets;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A Meta webhook (WhatsApp Cloud API, Instagram Messaging): the GET verification handshake, and POSTed
 * notifications signed with {@code X-Hub-Signature-256} over the raw body.
 */
abstract class MetaWebhooks {

    private static final int MAX_CHALLENGE_LENGTH = 200;

    private final Secret appSecret;
    private final Secret verifyToken;
    private final WebhookSecrets secrets;
    private final WebhookResponder responder;

    MetaWebhooks(Secret appSecret, Secret verifyToken, WebhookSecrets secrets, WebhookResponder responder) {
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
        this.secrets = secrets;
        this.responder = responder;
    }

    /** The platform's notification as the messages in it. */
    abstract ParsedWebhook parse(byte[] body);

    @GET
    @Produces({MediaType.TEXT_PLAIN, "application/problem+json"})
    @Operation(summary = "Meta's verification handshake",
            description = "Echoes hub.challenge when hub.mode=subscribe and hub.verify_token is the configured verify token; "
                    + "503 when no verify token is configured.")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                           @QueryParam("hub.challenge") String challenge) {
        return handshake(secrets.handshakeToken(verifyToken), mode, token, challenge);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in a notification",
            description = "Checks X-Hub-Signature-256 over the raw body; customer messages become lead messages, status "
                    + "callbacks, echoes and read receipts are acknowledged and dropped. 200 once Kafka has them, 503 "
                    + "with Retry-After if not.")
    public Uni<Response> receive(byte[] body, @HeaderParam(MetaSignature.HEADER) String signature,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context RoutingContext context) {
        secrets.forRequest(appSecret).ifPresent(secret -> MetaSignature.verify(secret, body, signature));
        MediaTypes.require(contentType, MediaType.APPLICATION_JSON);
        return responder.answerPlatform(parse(body), responder.requestInfo(body, context), context);
    }

    /**
     * The GET handshake Meta makes when the webhook is set up: echoes {@code hub.challenge} when
     * {@code hub.mode=subscribe} and {@code hub.verify_token} is the configured token.
     */
    private static Response handshake(String expectedToken, String mode, String verifyToken, String challenge) {
        if (!"subscribe".equals(mode)) {
            throw ProblemException.invalidField("hub.mode", "hub.mode must be subscribe");
        }
        if (challenge == null || challenge.isBlank() || challenge.length() > MAX_CHALLENGE_LENGTH) {
            throw ProblemException.invalidField("hub.challenge", "hub.challenge is required (at most "
                    + MAX_CHALLENGE_LENGTH + " characters)");
        }
        if (verifyToken == null || verifyToken.isEmpty()) {
            throw Secrets.missing("hub.verify_token", "hub.verify_token is required");
        }
        if (!Secrets.same(expectedToken, verifyToken)) {
            throw Secrets.invalid("hub.verify_token", "hub.verify_token is not the configured verify token");
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }
}
