package io.leadflow.query.repository;

import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.leadquery.LeadRows;
import io.leadflow.query.LeadChange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one write query-service makes to a lead: its status and note (columns scoring never writes), with the
 * change kept in lead_activity. One transaction, the lead's row locked, so two salespeople's changes queue up.
 */
@ApplicationScoped
public class LeadStatusWriter {

    private final Pool pool;

    public LeadStatusWriter(Pool pool) {
        this.pool = pool;
    }

    /** The lead after the change, or empty when there is no such lead. */
    public Uni<Optional<Changed>> change(long id, LeadChange.Valid change) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT status FROM leads WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Optional.<Changed>empty())
                        : apply(tx, id, LeadStatus.fromLabel(rows.iterator().next().getString("status")).orElse(LeadStatus.NEW),
                        change).map(Optional::of)));
    }

    private Uni<Changed> apply(SqlConnection tx, long id, LeadStatus before, LeadChange.Valid change) {
        LeadStatus after = change.status() == null ? before : change.status();
        return tx.preparedQuery("UPDATE leads SET status = $2, notes = coalesce($3, notes), updated_at = now() "
                        + "WHERE id = $1 RETURNING " + LeadRows.COLUMNS + ", lead_key, updated_at")
                .execute(Tuple.from(Arrays.asList(id, after.label(), change.note())))
                .map(rows -> rows.iterator().next())
                .call(row -> after == before && change.note() == null ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO lead_activity (lead_id, status_from, status_to, note) "
                                + "VALUES ($1, $2, $3, $4)")
                        .execute(Tuple.from(Arrays.asList(id, before.label(), after.label(), change.note())))
                        .replaceWithVoid())
                .map(row -> changed(row, before));
    }

    private static Changed changed(Row row, LeadStatus before) {
        return new Changed(LeadRows.view(row), row.getString("lead_key"), before,
                row.getOffsetDateTime("updated_at").toInstant());
    }

    /** A lead after a change, with what the event about it needs. */
    public record Changed(LeadView lead, String leadKey, LeadStatus statusFrom, Instant at) {
    }
}
