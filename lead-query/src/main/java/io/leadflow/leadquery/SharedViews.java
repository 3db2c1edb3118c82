package io.leadflow.leadquery;

import io.leadflow.http.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Share links' tokens and their lookup. A token is 32 random bytes, base64url: it is shown once, to its creator;
 * the table keeps its SHA-256, so a copy of the database opens no link.
 */
public final class SharedViews {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final String FIND = """
            SELECT id, created_by, created_at, expires_at, revoked_at, filters, mask_contacts, allow_export
            FROM shares WHERE token_hash = $1""";

    private SharedViews() {
    }

    /** A new link's token. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the table keeps of a token. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /**
     * The link of {@code token}, if it still answers.
     *
     * @throws ProblemException 404 for a token that is no link's ({@code share-not-found}), 410 for a link revoked
     *                          ({@code share-revoked}) or expired ({@code share-expired})
     */
    public static Uni<SharedView> open(Pool pool, String token, Instant now) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Uni.createFrom().failure(notFound());
        }
        // The client binds a BYTEA from Vert.x's own Buffer, not from Mutiny's wrapper of it.
        return pool.preparedQuery(FIND).execute(Tuple.of(Buffer.buffer(hash(token))))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw notFound();
                    }
                    Row row = rows.iterator().next();
                    if (row.getOffsetDateTime("revoked_at") != null) {
                        throw new ProblemException(410, "share-revoked", "Share link revoked",
                                "This share link was revoked.", null);
                    }
                    Instant expiresAt = row.getOffsetDateTime("expires_at").toInstant();
                    if (!now.isBefore(expiresAt)) {
                        throw new ProblemException(410, "share-expired", "Share link expired",
                                "This share link expired at " + expiresAt + ".", null);
                    }
                    return view(row);
                });
    }

    /** A row of {@code shares} (the columns of {@link #FIND}) as a view. */
    public static SharedView view(Row row) {
        return new SharedView(row.getLong("id"), row.getString("created_by"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("expires_at")), filters(row.getJsonObject("filters")),
                row.getBoolean("mask_contacts"), row.getBoolean("allow_export"));
    }

    /** Filters as the table keeps them: each parameter's values. */
    public static JsonObject json(Map<String, List<String>> filters) {
        JsonObject json = new JsonObject();
        filters.forEach((name, values) -> json.put(name, new JsonArray(new ArrayList<>(values))));
        return json;
    }

    private static Map<String, List<String>> filters(JsonObject json) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(entry -> {
                List<String> values = new ArrayList<>();
                if (entry.getValue() instanceof JsonArray array) {
                    array.forEach(value -> values.add(String.valueOf(value)));
                } else if (entry.getValue() != null) {
                    values.add(String.valueOf(entry.getValue()));
                }
                filters.put(entry.getKey(), values);
            });
        }
        return filters;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "share-not-found", "Share link not found",
                "There is no such share link; check that it was copied whole.", null);
    }
}
