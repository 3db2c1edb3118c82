package io.leadflow.export;

import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.SharedView;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a caller asked to export.
 *
 * @param filter       which leads, in which order: the filters of {@code GET /api/leads}
 * @param markExported whether the exported leads are marked {@code exported} once the file is delivered: asked for
 *                     by a POST, never by a GET
 * @param zone         the zone of the file's dates and times, and of {@code from}/{@code to}: {@code tz}, as the
 *                     API reads it, else the configured {@code leadflow.timezone}
 * @param maskContacts whether phones, emails and the contacts in messages are masked, as a share link may ask
 */
public record ExportRequest(LeadFilter filter, boolean markExported, ZoneId zone, boolean maskContacts) {

    /** A request of a signed-in user, who sees contacts as they are. */
    public ExportRequest(LeadFilter filter, boolean markExported, ZoneId zone) {
        this(filter, markExported, zone, false);
    }

    /**
     * The parameter that once asked a GET to mark the exported leads. A GET never changes anything now, so when given it
     * must agree with the method: {@code true} only on a POST, {@code false} only on a GET.
     */
    public static final String MARK_EXPORTED = "mark_exported";

    /**
     * Reads a request from query parameters. Parameters the exports do not know are ignored, as the query API
     * ignores its own paging parameters here.
     *
     * @param markExported whether the request marks the leads it exports: a POST does, a GET does not
     * @throws ProblemException a 400 naming the parameter that is wrong
     */
    public static ExportRequest parse(Map<String, List<String>> parameters, ZoneId defaultZone, boolean markExported) {
        List<String> tz = parameters.getOrDefault("tz", List.of());
        if (tz.size() > 1) {
            throw ProblemException.invalidField("tz", "tz may be given once");
        }
        ZoneId zone = LeadFilter.zone(tz.isEmpty() ? null : tz.get(0), defaultZone);
        LeadFilter filter = LeadFilter.parse(parameters, zone);
        checkMarkExported(parameters.getOrDefault(MARK_EXPORTED, List.of()), markExported);
        return new ExportRequest(filter, markExported, zone);
    }

    /**
     * The download of a share link: exactly the link's leads, in the order a visitor asks for ({@code sort}, the one
     * parameter a visitor may give), in the link's zone, masked if the link says so, never marked.
     *
     * @throws ProblemException a 400 for a sort that is not one of the API's
     */
    public static ExportRequest shared(SharedView link, String sort, ZoneId businessZone) {
        return new ExportRequest(link.filter(businessZone, sort), false, link.zone(businessZone), link.maskContacts());
    }

    private static void checkMarkExported(List<String> values, boolean markExported) {
        if (values.size() > 1) {
            throw ProblemException.invalidField(MARK_EXPORTED, MARK_EXPORTED + " may be given once");
        }
        String value = values.isEmpty() ? "" : values.get(0).strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(String.valueOf(markExported))) {
            return;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw ProblemException.invalidField(MARK_EXPORTED, MARK_EXPORTED + " must be true or false");
        }
        throw ProblemException.invalidField(MARK_EXPORTED, markExported
                ? "A POST marks the leads it exports: to download them without marking, GET the same address."
                : "A GET never changes anything: to mark the exported leads, POST to the same address with the same "
                        + "filters and Content-Type: application/json.");
    }
}
