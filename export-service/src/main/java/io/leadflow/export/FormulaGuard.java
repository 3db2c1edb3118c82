package io.leadflow.export;

import java.util.stream.Collectors;

/**
 * Keeps spreadsheets from running cell text as a formula (OWASP CSV injection): a value that starts with
 * {@code = + - @}, their full-width forms {@code ＝ ＋ － ＠}, a tab or a carriage return is marked as text with a
 * leading apostrophe. Every text cell of both formats goes through this one rule, phone numbers included: see the
 * README's "Export" section.
 */
public final class FormulaGuard {

    /**
     * The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. Their full-width
     * forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) count too: Excel set up for East Asian input may read them as the
     * ASCII ones.
     */
    static final String TRIGGERS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private FormulaGuard() {
    }

    /** Whether a spreadsheet would read this value as a formula. */
    public static boolean triggers(String value) {
        return value != null && !value.isEmpty() && TRIGGERS.indexOf(value.charAt(0)) >= 0;
    }

    /** The value as CSV carries it: with a leading apostrophe when it {@linkplain #triggers triggers}. */
    public static String neutralised(String value) {
        return triggers(value) ? "'" + value : value;
    }

    /**
     * The same rule in SQL, for PostgreSQL to apply while it writes the CSV: {@code expression} is trusted SQL. The
     * first character is compared by its code ({@code ascii}, which in a UTF-8 database is the code point of any
     * character), which builds no string per cell as {@code left} does.
     */
    public static String neutralisedSql(String expression) {
        String triggers = TRIGGERS.chars().mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "CASE WHEN ascii(" + expression + ") IN (" + triggers + ") THEN '''' || " + expression
                + " ELSE " + expression + " END";
    }
}
