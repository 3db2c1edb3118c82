package io.leadflow.ingest.rest;

import io.leadflow.ingest.config.TwilioConfig;
import io.leadflow.ingest.service.FormData;
import io.leadflow.ingest.service.MediaTypes;
import io.leadflow.ingest.service.channel.TwilioMessages;
import io.leadflow.ingest.service.signature.TwilioSignature;
import io.leadflow.ingest.service.signature.WebhookSecrets;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The Twilio WhatsApp / SMS incoming-message webhook, {@code POST /api/webhook/twilio}. */
@Path("/api/webhook/twilio")
public class TwilioWebhookResource {

    /** An empty TwiML answer: the message is taken, and Twilio sends no reply to the customer. */
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioConfig config;
    private final WebhookSecrets secrets;
    private final WebhookResponder responder;

    public TwilioWebhookResource(TwilioConfig config, WebhookSecrets secrets, WebhookResponder responder) {
        this.config = config;
        this.secrets = secrets;
        this.responder = responder;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_XML, "application/problem+json"})
    @Operation(summary = "Take in an incoming WhatsApp or SMS message from Twilio",
            description = "Form-encoded as Twilio posts it, signed with X-Twilio-Signature; answers empty TwiML once Kafka "
                    + "has the message, 503 with Retry-After if not. Status callbacks are acknowledged and dropped.")
    public Uni<Response> receive(byte[] body, @HeaderParam(TwilioSignature.HEADER) String signature,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context RoutingContext context) {
        MediaTypes.require(contentType, MediaType.APPLICATION_FORM_URLENCODED);
        FormData form = FormData.urlEncoded(body);
        secrets.forRequest(Secret.TWILIO_AUTH_TOKEN)
                .ifPresent(token -> TwilioSignature.verify(token, calledUrl(context), form.asStrings(), signature));
        return responder.accept(TwilioMessages.parse(form), responder.requestInfo(body, context), context,
                result -> Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE).build());
    }

    /**
     * The URL as Twilio called it: the configured public address with this request's path and query (start-up refuses
     * an auth token without the public address).
     */
    private String calledUrl(RoutingContext context) {
        String base = config.publicBaseUrl().orElseThrow().strip();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + context.request().uri();
    }
}
