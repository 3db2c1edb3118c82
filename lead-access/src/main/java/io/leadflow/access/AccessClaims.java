package io.leadflow.access;

/** What a Leadflow token carries besides its subject (upn) and role (groups). */
public final class AccessClaims {

    /** Every token's issuer, checked by each service that verifies one. */
    public static final String ISSUER = "leadflow";
    /** The user's token version when the token was issued: a token of an older version is revoked. */
    public static final String TOKEN_VERSION = "tv";
    /** The session cookie the dashboard authenticates with. */
    public static final String SESSION_COOKIE = "leadflow_session";

    private AccessClaims() {
    }
}
