package io.leadflow.export.repository;

import io.leadflow.export.ExportColumns;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadSql;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one export: {@link LeadSql}'s filter and the API's order, so an export holds exactly the rows of
 * {@code GET /api/leads}. PostgreSQL's {@code COPY} takes no bind parameters, so the filter's values are bound
 * as transaction-local settings ({@code set_config}) that the SQL reads back with {@code current_setting}:
 * still bound, never spliced into the SQL.
 */
public final class ExportSql {

    /** The settings that carry the filter's values: {@code leadflow_export.p1}, {@code p2}… */
    static final String SETTING_PREFIX = "leadflow_export.p";
    /** The ids of the leads an export that marks them holds, kept for the mark once the file is delivered. */
    static final String CREATE_EXPORTED_IDS = "CREATE TEMP TABLE export_ids (id BIGINT PRIMARY KEY) ON COMMIT DROP";
    static final String MARK_EXPORTED = "UPDATE leads SET exported = true WHERE id IN (SELECT id FROM export_ids) AND NOT exported";

    /** A setting to bind before the export's statements run. */
    public record Setting(String name, String value) {
    }

    private final String where;
    private final String orderBy;
    private final List<Setting> settings;
    private final boolean inIndexOrder;

    private ExportSql(String where, String orderBy, List<Setting> settings, boolean inIndexOrder) {
        this.where = where;
        this.orderBy = orderBy;
        this.settings = List.copyOf(settings);
        this.inIndexOrder = inIndexOrder;
    }

    public static ExportSql of(LeadFilter filter) {
        List<Object> values = LeadSql.where(filter, LeadSql.QUESTION_MARKS, 1).params();
        LeadSql.Fragment where = LeadSql.where(filter,
                index -> "current_setting('" + SETTING_PREFIX + index + "')::" + sqlType(values.get(index - 1)), 1);
        List<Setting> settings = new ArrayList<>();
        for (int i = 0; i < where.params().size(); i++) {
            settings.add(new Setting(SETTING_PREFIX + (i + 1), text(where.params().get(i))));
        }
        return new ExportSql(where.sql(), filter.sort().orderBy(), settings, inIndexOrder(filter));
    }

    /**
     * Whether the rows are best read in the order of an index, so the first ones go out at once: unless a text
     * search or a date range with another order narrows the rows to few, which a sort orders quickly. Left to
     * itself, PostgreSQL sorts a whole table before sending its first row.
     */
    private static boolean inIndexOrder(LeadFilter filter) {
        boolean dateRange = filter.from() != null || filter.to() != null;
        return filter.text() == null && (!dateRange || "created_at".equals(filter.sort().column()));
    }

    /**
     * The planner settings for this export, to bind like the filter's values. An export that marks its leads reads
     * them by id from a table the planner has statistics for, so the planner picks its way there.
     */
    public List<Setting> plannerSettings(boolean fromExportedIds) {
        // JIT compiles for large scans, and costs more than it saves when every row is only formatted.
        return inIndexOrder && !fromExportedIds ? List.of(new Setting("jit", "off"), new Setting("enable_sort", "off"))
                : List.of(new Setting("jit", "off"));
    }

    /** The filter's values, to bind with {@code set_config(name, value, true)}. */
    public List<Setting> settings() {
        return settings;
    }

    /** {@code COPY} of the rows as CSV, headers first, formula-like text neutralised by PostgreSQL. */
    public String csvCopy(boolean fromExportedIds) {
        return "COPY (SELECT " + ExportColumns.csvSelectList() + " FROM leads" + rows(fromExportedIds) + " " + orderBy
                + ") TO STDOUT (FORMAT csv, HEADER true)";
    }

    /** The rows as stored, in {@link ExportColumns} order. */
    public String select(boolean fromExportedIds) {
        return "SELECT " + ExportColumns.plainSelectList() + " FROM leads" + rows(fromExportedIds) + " " + orderBy;
    }

    /** Fills {@code export_ids} with the filter's leads. */
    public String insertExportedIds() {
        return "INSERT INTO export_ids SELECT id FROM leads" + rows(false);
    }

    /** The WHERE clause, with a space before it, or nothing. */
    private String rows(boolean fromExportedIds) {
        if (fromExportedIds) {
            return " WHERE id IN (SELECT id FROM export_ids)";
        }
        return where.isEmpty() ? "" : " " + where;
    }

    private static String sqlType(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Integer) {
            return "integer";
        }
        if (value instanceof OffsetDateTime) {
            return "timestamptz";
        }
        throw new IllegalArgumentException("No SQL type for a filter value of " + value.getClass());
    }

    private static String text(Object value) {
        return value instanceof OffsetDateTime time ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) : value.toString();
    }
}
