package io.leadflow.query.service;

import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.Quality;
import io.leadflow.query.Stats;
import io.leadflow.query.repository.StatsQueries.Combination;
import io.leadflow.query.repository.StatsQueries.DayCount;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns rollup rows into the dashboard's numbers: totals per dimension with every value present (zero when no
 * lead has it), and one entry per day of the range, days without leads included.
 */
public final class StatsAssembler {

    private StatsAssembler() {
    }

    public static Stats assemble(List<Combination> combinations, List<DayCount> dayCounts, DayRange range, Instant asOf) {
        long total = combinations.stream().mapToLong(Combination::leads).sum();
        Map<String, Long> byQuality = perGrade(combinations);
        Map<String, Long> byChannel = count(combinations, Combination::channel, zeros(Channel.values(), Channel::label));
        Map<String, Long> byIntent = count(combinations, Combination::intent, zeros(Intent.values(), Intent::label));
        Map<String, Long> byStatus = count(combinations, Combination::status, zeros(LeadStatus.values(), LeadStatus::label));
        Map<LocalDate, long[]> perDay = new HashMap<>();
        for (DayCount count : dayCounts) {
            long[] grades = perDay.computeIfAbsent(count.day(), day -> new long[3]);
            Quality.fromLabel(count.quality()).ifPresent(q -> grades[q.ordinal()] += count.leads());
        }
        List<Stats.Day> days = new ArrayList<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            long[] grades = perDay.getOrDefault(day, new long[3]);
            days.add(new Stats.Day(day, grades[Quality.HOT.ordinal()], grades[Quality.WARM.ordinal()],
                    grades[Quality.COLD.ordinal()], grades[0] + grades[1] + grades[2]));
        }
        return new Stats(total, byQuality, byChannel, byIntent, byStatus, range.zone().getId(), range.from(), range.to(),
                days, asOf);
    }

    /** Leads per grade, every grade present (zero when it has none). */
    public static Map<String, Long> perGrade(List<Combination> combinations) {
        return count(combinations, Combination::quality, zeros(Quality.values(), Quality::name));
    }

    private static Map<String, Long> count(List<Combination> combinations, Function<Combination, String> dimension,
                                           Map<String, Long> counts) {
        combinations.forEach(c -> counts.merge(dimension.apply(c), c.leads(), Long::sum));
        return counts;
    }

    private static <E> Map<String, Long> zeros(E[] values, Function<E, String> label) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        for (E value : values) {
            zeros.put(label.apply(value), 0L);
        }
        return zeros;
    }
}
