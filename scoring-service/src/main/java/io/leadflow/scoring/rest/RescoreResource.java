package io.leadflow.scoring.rest;

import io.leadflow.access.Roles;
import io.leadflow.http.CrossOriginGuard;
import io.leadflow.scoring.service.RescoreStatus;
import io.leadflow.scoring.service.Rescoring;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Rescoring every stored lead with the model as configured now, after a change of weights or thresholds.
 * Admin-only once access control exists.
 */
@Path("/api/admin/rescore")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class RescoreResource {

    private final Rescoring rescoring;

    public RescoreResource(Rescoring rescoring) {
        this.rescoring = rescoring;
    }

    @POST
    @Operation(summary = "Rescore every lead in batches, in the background, while intake goes on (409 if already running)",
            description = "With Content-Type: application/json (no body needed), so that no web page can start it; "
                    + "any other request is a 415.")
    public Response start(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        CrossOriginGuard.requireJson(contentType);
        return Response.accepted(rescoring.start()).build();
    }

    @GET
    @Operation(summary = "How far the latest rescoring got")
    public RescoreStatus status() {
        return rescoring.status();
    }
}
