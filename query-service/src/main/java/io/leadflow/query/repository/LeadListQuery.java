package io.leadflow.query.repository;

import io.leadflow.events.Intent;
import io.leadflow.events.Quality;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadRows;
import io.leadflow.leadquery.LeadSql;
import io.leadflow.query.Cursor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The SQL of one page of leads: the shared filter ({@link LeadSql}, the same rows the exports give), the
 * keyset condition after the cursor, the order with the id as tie-breaker, and one row more than the page so
 * the answer knows whether another page follows. The row comparison {@code (column, id) < (…)} walks the same
 * b-tree index as the ORDER BY.
 *
 * <p>Grade and intent decide most of a score, so several grades (or intents) sorted by score would walk the score
 * index past every lead of the other grades: such a page is one branch per grade, each walking
 * {@code (quality, score, id)}, merged.
 */
public final class LeadListQuery {

    private static final long SECONDS_PER_DAY = 86_400;

    private LeadListQuery() {
    }

    /** The statement and its parameters, for the reactive client. */
    public static LeadSql.Fragment page(LeadFilter filter, Cursor after, int limit) {
        List<LeadFilter> branches = branches(filter);
        if (branches.size() == 1) {
            return branch(filter, after, limit, 1, null);
        }
        List<Object> params = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        for (LeadFilter branch : branches) {
            LeadSql.Fragment select = branch(branch, after, limit, params.size() + 1, null);
            selects.add("(" + select.sql() + ")");
            params.addAll(select.params());
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", selects) + ") page "
                + filter.sort().orderBy() + " LIMIT $" + (params.size() + 1);
        params.add(limit + 1);
        return new LeadSql.Fragment(sql, params);
    }

    /**
     * A search's page among the first {@code depth} leads of the filter without its text, in its order, after the
     * cursor: the sorted index walk, bounded. When it finds more than {@code limit}, they are the page (the leads it
     * looked at come before every other in the order); when not, the text is rare near the top of the order and
     * the indexes answer instead. A text in most leads is found here in a few milliseconds, where the trigram index
     * would first collect every one of them.
     */
    public static LeadSql.Fragment searchNearTop(LeadFilter filter, Cursor after, int limit, int depth) {
        LeadSql.Fragment top = page(filter.withText(null), after, depth - 1);
        LeadSql.Fragment text = LeadSql.where(textOnly(filter), LeadSql.NUMBERED, top.params().size() + 1);
        List<Object> params = new ArrayList<>(top.params());
        params.addAll(text.params());
        params.add(limit + 1);
        return new LeadSql.Fragment("SELECT * FROM (" + top.sql() + ") top_of_order " + text.sql() + " "
                + filter.sort().orderBy() + " LIMIT $" + params.size(), params);
    }

    /**
     * A search's page among the leads received on one UTC {@linkplain #day day}, after the cursor. Run it with
     * bitmap scans only: the day-keyed trigram index (migration V31) then reads just that day's matches.
     */
    public static LeadSql.Fragment searchDay(LeadFilter filter, Cursor after, int limit, long day) {
        return branch(filter, after, limit, 1, new Condition("lead_day(created_at) = %s", Math.toIntExact(day)));
    }

    /** The UTC day a moment falls in, counted from 1970-01-01, as migration V31's {@code lead_day} counts it. */
    public static long day(Instant moment) {
        return Math.floorDiv(moment.getEpochSecond(), SECONDS_PER_DAY);
    }

    /** The first moment of a {@linkplain #day day}. */
    public static Instant dayStart(long day) {
        return Instant.ofEpochSecond(day * SECONDS_PER_DAY);
    }

    /**
     * The ids of the leads whose text matches a search (the search alone: the trigram index answers it), at most
     * {@code cap} + 1, in no order. Run it with bitmap scans only, so the trigram index answers however common the
     * planner guesses the text is.
     */
    public static LeadSql.Fragment searchCandidates(LeadFilter filter, int cap) {
        LeadSql.Fragment where = LeadSql.where(textOnly(filter), LeadSql.NUMBERED, 1);
        List<Object> params = new ArrayList<>(where.params());
        params.add(cap + 1);
        return new LeadSql.Fragment("SELECT id FROM leads " + where.sql() + " LIMIT $" + params.size(), params);
    }

    /** One page of the filter's leads among the given ids (a search's candidates), in its order, after the cursor. */
    public static LeadSql.Fragment pageOf(Long[] ids, LeadFilter filter, Cursor after, int limit) {
        return branch(filter, after, limit, 1, new Condition("id = ANY(%s)", ids));
    }

    private static LeadFilter textOnly(LeadFilter filter) {
        return LeadFilter.ALL.withText(filter.text());
    }

    private static List<LeadFilter> branches(LeadFilter filter) {
        if (!"score".equals(filter.sort().column())) {
            return List.of(filter);
        }
        if (filter.qualities().size() > 1) {
            return split(filter.qualities(), quality -> new LeadFilter(Set.of(quality), filter.channels(), filter.intents(),
                    filter.statuses(), filter.from(), filter.to(), filter.minScore(), filter.maxScore(), filter.text(),
                    filter.sort()), Quality.values());
        }
        if (filter.intents().size() > 1) {
            return split(filter.intents(), intent -> new LeadFilter(filter.qualities(), filter.channels(), Set.of(intent),
                    filter.statuses(), filter.from(), filter.to(), filter.minScore(), filter.maxScore(), filter.text(),
                    filter.sort()), Intent.values());
        }
        return List.of(filter);
    }

    /** One branch per value, in the enum's order (so the SQL does not depend on a set's iteration order). */
    private static <E> List<LeadFilter> split(Set<E> values, Function<E, LeadFilter> narrowed, E[] order) {
        List<LeadFilter> branches = new ArrayList<>();
        for (E value : order) {
            if (values.contains(value)) {
                branches.add(narrowed.apply(value));
            }
        }
        return branches;
    }

    /** A condition beyond the filter's, its value bound at {@code %s}. */
    private record Condition(String template, Object value) {
    }

    private static LeadSql.Fragment branch(LeadFilter filter, Cursor after, int limit, int firstIndex, Condition also) {
        LeadSql.Fragment where = LeadSql.where(filter, LeadSql.NUMBERED, firstIndex);
        List<Object> params = new ArrayList<>(where.params());
        List<String> conditions = new ArrayList<>();
        if (!where.sql().isEmpty()) {
            conditions.add(where.sql().substring("WHERE ".length()));
        }
        if (after != null) {
            int next = firstIndex + params.size();
            conditions.add("(" + filter.sort().column() + ", id) " + (filter.sort().descending() ? "<" : ">")
                    + " ($" + next + ", $" + (next + 1) + ")");
            params.add(after.boundValue());
            params.add(after.id());
        }
        if (also != null) {
            conditions.add(also.template().formatted("$" + (firstIndex + params.size())));
            params.add(also.value());
        }
        params.add(limit + 1);
        return new LeadSql.Fragment("SELECT " + LeadRows.COLUMNS + " FROM leads "
                + (conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions) + " ")
                + filter.sort().orderBy() + " LIMIT $" + (firstIndex + params.size() - 1), params);
    }
}
