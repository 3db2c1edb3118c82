package io.leadflow.query.service;

import io.leadflow.events.LeadRows;
import io.leadflow.events.query.LeadFilter;
import io.leadflow.events.query.LeadSql;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one page of leads: the shared filter ({@link LeadSql}, the same rows the exports give), the
 * keyset condition after the cursor, the order with the id as tie-breaker, and one row more than the page so
 * the answer knows whether another page follows. The row comparison {@code (column, id) < (…)} walks the same
 * b-tree index as the ORDER BY.
 */
public final class LeadListQuery {

    private LeadListQuery() {
    }

    /** The statement and its parameters, for the reactive client. */
    public static LeadSql.Fragment page(LeadFilter filter, Cursor after, int limit) {
        LeadSql.Fragment where = LeadSql.where(filter, LeadSql.NUMBERED, 1);
        List<Object> params = new ArrayList<>(where.params());
        StringBuilder sql = new StringBuilder("SELECT ").append(LeadRows.COLUMNS).append(" FROM leads ");
        String conditions = where.sql();
        if (after != null) {
            String comparison = filter.sort().descending() ? "<" : ">";
            String keyset = "(" + filter.sort().column() + ", id) " + comparison + " ($" + (params.size() + 1)
                    + ", $" + (params.size() + 2) + ")";
            conditions = conditions.isEmpty() ? "WHERE " + keyset : conditions + " AND " + keyset;
            params.add(after.boundValue());
            params.add(after.id());
        }
        sql.append(conditions);
        if (!conditions.isEmpty()) {
            sql.append(' ');
        }
        sql.append(filter.sort().orderBy()).append(" LIMIT $").append(params.size() + 1);
        params.add(limit + 1);
        return new LeadSql.Fragment(sql.toString(), params);
    }
}
