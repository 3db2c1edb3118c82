package io.leadflow.ingest.rest;

import io.leadflow.http.ProblemException;
import io.leadflow.ingest.config.WebsiteConfig;
import io.leadflow.ingest.service.Outcome;
import io.leadflow.ingest.service.RateLimiter;
import io.leadflow.ingest.service.channel.WebsiteForms;
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

import java.time.Clock;
import java.util.OptionalLong;

/**
 * The website contact form, {@code POST /api/webhook/website}: JSON or form-encoded, limited per client; CORS
 * for the allowed origins is answered by {@link WebhookRoutes}.
 */
@Path("/api/webhook/website")
public class WebsiteWebhookResource {

    private final WebsiteForms forms;
    private final WebhookResponder responder;
    private final RateLimiter limiter;

    public WebsiteWebhookResource(WebsiteForms forms, WebhookResponder responder, WebsiteConfig config) {
        this.forms = forms;
        this.responder = responder;
        this.limiter = new RateLimiter(config.rateLimit().requests(), config.rateLimit().period(),
                config.rateLimit().maxClients(), Clock.systemUTC());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in a website contact-form submission",
            description = "JSON or form-encoded, flat or under fields: name or full_name, email, phone, message, "
                    + "submission_id, consent, utm_*, page_url, and the honeypot website. 202 with a message_id once "
                    + "Kafka has it; 429 with Retry-After past the per-client limit.")
    public Uni<Response> receive(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @Context RoutingContext context) {
        OptionalLong retryAfter = limiter.acquire(responder.clientIp(context.request()));
        if (retryAfter.isPresent()) {
            throw ProblemException.tooManyRequests("Too many submissions from this address; retry after "
                    + retryAfter.getAsLong() + " seconds.", (int) Math.min(Integer.MAX_VALUE, retryAfter.getAsLong()));
        }
        return responder.accept(forms.parse(body, contentType), responder.requestInfo(body, context), context,
                result -> result.outcome() == Outcome.IGNORED
                        ? Response.ok(new WebhookAnswer.Ignored()).build()
                        : Response.accepted(new WebhookAnswer.Accepted(result.messageIds().get(0))).build());
    }
}
