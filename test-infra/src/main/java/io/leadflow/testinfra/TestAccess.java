package io.leadflow.testinfra;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.config.HeaderConfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Signed-in test clients. One RSA key pair per test JVM, given to the services as their signing and verification
 * keys; a token for a user of a role, signed with it as query-service would sign it, the user created in the
 * JVM's database if missing (with no password: nobody can sign in as it, only hold its token).
 */
public final class TestAccess {

    private static final KeyPair KEYS = generate();
    private static final String AUTHORIZATION = "Authorization";
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    /** The admin a service creates when there is no user, and their password (random, per test JVM). */
    public static final String FIRST_ADMIN = "first-admin";
    public static final String FIRST_ADMIN_PASSWORD = URL.encodeToString(new SecureRandom().generateSeed(18));

    private TestAccess() {
    }

    /** The services' keys and first admin, as configuration (a @QuarkusTest's) ... */
    public static Map<String, String> config() {
        return Map.of("mp.jwt.verify.publickey", publicKey(), "smallrye.jwt.sign.key", privateKey(),
                "leadflow.access.admin-username", FIRST_ADMIN, "leadflow.access.admin-password", FIRST_ADMIN_PASSWORD);
    }

    /** ... and as environment (a service process's). */
    public static Map<String, String> environment() {
        return Map.of("LEADFLOW_JWT_PUBLIC_KEY", publicKey(), "LEADFLOW_JWT_PRIVATE_KEY", privateKey(),
                "LEADFLOW_ADMIN_USERNAME", FIRST_ADMIN, "LEADFLOW_ADMIN_PASSWORD", FIRST_ADMIN_PASSWORD);
    }

    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static String privateKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded());
    }

    /** {@code Bearer <token>} for the user {@code test-<role>}. */
    public static String bearer(String role) {
        return "Bearer " + token("test-" + role, role);
    }

    /**
     * Every RestAssured request of this test JVM goes as {@code test-<role>} until {@link #anonymous()}; a request
     * that names its own {@code Authorization} (another user's token, a platform's token) sends that one instead,
     * not both.
     */
    public static void actAs(String role) {
        RestAssured.config = RestAssured.config().headerConfig(
                HeaderConfig.headerConfig().overwriteHeadersWithName(AUTHORIZATION));
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader(AUTHORIZATION, bearer(role)).build();
    }

    public static void anonymous() {
        RestAssured.requestSpecification = null;
    }

    /** A token of the user, who is created with the role if missing; its version is the user's current one. */
    public static String token(String username, String role) {
        return token(username, role, Instant.now().plusSeconds(3600));
    }

    public static String token(String username, String role, Instant expiresAt) {
        return sign(username, role, tokenVersion(username, role), expiresAt);
    }

    /** A token signed with the test key, whatever the database says: for tests of refused tokens. */
    public static String sign(String username, String role, long tokenVersion, Instant expiresAt) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"leadflow\",\"upn\":\"" + username + "\",\"groups\":[\"" + role + "\"],\"tv\":"
                + tokenVersion + ",\"iat\":" + Instant.now().getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond()
                + "}";
        String signed = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEYS.getPrivate());
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long tokenVersion(String username, String role) {
        try (Connection db = TestPostgres.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO users (username, password_hash, role) "
                     + "VALUES (?, '!', ?) ON CONFLICT (username) DO UPDATE SET role = EXCLUDED.role "
                     + "RETURNING token_version")) {
            insert.setString(1, username);
            insert.setString(2, role);
            try (ResultSet version = insert.executeQuery()) {
                version.next();
                return version.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test user " + username, e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
