package io.leadflow.export.service;

/** Cell values that are safe to open in a spreadsheet. */
public final class CsvCells {

    private CsvCells() {
    }

    /**
     * Neutralises a value a spreadsheet would run as a formula (OWASP CSV injection): one that starts with
     * {@code = + - @}, a tab or a carriage return gets a leading apostrophe.
     */
    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
