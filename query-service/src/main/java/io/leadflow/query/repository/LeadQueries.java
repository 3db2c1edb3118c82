package io.leadflow.query.repository;

import io.leadflow.events.LeadRows;
import io.leadflow.events.LeadView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Reads of the leads table for the dashboard's API. */
@ApplicationScoped
public class LeadQueries {

    private final Pool pool;

    public LeadQueries(Pool pool) {
        this.pool = pool;
    }

    /** The newest leads first. */
    public Uni<List<LeadView>> newest(int limit) {
        return pool.preparedQuery("SELECT " + LeadRows.COLUMNS + " FROM leads ORDER BY created_at DESC, id DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<LeadView> leads = new ArrayList<>(rows.size());
                    rows.forEach(row -> leads.add(LeadRows.view(row)));
                    return leads;
                });
    }

    /** How many leads there are in all and per grade. */
    public Uni<GradeCounts> gradeCounts() {
        return pool.query("SELECT count(*) AS total, "
                        + "count(*) FILTER (WHERE quality = 'HOT') AS hot, "
                        + "count(*) FILTER (WHERE quality = 'WARM') AS warm, "
                        + "count(*) FILTER (WHERE quality = 'COLD') AS cold FROM leads")
                .execute()
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new GradeCounts(row.getLong("total"), row.getLong("hot"), row.getLong("warm"), row.getLong("cold"));
                });
    }

    /** Lead counts: all of them and per grade. */
    public record GradeCounts(long total, long hot, long warm, long cold) {
    }
}
