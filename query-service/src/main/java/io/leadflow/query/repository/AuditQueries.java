package io.leadflow.query.repository;

import io.leadflow.query.AuditEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Reads audit_log newest first, a page at a time from a known id down (keyset paging on the primary key). */
@ApplicationScoped
public class AuditQueries {

    private final Pool pool;

    public AuditQueries(Pool pool) {
        this.pool = pool;
    }

    /** Up to {@code limit} entries with an id below {@code before} (all when null), newest first. */
    public Uni<List<AuditEntry>> page(Long before, int limit) {
        return pool.preparedQuery("""
                        SELECT id, at, actor, action, target, address, details::text AS details FROM audit_log
                        WHERE ($1::bigint IS NULL OR id < $1) ORDER BY id DESC LIMIT $2""")
                .execute(Tuple.of(before, limit))
                .map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        entries.add(new AuditEntry(row.getLong("id"),
                                row.getOffsetDateTime("at").withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                                row.getString("actor"), row.getString("action"), row.getString("target"),
                                row.getString("address"), row.getString("details")));
                    }
                    return entries;
                });
    }
}
