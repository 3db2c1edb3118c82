package io.leadflow.testinfra.generate;

/** Rows for {@code COPY … (FORMAT csv)}: every value quoted, a null left empty (COPY's NULL). */
final class Csv {

    private Csv() {
    }

    static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            String text = value.toString();
            out.append('"');
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (ch == '"') {
                    out.append('"');
                }
                out.append(ch);
            }
            out.append('"');
        }
        out.append('\n');
    }
}
