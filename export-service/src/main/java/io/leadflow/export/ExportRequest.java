package io.leadflow.export;

import io.leadflow.events.http.ProblemException;
import io.leadflow.events.query.LeadFilter;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a caller asked to export.
 *
 * @param filter       which leads, in which order: the filters of {@code GET /api/leads}
 * @param markExported whether the exported leads are marked {@code exported} once the file is delivered
 * @param zone         the zone of the file's dates and times, and of {@code from}/{@code to}: {@code tz}, as the
 *                     API reads it, else the configured {@code leadflow.timezone}
 */
public record ExportRequest(LeadFilter filter, boolean markExported, ZoneId zone) {

    /** The parameter that asks for the exported leads to be marked. */
    public static final String MARK_EXPORTED = "mark_exported";

    /**
     * Reads a request from query parameters. Parameters the exports do not know are ignored, as the query API
     * ignores its own paging parameters here.
     *
     * @throws ProblemException a 400 naming the parameter that is wrong
     */
    public static ExportRequest parse(Map<String, List<String>> parameters, ZoneId defaultZone) {
        List<String> tz = parameters.getOrDefault("tz", List.of());
        if (tz.size() > 1) {
            throw ProblemException.invalidField("tz", "tz may be given once");
        }
        ZoneId zone = LeadFilter.zone(tz.isEmpty() ? null : tz.get(0), defaultZone);
        LeadFilter filter = LeadFilter.parse(parameters, zone);
        return new ExportRequest(filter, markExported(parameters.getOrDefault(MARK_EXPORTED, List.of())), zone);
    }

    private static boolean markExported(List<String> values) {
        if (values.size() > 1) {
            throw ProblemException.invalidField(MARK_EXPORTED, MARK_EXPORTED + " may be given once");
        }
        String value = values.isEmpty() ? "" : values.get(0).strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "false" -> false;
            case "true" -> true;
            default -> throw ProblemException.invalidField(MARK_EXPORTED, MARK_EXPORTED + " must be true or false");
        };
    }
}
