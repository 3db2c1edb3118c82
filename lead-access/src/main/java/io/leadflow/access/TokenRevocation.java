package io.leadflow.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Iterator;

/**
 * A signed token is good until it expires, unless its user has moved on since: deleted, logged out, given a new
 * password or another role. Each of those raises {@code users.token_version}; a token issued at an older version
 * is refused here, on every request. The role is the user's current one, not the one in the token.
 */
@ApplicationScoped
public class TokenRevocation implements SecurityIdentityAugmentor {

    private final Pool pool;

    public TokenRevocation(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Object issuedAt = token.getClaim(AccessClaims.TOKEN_VERSION);
        if (!(issuedAt instanceof Number) && !(issuedAt instanceof jakarta.json.JsonNumber)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token has no version"));
        }
        long version = issuedAt instanceof Number number ? number.longValue()
                : ((jakarta.json.JsonNumber) issuedAt).longValue();
        return pool.preparedQuery("SELECT role, token_version FROM users WHERE username = $1")
                .execute(Tuple.of(token.getName()))
                .map(rows -> {
                    Iterator<Row> found = rows.iterator();
                    if (!found.hasNext()) {
                        throw new AuthenticationFailedException("no such user");
                    }
                    Row user = found.next();
                    if (user.getLong("token_version") != version) {
                        throw new AuthenticationFailedException("the token was revoked");
                    }
                    return QuarkusSecurityIdentity.builder()
                            .setPrincipal(token)
                            .addCredentials(identity.getCredentials())
                            .addAttributes(identity.getAttributes())
                            .addRole(user.getString("role"))
                            .build();
                });
    }
}
