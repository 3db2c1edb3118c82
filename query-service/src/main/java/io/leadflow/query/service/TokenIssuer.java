package io.leadflow.query.service;

import io.leadflow.access.AccessClaims;
import io.leadflow.query.config.AccessConfig;
import io.leadflow.query.repository.User;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Signs a user's token (RS256, the key in smallrye.jwt.sign.key): who, which role, which token version, until when. */
@ApplicationScoped
public class TokenIssuer {

    private final AccessConfig config;

    public TokenIssuer(AccessConfig config) {
        this.config = config;
    }

    public Session issue(User user) {
        Instant expiresAt = Instant.now().plus(config.sessionLength());
        String token = Jwt.issuer(AccessClaims.ISSUER)
                .upn(user.username)
                .groups(user.role)
                .claim(AccessClaims.TOKEN_VERSION, (long) user.tokenVersion)
                .expiresAt(expiresAt)
                .sign();
        return new Session(token, expiresAt, user.role, user.username);
    }

    /** A signed-in user's token. */
    public record Session(String token, Instant expiresAt, String role, String username) {
    }
}
