package io.leadflow.scoring.repository;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.function.Function;

/** Binding helpers: arrays for {@code unnest(…)} multi-row statements, and times as the PG client wants them. */
final class SqlParams {

    private SqlParams() {
    }

    /**
     * A tuple of the values, each one parameter. ({@code Tuple.of(a, array)} would spread the array, and
     * {@code Tuple.from(List.of(…))} refuses nulls.)
     */
    static Tuple tuple(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }

    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static <T> String[] texts(Collection<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }

    static <T> Long[] longs(Collection<T> rows, Function<T, Long> column) {
        return rows.stream().map(column).toArray(Long[]::new);
    }

    static <T> Integer[] ints(Collection<T> rows, Function<T, Integer> column) {
        return rows.stream().map(column).toArray(Integer[]::new);
    }

    static <T> OffsetDateTime[] times(Collection<T> rows, Function<T, Instant> column) {
        return rows.stream().map(row -> time(column.apply(row))).toArray(OffsetDateTime[]::new);
    }
}
