package io.leadflow.export;

import io.leadflow.leadquery.ContactMask;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of every export, in file order: the seed's lead columns, then status, message count, last message
 * time and the score breakdown in words. PostgreSQL formats every value, so both formats show the same text.
 */
public final class ExportColumns {

    /**
     * What a column holds: numbers stay numbers in Excel; text, which people wrote or which quotes what they wrote,
     * is checked by the {@link FormulaGuard}; a label is text Leadflow writes itself from a fixed set or a format
     * (a channel, a grade, a time), which no formula can be in, so CSV spends nothing guarding it.
     */
    public enum Kind { NUMBER, TEXT, LABEL }

    /**
     * What a share link that masks contacts shows of a column ({@link ContactMask}, the one rule): the contact fields,
     * and the message, where people write theirs. Names stay; the score breakdown is Leadflow's own words (labels,
     * counts, the intent's provider), which quote no contact.
     */
    public enum Masking {
        NONE, EMAIL, PHONE, FREE_TEXT;

        String apply(String value) {
            return switch (this) {
                case NONE -> value;
                case EMAIL -> ContactMask.email(value);
                case PHONE -> ContactMask.phone(value);
                case FREE_TEXT -> ContactMask.text(value);
            };
        }
    }

    /**
     * One column.
     *
     * @param header  the header, in plain words
     * @param sql     the SQL expression over {@code leads} that gives the cell
     * @param kind    number or text
     * @param width   the Excel column width, in characters
     * @param masking what a link that masks contacts shows of it
     */
    public record Column(String header, String sql, Kind kind, int width, Masking masking) {

        /** A column no link masks. */
        public Column(String header, String sql, Kind kind, int width) {
            this(header, sql, kind, width, Masking.NONE);
        }
    }

    /** ISO 8601 with the offset of the session's time zone, which an export sets to the business's zone. */
    private static final String ISO_TIME = "'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM'";

    public static final List<Column> ALL = List.of(
            new Column("Lead ID", "id", Kind.NUMBER, 9),
            new Column("Name", "user_name", Kind.TEXT, 24),
            new Column("Email", "user_email", Kind.TEXT, 28, Masking.EMAIL),
            new Column("Phone", "user_phone", Kind.TEXT, 16, Masking.PHONE),
            new Column("Channel", "channel", Kind.LABEL, 10),
            new Column("Message", "message", Kind.TEXT, 60, Masking.FREE_TEXT),
            new Column("Intent", "intent", Kind.LABEL, 10),
            new Column("Urgency", "urgency", Kind.LABEL, 9),
            new Column("Score", "score", Kind.NUMBER, 7),
            new Column("Grade", "quality", Kind.LABEL, 7),
            new Column("Score breakdown", "score_summary", Kind.TEXT, 60),
            new Column("Status", "status", Kind.LABEL, 10),
            new Column("Messages", "message_count", Kind.NUMBER, 9),
            new Column("Received at", "to_char(created_at, " + ISO_TIME + ")", Kind.LABEL, 26),
            new Column("Last message at", "to_char(last_message_at, " + ISO_TIME + ")", Kind.LABEL, 26),
            new Column("Exported before", "CASE WHEN exported THEN 'yes' ELSE 'no' END", Kind.LABEL, 9));

    private ExportColumns() {
    }

    /** A row of {@link #ALL}'s values as a link that masks contacts shows it; {@code values} stays as it was. */
    public static Object[] masked(Object[] values) {
        Object[] masked = values.clone();
        for (int i = 0; i < masked.length; i++) {
            if (masked[i] instanceof String text) {
                masked[i] = ALL.get(i).masking().apply(text);
            }
        }
        return masked;
    }

    /** The SELECT list as PostgreSQL's CSV writer needs it: headers as column names, formulas neutralised. */
    public static String csvSelectList() {
        return ALL.stream()
                .map(c -> (c.kind() == Kind.TEXT ? FormulaGuard.neutralisedSql(c.sql()) : c.sql()) + " AS " + quoted(c.header()))
                .collect(Collectors.joining(", "));
    }

    /** The SELECT list as it is stored, for writers that mark formula-like text themselves. */
    public static String plainSelectList() {
        return ALL.stream().map(Column::sql).collect(Collectors.joining(", "));
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
