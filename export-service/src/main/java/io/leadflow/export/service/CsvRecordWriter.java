package io.leadflow.export.service;

import io.leadflow.export.ExportColumns;
import io.leadflow.export.FormulaGuard;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes CSV records exactly as the database's path writes them: PostgreSQL's {@code COPY (FORMAT csv)} quoting
 * (a field is quoted when it holds a comma, a quote, a CR or a LF, or is the empty string, which tells it from a
 * null; quotes are doubled), text cells formula-guarded ({@link FormulaGuard}, as
 * {@link ExportColumns#csvSelectList()} does in SQL), records ended with CRLF (as {@link CrlfRecords} ends COPY's).
 * Hand-written rather than Commons CSV, whose minimal quoting follows other rules: the two paths give the same bytes.
 */
final class CsvRecordWriter {

    private final Writer out;
    private final List<ExportColumns.Column> columns;

    CsvRecordWriter(Writer out, List<ExportColumns.Column> columns) {
        this.out = out;
        this.columns = List.copyOf(columns);
    }

    /** The header line: the columns' headers, quoted by the same rule. */
    void header() throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            field(i, columns.get(i).header());
        }
        out.write("\r\n");
    }

    /** A record: the values of the columns, a {@code Long} for a number, a {@code String} for text, or null. */
    void record(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            String text = value == null ? null : value.toString();
            field(i, columns.get(i).kind() == ExportColumns.Kind.TEXT ? FormulaGuard.neutralised(text) : text);
        }
        out.write("\r\n");
    }

    private void field(int index, String text) throws IOException {
        if (index > 0) {
            out.write(',');
        }
        if (text == null) {
            return;
        }
        if (!needsQuotes(text)) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }
}
