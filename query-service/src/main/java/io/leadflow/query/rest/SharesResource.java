package io.leadflow.query.rest;

import io.leadflow.access.Roles;
import io.leadflow.query.CreatedShare;
import io.leadflow.query.NewShare;
import io.leadflow.query.ShareInfo;
import io.leadflow.query.service.Shares;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/** Share links that admins and agents make of a view, list and revoke. */
@Path("/api/shares")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.AGENT})
public class SharesResource {

    private final Shares shares;

    public SharesResource(Shares shares) {
        this.shares = shares;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Share a view of the leads",
            description = "{\"filters\":{…the parameters of GET /api/leads…},\"expires_in_hours\":72,\"mask_contacts\":true,"
                    + "\"allow_export\":false} → {\"id\",\"url\",\"expires_at\"}. url is /s/{token}: a read-only view of "
                    + "those leads for anyone who has it, until it expires or is revoked. The token is shown only here; "
                    + "Leadflow keeps its SHA-256. Phones and emails are masked unless mask_contacts is false.")
    public Uni<CreatedShare> create(NewShare share, @Context SecurityIdentity identity, @Context HttpServerRequest request) {
        return shares.create(share == null ? new NewShare(null, null, null, null) : share,
                identity.getPrincipal().getName(), Clients.address(request));
    }

    @GET
    @Operation(summary = "The share links still open", description = "An admin sees everyone's, an agent their own.")
    public Uni<List<ShareInfo>> list(@Context SecurityIdentity identity) {
        return shares.open(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN));
    }

    @DELETE
    @Path("/{id: [0-9]+}")
    @ResponseStatus(204)
    @Operation(summary = "Revoke a share link", description = "At once: its next request answers 410 and an open page "
            + "stops updating. Its creator or an admin.")
    public Uni<Void> revoke(@PathParam("id") long id, @Context SecurityIdentity identity,
                            @Context HttpServerRequest request) {
        return shares.revoke(id, identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN), Clients.address(request));
    }
}
