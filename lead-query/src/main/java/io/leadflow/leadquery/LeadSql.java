package io.leadflow.leadquery;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The SQL a {@link LeadFilter} means, for the reactive client ({@code $1}) and for JDBC ({@code ?}) alike, so the
 * API and the exports select exactly the same leads. Values are always bound, never spliced into the SQL.
 */
public final class LeadSql {

    /** The text the free-text search looks in; the same expression as the trigram index over leads. */
    public static final String SEARCH_TEXT = "(coalesce(user_name, '') || ' ' || coalesce(user_phone, '') || ' ' "
            + "|| coalesce(user_email, '') || ' ' || message)";

    /** Numbered placeholders, {@code $1, $2…}, for the Vert.x PostgreSQL client. */
    public static final IntFunction<String> NUMBERED = index -> "$" + index;
    /** Question marks, for JDBC. */
    public static final IntFunction<String> QUESTION_MARKS = index -> "?";

    private LeadSql() {
    }

    /** A piece of SQL with its bound values, in placeholder order. */
    public record Fragment(String sql, List<Object> params) {
    }

    /**
     * The {@code WHERE …} clause of a filter (empty when it filters nothing), numbering placeholders from
     * {@code firstIndex}. Timestamps are bound as {@code OffsetDateTime} in UTC, which both clients accept.
     */
    public static Fragment where(LeadFilter filter, IntFunction<String> placeholder, int firstIndex) {
        Builder where = new Builder(placeholder, firstIndex);
        where.in("quality", filter.qualities(), Enum::name);
        where.in("channel", filter.channels(), c -> c.label());
        where.in("intent", filter.intents(), i -> i.label());
        where.in("status", filter.statuses(), s -> s.label());
        if (filter.from() != null) {
            where.condition("created_at >= %s", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            where.condition("created_at < %s", filter.to().atOffset(ZoneOffset.UTC));
        }
        if (filter.minScore() != null) {
            where.condition("score >= %s", filter.minScore());
        }
        if (filter.maxScore() != null) {
            where.condition("score <= %s", filter.maxScore());
        }
        if (filter.text() != null) {
            where.condition(SEARCH_TEXT + " ILIKE %s", "%" + escapeLike(filter.text()) + "%");
        }
        return where.build();
    }

    /** Escapes LIKE's wildcards, so a search for "50%" finds "50%" (PostgreSQL's default escape is the backslash). */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static final class Builder {
        private final IntFunction<String> placeholder;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();
        private int next;

        Builder(IntFunction<String> placeholder, int firstIndex) {
            this.placeholder = placeholder;
            this.next = firstIndex;
        }

        void condition(String template, Object value) {
            conditions.add(template.formatted(placeholder.apply(next++)));
            params.add(value);
        }

        <E> void in(String column, Collection<E> values, Function<E, String> label) {
            if (values.isEmpty()) {
                return;
            }
            List<String> slots = new ArrayList<>();
            for (E value : values) {
                slots.add(placeholder.apply(next++));
                params.add(label.apply(value));
            }
            conditions.add(column + " IN (" + String.join(", ", slots) + ")");
        }

        Fragment build() {
            return new Fragment(conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions), List.copyOf(params));
        }
    }
}
