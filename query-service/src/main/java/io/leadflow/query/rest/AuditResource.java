package io.leadflow.query.rest;

import io.leadflow.access.Roles;
import io.leadflow.http.ProblemException;
import io.leadflow.query.AuditPage;
import io.leadflow.query.service.AuditTrail;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log, for admins. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private static final int MAX_LIMIT = 500;

    private final AuditTrail audit;

    public AuditResource(AuditTrail audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Sign-ins, user and share changes, exports and lead changes, newest first",
            description = "limit (1..500, default 100); pass next_before back as before for the next page.")
    public Uni<AuditPage> page(@QueryParam("before") String before, @QueryParam("limit") String limit) {
        int size = (int) Math.min(MAX_LIMIT, Math.max(1, number("limit", limit, 100L)));
        return audit.page(number("before", before, null), size);
    }

    private static Long number(String name, String value, Long otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, name + " must be a whole number");
        }
    }
}
