package io.leadflow.query.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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

    /** Leads in one combination of grade, channel, intent and status. */
    public record Combination(String quality, String channel, String intent, String status, long leads) {
    }

    /** Leads first received on one day with one grade. */
    public record DayCount(LocalDate day, String quality, long leads) {
    }

    /** Leads per combination of grade, channel, intent and status. */
    public Uni<List<Combination>> combinations() {
        return pool.query("SELECT quality, channel, intent, status, sum(leads)::bigint AS leads FROM ("
                        + "SELECT quality, channel, intent, status, leads FROM lead_rollup_totals "
                        + "UNION ALL SELECT quality, channel, intent, status, leads FROM lead_rollup_delta) counted "
                        + "GROUP BY quality, channel, intent, status HAVING sum(leads) <> 0")
                .execute()
                .map(rows -> {
                    List<Combination> combinations = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        combinations.add(new Combination(row.getString("quality"), row.getString("channel"),
                                row.getString("intent"), row.getString("status"), row.getLong("leads")));
                    }
                    return combinations;
                });
    }

    /** Leads first received per day and grade from {@code start} to before {@code end}, days cut in {@code zone}. */
    public Uni<List<DayCount>> perDay(Instant start, Instant end, ZoneId zone) {
        return pool.preparedQuery("SELECT (bucket AT TIME ZONE $3)::date AS day, quality, sum(leads)::bigint AS leads FROM ("
                        + "SELECT bucket, quality, leads FROM lead_rollup_buckets WHERE bucket >= $1 AND bucket < $2 "
                        + "UNION ALL SELECT bucket, quality, leads FROM lead_rollup_delta WHERE bucket >= $1 AND bucket < $2"
                        + ") counted GROUP BY 1, 2")
                .execute(Tuple.of(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), zone.getId()))
                .map(rows -> {
                    List<DayCount> counts = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        counts.add(new DayCount(row.getLocalDate("day"), row.getString("quality"),
                                row.getLong("leads")));
                    }
                    return counts;
                });
    }
}
