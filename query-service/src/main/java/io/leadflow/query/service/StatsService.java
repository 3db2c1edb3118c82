package io.leadflow.query.service;

import io.leadflow.leadquery.LeadFilter;
import io.leadflow.query.Stats;
import io.leadflow.query.repository.StatsQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The dashboard's numbers, read from the rollups: never a scan of the leads. */
@ApplicationScoped
public class StatsService {

    private final StatsQueries queries;

    public StatsService(StatsQueries queries) {
        this.queries = queries;
    }

    /** Totals per dimension, and leads per day of {@code range} by grade, as read at {@code asOf}. */
    public Uni<Stats> stats(DayRange range, Instant asOf) {
        return assembled(queries.combinations(), queries.perDay(range.start(), range.end(), range.zone()), range, asOf);
    }

    /** The numbers of a filter's leads only (a share link's), counted from the leads. */
    public Uni<Stats> stats(LeadFilter scope, DayRange range, Instant asOf) {
        return assembled(queries.combinations(scope), queries.perDay(scope, range.start(), range.end(), range.zone()),
                range, asOf);
    }

    /** Leads per grade, every grade present. */
    public Uni<Map<String, Long>> perGrade() {
        return queries.combinations().map(StatsAssembler::perGrade);
    }

    private static Uni<Stats> assembled(Uni<List<StatsQueries.Combination>> combinations,
                                        Uni<List<StatsQueries.DayCount>> perDay, DayRange range, Instant asOf) {
        return Uni.combine().all().unis(combinations, perDay).asTuple()
                .map(counts -> StatsAssembler.assemble(counts.getItem1(), counts.getItem2(), range, asOf));
    }
}
