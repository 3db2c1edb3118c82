package io.leadflow.query.repository;

import io.leadflow.query.service.DayRange;
import io.leadflow.query.service.StatsAssembler;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the rollups (migration V20) plus the deltas not folded yet, in one statement each, so the counts are
 * exact at every commit and never scan the leads.
 */
@ApplicationScoped
public class StatsQueries {

    private final Pool pool;

    public StatsQueries(Pool pool) {
        this.pool = pool;
    }

    /** Leads per combination of grade, channel, intent and status. */
    public Uni<List<StatsAssembler.Combination>> combinations() {
        return pool.query("SELECT quality, channel, intent, status, sum(leads)::bigint AS leads FROM ("
                        + "SELECT quality, channel, intent, status, leads FROM lead_rollup_totals "
                        + "UNION ALL SELECT quality, channel, intent, status, leads FROM lead_rollup_delta) counted "
                        + "GROUP BY quality, channel, intent, status HAVING sum(leads) <> 0")
                .execute()
                .map(rows -> {
                    List<StatsAssembler.Combination> combinations = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        combinations.add(new StatsAssembler.Combination(row.getString("quality"), row.getString("channel"),
                                row.getString("intent"), row.getString("status"), row.getLong("leads")));
                    }
                    return combinations;
                });
    }

    /** Leads first received per day of the range (cut in its zone) and grade. */
    public Uni<List<StatsAssembler.DayCount>> perDay(DayRange range) {
        return pool.preparedQuery("SELECT (bucket AT TIME ZONE $3)::date AS day, quality, sum(leads)::bigint AS leads FROM ("
                        + "SELECT bucket, quality, leads FROM lead_rollup_buckets WHERE bucket >= $1 AND bucket < $2 "
                        + "UNION ALL SELECT bucket, quality, leads FROM lead_rollup_delta WHERE bucket >= $1 AND bucket < $2"
                        + ") counted GROUP BY 1, 2")
                .execute(Tuple.of(range.start().atOffset(ZoneOffset.UTC), range.end().atOffset(ZoneOffset.UTC),
                        range.zone().getId()))
                .map(rows -> {
                    List<StatsAssembler.DayCount> counts = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        counts.add(new StatsAssembler.DayCount(row.getLocalDate("day"), row.getString("quality"),
                                row.getLong("leads")));
                    }
                    return counts;
                });
    }
}
