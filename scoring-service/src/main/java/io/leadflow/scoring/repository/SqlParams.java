package io.leadflow.scoring.repository;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Binding helpers: single parameters, and times as the PG client wants them (arrays of rows: {@link Columns}). */
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
}
