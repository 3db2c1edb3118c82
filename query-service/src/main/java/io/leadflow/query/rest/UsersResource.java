package io.leadflow.query.rest;

import io.leadflow.access.Roles;
import io.leadflow.query.service.Accounts;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/** The users an admin manages. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UsersResource {

    private final Accounts accounts;

    public UsersResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @GET
    @Operation(summary = "Every user with their role")
    public Uni<List<Accounts.UserView>> list() {
        return accounts.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Add a user", description = "{\"username\",\"password\",\"role\"}: role is admin, agent or viewer; "
            + "a password has at least 10 characters.")
    public Uni<Accounts.UserView> create(Accounts.NewUser user, @Context SecurityIdentity identity,
                                         @Context HttpServerRequest request) {
        return accounts.create(user == null ? new Accounts.NewUser(null, null, null) : user,
                identity.getPrincipal().getName(), Clients.address(request));
    }

    @PATCH
    @Path("/{username}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a user's role or reset their password",
            description = "{\"role\"} and/or {\"password\"}. Either signs the user out everywhere.")
    public Uni<Accounts.UserView> change(@PathParam("username") String username, Accounts.UserChange change,
                                         @Context SecurityIdentity identity, @Context HttpServerRequest request) {
        return accounts.change(username, change, identity.getPrincipal().getName(), Clients.address(request));
    }

    @DELETE
    @Path("/{username}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a user", description = "Their tokens stop working at once. The last admin stays.")
    public Uni<Void> delete(@PathParam("username") String username, @Context SecurityIdentity identity,
                            @Context HttpServerRequest request) {
        return accounts.delete(username, identity.getPrincipal().getName(), Clients.address(request));
    }
}
