package io.leadflow.query.service;

import io.leadflow.query.Stats;
import io.leadflow.query.repository.StatsQueries;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
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
        return Uni.combine().all().unis(queries.combinations(), queries.perDay(range.start(), range.end(), range.zone()))
                .asTuple()
                .map(counts -> StatsAssembler.assemble(counts.getItem1(), counts.getItem2(), range, asOf));
    }

    /** Leads per grade, every grade present. */
    public Uni<Map<String, Long>> perGrade() {
        return queries.combinations().map(StatsAssembler::perGrade);
    }
}
