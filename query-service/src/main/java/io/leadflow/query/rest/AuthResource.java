package io.leadflow.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadflow.access.AccessClaims;
import io.leadflow.query.service.Accounts;
import io.leadflow.query.service.TokenIssuer;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Duration;
import java.time.Instant;

/** Signing in and out: a signed token for API clients, the same token in an HttpOnly cookie for the dashboard. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final Accounts accounts;

    public AuthResource(Accounts accounts) {
        this.accounts = accounts;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in",
            description = "{\"username\",\"password\"} -> {\"token\",\"expires_at\",\"role\"}, and the session cookie. "
                    + "Send the token as Authorization: Bearer <token>. 401 for a wrong name or password; after five "
                    + "failures in 15 minutes for a name or an address, 429 with Retry-After.")
    public Uni<Response> login(Credentials credentials, @Context HttpServerRequest request) {
        Credentials given = credentials == null ? new Credentials(null, null) : credentials;
        return accounts.login(given.username(), given.password(), Clients.address(request))
                .map(session -> Response.ok(new LoginAnswer(session.token(), session.expiresAt(), session.role(),
                                session.username()))
                        .header(HttpHeaders.SET_COOKIE, cookie(session.token(),
                                Duration.between(Instant.now(), session.expiresAt()).toSeconds(), request))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "Sign out everywhere", description = "Every token of the signed-in user stops working at once.")
    public Uni<Response> logout(@Context SecurityIdentity identity, @Context HttpServerRequest request) {
        return accounts.logout(identity.getPrincipal().getName(), Clients.address(request))
                .map(nothing -> Response.noContent().header(HttpHeaders.SET_COOKIE, cookie("", 0, request)).build());
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "Who is signed in, and with which role")
    public Me me(@Context SecurityIdentity identity) {
        return new Me(identity.getPrincipal().getName(), identity.getRoles().iterator().next());
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure when the request was HTTPS. */
    private static String cookie(String token, long maxAgeSeconds, HttpServerRequest request) {
        boolean https = "https".equalsIgnoreCase(request.scheme())
                || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        return AccessClaims.SESSION_COOKIE + "=" + token + "; Path=/; Max-Age=" + Math.max(0, maxAgeSeconds)
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    public record Credentials(String username, String password) {
    }

    public record LoginAnswer(String token, @JsonProperty("expires_at") Instant expiresAt, String role, String username) {
    }

    public record Me(String username, String role) {
    }
}
