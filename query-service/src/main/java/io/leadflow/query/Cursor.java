package io.leadflow.query;

import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.LeadSort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of leads ends, for keyset pagination: the sort, and the last lead's sort value and id. The next
 * page holds the leads after that position, so leads that arrive meanwhile neither shift nor repeat rows.
 * Opaque to clients (URL-safe base64 of {@code sort|value|id}).
 *
 * @param sort  the order the cursor belongs to
 * @param value the last lead's sort value: an instant (ISO-8601) or a score
 * @param id    the last lead's id
 */
public record Cursor(LeadSort sort, String value, long id) {

    /** The cursor after a lead whose sort column holds {@code value}. */
    public static Cursor after(LeadSort sort, Object value, long id) {
        return new Cursor(sort, value.toString(), id);
    }

    public String encode() {
        String plain = sort.parameter() + "|" + value + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor made for {@code sort}.
     *
     * @throws ProblemException a 400 naming {@code cursor} when it is not one of ours, or was made for another sort
     */
    public static Cursor decode(String encoded, LeadSort sort) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != 3) {
            throw invalid();
        }
        LeadSort cursorSort = LeadSort.fromParameter(parts[0]).orElseThrow(Cursor::invalid);
        if (cursorSort != sort) {
            throw ProblemException.invalidField("cursor",
                    "cursor belongs to sort=" + cursorSort.parameter() + ", not sort=" + sort.parameter() + "; start again without cursor");
        }
        try {
            long id = Long.parseLong(parts[2]);
            if ("score".equals(sort.column())) {
                Integer.parseInt(parts[1]);
            } else {
                Instant.parse(parts[1]);
            }
            return new Cursor(sort, parts[1], id);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid();
        }
    }

    /** The sort value as the database parameter it compares with. */
    public Object boundValue() {
        return "score".equals(sort.column()) ? Integer.parseInt(value)
                : Instant.parse(value).atOffset(java.time.ZoneOffset.UTC);
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("cursor", "cursor is not a next_cursor this API gave out");
    }
}
