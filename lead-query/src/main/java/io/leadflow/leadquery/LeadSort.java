package io.leadflow.leadquery;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a list of leads is ordered: {@code sort=-score} (highest first), {@code sort=created_at} (oldest first)…
 * The lead id breaks ties in the same direction, so keyset pagination never skips or repeats a lead.
 */
public enum LeadSort {
    NEWEST("-created_at", "created_at", true),
    OLDEST("created_at", "created_at", false),
    SCORE_DESC("-score", "score", true),
    SCORE_ASC("score", "score", false),
    RECENT_ACTIVITY("-last_message_at", "last_message_at", true),
    LEAST_RECENT_ACTIVITY("last_message_at", "last_message_at", false);

    private final String parameter;
    private final String column;
    private final boolean descending;

    LeadSort(String parameter, String column, boolean descending) {
        this.parameter = parameter;
        this.column = column;
        this.descending = descending;
    }

    /** The value of the {@code sort} parameter, e.g. {@code -score}. */
    public String parameter() {
        return parameter;
    }

    /** The leads column sorted on. */
    public String column() {
        return column;
    }

    public boolean descending() {
        return descending;
    }

    /** {@code ORDER BY column DIR, id DIR} */
    public String orderBy() {
        String direction = descending ? "DESC" : "ASC";
        return "ORDER BY " + column + " " + direction + ", id " + direction;
    }

    public static Optional<LeadSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value.strip())).findFirst();
    }

    /** The accepted parameter values, comma-separated, for error messages. */
    public static String parameters() {
        return Arrays.stream(values()).map(LeadSort::parameter).collect(Collectors.joining(", "));
    }
}
