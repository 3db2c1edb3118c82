package io.leadflow.access;

import io.leadflow.http.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** No token, a bad one, or a role that may not: 401 and 403 as RFC 9457 problems, like every other error. */
public class AccessProblems {

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(Problem.MEDIA_TYPE).entity(new Problem(Problem.TYPE_PREFIX + "forbidden",
                "Forbidden", 403, "your role may not do this", null)).build();
    }

    private static Response unauthenticated() {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem(Problem.TYPE_PREFIX + "unauthorized", "Unauthorized", 401,
                        "sign in: send Authorization: Bearer <token> from POST /api/auth/login, or its session cookie; "
                                + "a token is refused once it expires or its user signs out",
                        null))
                .build();
    }
}
