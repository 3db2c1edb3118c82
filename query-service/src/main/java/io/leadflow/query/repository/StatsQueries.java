package io.leadflow.query.repository;

import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadSql;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
 * exact at every commit and never scan the leads; a share link's numbers, which the rollups cannot cut by its
 * filters, are counted from its leads.
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
                .map(StatsQueries::toCombinations);
    }

    /** Leads first received per day and grade from {@code start} to before {@code end}, days cut in {@code zone}. */
    public Uni<List<DayCount>> perDay(Instant start, Instant end, ZoneId zone) {
        return pool.preparedQuery("SELECT (bucket AT TIME ZONE $3)::date AS day, quality, sum(leads)::bigint AS leads FROM ("
                        + "SELECT bucket, quality, leads FROM lead_rollup_buckets WHERE bucket >= $1 AND bucket < $2 "
                        + "UNION ALL SELECT bucket, quality, leads FROM lead_rollup_delta WHERE bucket >= $1 AND bucket < $2"
                        + ") counted GROUP BY 1, 2")
                .execute(Tuple.of(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), zone.getId()))
                .map(StatsQueries::toDayCounts);
    }

    /**
     * Leads per combination among a filter's leads, counted from the leads themselves: the numbers of a share link,
     * whose scope (a text, a score range) the rollups do not keep.
     */
    public Uni<List<Combination>> combinations(LeadFilter filter) {
        LeadSql.Fragment where = LeadSql.where(filter, LeadSql.NUMBERED, 1);
        return pool.preparedQuery("SELECT quality, channel, intent, status, count(*) AS leads FROM leads " + where.sql()
                        + " GROUP BY quality, channel, intent, status")
                .execute(Tuple.from(where.params()))
                .map(StatsQueries::toCombinations);
    }

    /** Leads per day and grade among a filter's leads, as {@link #perDay(Instant, Instant, ZoneId)} counts all. */
    public Uni<List<DayCount>> perDay(LeadFilter filter, Instant start, Instant end, ZoneId zone) {
        LeadSql.Fragment where = LeadSql.where(filter, LeadSql.NUMBERED, 4);
        List<Object> params = new ArrayList<>(List.of(start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), zone.getId()));
        params.addAll(where.params());
        return pool.preparedQuery("SELECT (created_at AT TIME ZONE $3)::date AS day, quality, count(*) AS leads FROM leads "
                        + "WHERE created_at >= $1 AND created_at < $2"
                        + (where.sql().isEmpty() ? "" : " AND " + where.sql().substring("WHERE ".length()))
                        + " GROUP BY 1, 2")
                .execute(Tuple.from(params))
                .map(StatsQueries::toDayCounts);
    }

    private static List<Combination> toCombinations(RowSet<Row> rows) {
        List<Combination> combinations = new ArrayList<>(rows.size());
        for (Row row : rows) {
            combinations.add(new Combination(row.getString("quality"), row.getString("channel"), row.getString("intent"),
                    row.getString("status"), row.getLong("leads")));
        }
        return combinations;
    }

    private static List<DayCount> toDayCounts(RowSet<Row> rows) {
        List<DayCount> counts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            counts.add(new DayCount(row.getLocalDate("day"), row.getString("quality"), row.getLong("leads")));
        }
        return counts;
    }
}
