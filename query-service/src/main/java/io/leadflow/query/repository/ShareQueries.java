package io.leadflow.query.repository;

import io.leadflow.leadquery.SharedView;
import io.leadflow.leadquery.SharedViews;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code shares} table (migration V35): links made, the open ones listed, revoked. */
@ApplicationScoped
public class ShareQueries {

    private static final String COLUMNS = "id, created_by, created_at, expires_at, revoked_at, filters, mask_contacts, allow_export";

    private final Pool pool;

    public ShareQueries(Pool pool) {
        this.pool = pool;
    }

    /** Keeps a new link (only its token's hash) and answers it as stored. */
    public Uni<SharedView> insert(String token, String createdBy, Instant expiresAt, Map<String, List<String>> filters,
                                  boolean maskContacts, boolean allowExport) {
        return pool.preparedQuery("INSERT INTO shares (token_hash, created_by, expires_at, filters, mask_contacts, "
                        + "allow_export) VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[]{Buffer.buffer(SharedViews.hash(token)), createdBy,
                        expiresAt.atOffset(ZoneOffset.UTC), SharedViews.json(filters), maskContacts, allowExport}))
                .map(rows -> SharedViews.view(rows.iterator().next()));
    }

    /** The links still open at {@code now}, newest first: everyone's, or one creator's. */
    public Uni<List<SharedView>> open(Optional<String> createdBy, Instant now) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shares WHERE revoked_at IS NULL AND expires_at > $1 "
                        + "AND ($2::text IS NULL OR created_by = $2) ORDER BY id DESC")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), createdBy.orElse(null)))
                .map(rows -> {
                    List<SharedView> views = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        views.add(SharedViews.view(row));
                    }
                    return views;
                });
    }

    /** The link's creator, when there is such a link. */
    public Uni<Optional<String>> creator(long id) {
        return pool.preparedQuery("SELECT created_by FROM shares WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString("created_by")));
    }

    /** Revokes the link now (a link revoked before keeps its time). */
    public Uni<Void> revoke(long id) {
        return pool.preparedQuery("UPDATE shares SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(id)).replaceWithVoid();
    }
}
