package io.leadflow.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadflow.events.Channel;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.http.ProblemException;
import io.leadflow.ingest.config.IngestConfig;
import io.leadflow.ingest.service.ContactNormalizer;
import io.leadflow.ingest.service.MessageIds;
import io.leadflow.ingest.service.TraceContext;
import io.leadflow.ingest.service.WebhookIntake;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seed's generic webhook, {@code POST /api/webhook}. */
@Path("/api/webhook")
public class GenericWebhookResource {

    private final ObjectMapper json;
    private final ContactNormalizer normalizer;
    private final WebhookIntake intake;
    private final IngestConfig config;

    public GenericWebhookResource(ObjectMapper json, ContactNormalizer normalizer, WebhookIntake intake,
                                  IngestConfig config) {
        this.json = json;
        this.normalizer = normalizer;
        this.intake = intake;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take in one customer message",
            description = "Answers 202 with a message_id once Kafka has the message; with ?wait=SECONDS or "
                    + "Prefer: wait=SECONDS (at most 30) answers 200 with the scored lead when it is ready in time.")
    public Uni<Response> receive(byte[] body,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @QueryParam("wait") String waitParameter,
                                 @HeaderParam("Prefer") String prefer,
                                 @HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @HeaderParam("traceparent") String traceparent,
                                 @Context HttpServerRequest request) {
        requireJson(contentType);
        Optional<Duration> wait = WaitPreference.of(waitParameter, prefer, config.maxWait());
        LeadMessage message = toMessage(parse(body), body, idempotencyKey, traceparent, request);
        if (wait.isEmpty()) {
            return intake.accept(List.of(message)).map(ignored -> accepted(message));
        }
        return intake.acceptAndWait(message, wait.get()).map(scored -> scored
                .map(lead -> Response.ok(WebhookAnswer.Scored.of(lead)).build())
                .orElseGet(() -> accepted(message)));
    }

    private static Response accepted(LeadMessage message) {
        return Response.accepted(new WebhookAnswer.Accepted(message.messageId())).build();
    }

    private static void requireJson(String contentType) {
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                    "POST /api/webhook takes application/json, got " + (contentType == null ? "no content type" : contentType),
                    null);
        }
    }

    private GenericWebhookRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.malformedBody("The body is empty; expected a JSON object with phone, message, channel and sender_name.");
        }
        try {
            GenericWebhookRequest request = json.readValue(body, GenericWebhookRequest.class);
            if (request == null) {
                throw ProblemException.malformedBody("The body is JSON null; expected a JSON object.");
            }
            return request;
        } catch (JsonProcessingException e) {
            throw ProblemException.malformedBody("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ProblemException.malformedBody("The body could not be read: " + e.getMessage());
        }
    }

    private LeadMessage toMessage(GenericWebhookRequest body, byte[] raw, String idempotencyKey, String traceparent,
                                  HttpServerRequest request) {
        if (body.message() == null || body.message().isBlank()) {
            throw ProblemException.invalidField("message", "message is required and must not be blank");
        }
        if (body.channel() == null || body.channel().isBlank()) {
            throw ProblemException.invalidField("channel", "channel is required, one of " + Channel.labels());
        }
        Channel channel = Channel.fromLabel(body.channel()).orElseThrow(() -> ProblemException.invalidField(
                "channel", "unknown channel '" + body.channel() + "', expected one of " + Channel.labels()));

        Map<String, Object> metadata = new HashMap<>();
        String phone = null;
        if (body.phone() != null && !body.phone().isBlank()) {
            phone = normalizer.phone(body.phone(), null).orElse(null);
            if (phone == null) {
                metadata.put("raw_phone", body.phone());
            }
        }
        String email = null;
        if (body.email() != null && !body.email().isBlank()) {
            email = normalizer.email(body.email()).orElseThrow(() ->
                    ProblemException.invalidField("email", "email is not a valid address"));
        }
        if (phone == null && email == null) {
            throw body.phone() != null && !body.phone().isBlank()
                    ? ProblemException.invalidField("phone", "phone is not a valid phone number and no email was given")
                    : ProblemException.invalidField("phone", "phone or email is required to know who wrote");
        }

        Instant receivedAt = Instant.now();
        String text = normalizer.text(body.message());
        String leadKey = LeadMessage.leadKeyOf(phone, email, channel, null);
        String messageId = idempotencyKey != null && !idempotencyKey.isBlank()
                ? MessageIds.clientKey(channel, idempotencyKey)
                : MessageIds.contentHash(channel, leadKey, text, receivedAt);
        return new LeadMessage(messageId, leadKey, channel, receivedAt, TraceContext.continueOrStart(traceparent),
                null, normalizer.name(body.senderName()), phone, email, null, text, body.message(), null,
                List.of(), "sha256:" + MessageIds.sha256Hex(raw),
                new LeadMessage.ClientInfo(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                        request.getHeader(HttpHeaders.USER_AGENT)),
                metadata);
    }
}
