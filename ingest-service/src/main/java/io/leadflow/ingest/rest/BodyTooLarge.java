package io.leadflow.ingest.rest;

import io.leadflow.http.Problem;
import io.leadflow.ingest.service.InboundLimits;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;

/**
 * A chunked body (no Content-Length) that grows past {@code quarkus.http.limits.max-body-size}: Quarkus refuses it
 * with 413 while reading, and this keeps it a client error rather than an "unexpected error" in the log. (Bodies
 * that declare their length are refused before reading by {@link WebhookRoutes}.)
 */
public class BodyTooLarge {

    @ServerExceptionMapper
    public Response tooLarge(IOException e) {
        if (!"Request too large".equals(e.getMessage())) {
            return null;
        }
        return Response.status(413).type(Problem.MEDIA_TYPE)
                .entity(InboundLimits.tooLarge(null, "The body is larger than this endpoint takes.").problem()).build();
    }
}
