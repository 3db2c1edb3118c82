package io.leadflow.ingest.rest;

import io.leadflow.ingest.config.EmailConfig;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.MediaTypes;
import io.leadflow.ingest.service.channel.EmailLeads;
import io.leadflow.ingest.service.channel.MailgunRoutes;
import io.leadflow.ingest.service.channel.MimeEmails;
import io.leadflow.ingest.service.channel.SendGridInboundParse;
import io.leadflow.ingest.service.signature.MailgunSignature;
import io.leadflow.ingest.service.signature.Secrets;
import io.leadflow.ingest.service.signature.UsedTokens;
import io.leadflow.ingest.service.signature.WebhookSecrets;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Inbound email: SendGrid Inbound Parse, Mailgun routes and raw RFC 5322 messages, {@code POST /api/webhook/email/…}.
 * MIME and multipart parsing is blocking work and runs on a worker thread.
 */
@Path("/api/webhook/email")
public class EmailWebhookResource {

    private static final String MESSAGE_RFC822 = "message/rfc822";

    private final EmailConfig config;
    private final WebhookSecrets secrets;
    private final SendGridInboundParse sendGrid;
    private final MailgunRoutes mailgun;
    private final UsedTokens usedTokens;
    private final WebhookResponder responder;

    public EmailWebhookResource(EmailConfig config, WebhookSecrets secrets, SendGridInboundParse sendGrid,
                                MailgunRoutes mailgun, UsedTokens usedTokens, WebhookResponder responder) {
        this.config = config;
        this.secrets = secrets;
        this.sendGrid = sendGrid;
        this.mailgun = mailgun;
        this.usedTokens = usedTokens;
        this.responder = responder;
    }

    @POST
    @Path("/sendgrid")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in an email from SendGrid Inbound Parse",
            description = "multipart/form-data as SendGrid posts it (parsed fields, or the raw message in email); the "
                    + "Parse URL carries leadflow.email.sendgrid.token as ?token= or as the basic-auth password.")
    public Uni<Response> sendGrid(byte[] body, @QueryParam("token") String token,
                                  @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context RoutingContext context) {
        secrets.forRequest(Secret.SENDGRID_TOKEN)
                .ifPresent(expected -> requireToken(expected, token != null ? token : basicPassword(authorization)));
        return responder.parseOnWorkerAndAnswer(() -> sendGrid.parse(FormData.parse(body, contentType)),
                responder.requestInfo(body, context), context);
    }

    @POST
    @Path("/mailgun")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in an email forwarded by a Mailgun route",
            description = "Form-encoded or multipart as Mailgun posts it, signed with timestamp, token and signature "
                    + "(HMAC-SHA256 with leadflow.email.mailgun.signing-key); stale timestamps and replayed tokens are refused.")
    public Uni<Response> mailgun(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @Context RoutingContext context) {
        Optional<String> signingKey = secrets.forRequest(Secret.MAILGUN_SIGNING_KEY);
        return Uni.createFrom().item(() -> FormData.parse(body, contentType))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(form -> {
                    String token = form.text("token");
                    signingKey.ifPresent(key -> MailgunSignature.verify(key, form.text("timestamp"),
                            token, form.text("signature"), Instant.now(), config.mailgun().maxAge(), usedTokens));
                    return responder.answerPlatform(mailgun.parse(form), responder.requestInfo(body, context), context)
                            // A request that was not accepted may be retried with its token.
                            .onFailure().invoke(() -> usedTokens.release(token));
                });
    }

    @POST
    @Path("/raw")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in a raw RFC 5322 email",
            description = "The message as a mail relay received it (message/rfc822), with Authorization: Bearer "
                    + "leadflow.email.raw.token.")
    public Uni<Response> raw(byte[] body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                             @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context RoutingContext context) {
        secrets.forRequest(Secret.RAW_EMAIL_TOKEN).ifPresent(expected -> requireToken(expected, bearer(authorization)));
        MediaTypes.require(contentType, MESSAGE_RFC822);
        return responder.parseOnWorkerAndAnswer(() -> EmailLeads.toWebhook(MimeEmails.parse(body), Map.of()),
                responder.requestInfo(body, context), context);
    }

    private static void requireToken(String expected, String given) {
        if (given == null || given.isEmpty()) {
            throw Secrets.missing("token", "A token is required: ?token=, basic-auth password or bearer token");
        }
        if (!Secrets.same(expected, given)) {
            throw Secrets.invalid("token", "The token is not the configured one");
        }
    }

    private static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
    }

    /** The password of {@code Authorization: Basic base64(user:password)}. */
    private static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? null : credentials.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
