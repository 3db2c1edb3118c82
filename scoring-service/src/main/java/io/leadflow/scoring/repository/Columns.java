package io.leadflow.scoring.repository;

import io.leadflow.events.EventJson;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import static io.leadflow.scoring.repository.SqlParams.time;

/**
 * The columns of a multi-row statement, each written once: its name, its PostgreSQL type and how a row gives its
 * value. A statement takes its rows as one array per column, {@code unnest}ed; this spec yields the SQL that names
 * the columns and the arrays that fill them, in one order, so a column cannot be added to the one and forgotten in
 * the other.
 *
 * <p>{@link #unnest(String, int)} names each column {@code alias_name} ({@code u_user_name}), so that an
 * {@code UPDATE … FROM} can return the table's own columns without naming them twice.
 *
 * @param <T> the rows
 */
final class Columns<T> {

    private record Column<T>(String name, String type, boolean json, Function<Collection<T>, Object> array) {
    }

    private final List<Column<T>> columns;

    private Columns(List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
    }

    static <T> Columns<T> of() {
        return new Columns<>(List.of());
    }

    Columns<T> text(String name, Function<T, String> value) {
        return with(name, "text", false, rows -> array(rows, value, String[]::new));
    }

    /** A value written as JSON with {@link EventJson}, sent as text and stored as {@code jsonb}. */
    Columns<T> json(String name, Function<T, Object> value) {
        return with(name, "text", true, rows -> array(rows, row -> EventJson.write(value.apply(row)), String[]::new));
    }

    Columns<T> bigint(String name, Function<T, Long> value) {
        return with(name, "bigint", false, rows -> array(rows, value, Long[]::new));
    }

    Columns<T> integer(String name, Function<T, Integer> value) {
        return with(name, "int", false, rows -> array(rows, value, Integer[]::new));
    }

    Columns<T> timestamptz(String name, Function<T, Instant> value) {
        return with(name, "timestamptz", false, rows -> array(rows, row -> time(value.apply(row)), OffsetDateTime[]::new));
    }

    /** These columns, then {@code more}'s. */
    Columns<T> plus(Columns<T> more) {
        List<Column<T>> all = new ArrayList<>(columns);
        all.addAll(more.columns);
        return new Columns<>(all);
    }

    /** {@code user_name, score_breakdown}: the column list of an INSERT. */
    String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** {@code u_user_name, u_score_breakdown::jsonb}: each column's value as the table takes it, from {@code alias}. */
    String values(String alias) {
        return columns.stream().map(column -> value(alias, column)).collect(Collectors.joining(", "));
    }

    /** {@code user_name = u_user_name, score_breakdown = u_score_breakdown::jsonb}: the SET list of an UPDATE. */
    String assignments(String alias) {
        return columns.stream().map(column -> column.name() + " = " + value(alias, column)).collect(Collectors.joining(", "));
    }

    /**
     * {@code unnest($1::bigint[], $2::text[]) AS u(u_id, u_user_name)}: the rows, from the statement's parameters
     * {@code $first} on.
     */
    String unnest(String alias, int first) {
        List<String> arrays = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            arrays.add("$" + (first + i) + "::" + columns.get(i).type() + "[]");
        }
        return "unnest(" + String.join(", ", arrays) + ") AS " + alias + "("
                + columns.stream().map(column -> alias + "_" + column.name()).collect(Collectors.joining(", ")) + ")";
    }

    /** The statement's parameters: {@code first} ($1 on), then one array per column, in order. */
    Tuple tuple(Collection<T> rows, Object... first) {
        Tuple tuple = SqlParams.tuple(first);
        columns.forEach(column -> tuple.addValue(column.array().apply(rows)));
        return tuple;
    }

    private Columns<T> with(String name, String type, boolean json, Function<Collection<T>, Object> array) {
        List<Column<T>> all = new ArrayList<>(columns);
        all.add(new Column<>(name, type, json, array));
        return new Columns<>(all);
    }

    private static <T> String value(String alias, Column<T> column) {
        return alias + "_" + column.name() + (column.json() ? "::jsonb" : "");
    }

    private static <T, V> V[] array(Collection<T> rows, Function<T, ? extends V> value, IntFunction<V[]> type) {
        return rows.stream().map(value).toArray(type);
    }
}
