package io.leadflow.leadquery;

import io.leadflow.events.LeadView;
import io.leadflow.http.ProblemException;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a share link shows: the leads of its filters, nothing more, read-only, until it expires or is revoked.
 *
 * @param id           the link's id (not its token, which only its creator saw)
 * @param createdBy    who made it
 * @param createdAt    when
 * @param expiresAt    when it stops answering
 * @param filters      the {@code GET /api/leads} parameters it is scoped to, {@code tz} included
 * @param maskContacts whether phones and emails are masked ({@link ContactMask})
 * @param allowExport  whether its visitors may download CSV and Excel files of its leads
 */
public record SharedView(long id, String createdBy, Instant createdAt, Instant expiresAt,
                         Map<String, List<String>> filters, boolean maskContacts, boolean allowExport) {

    public SharedView {
        filters = Map.copyOf(filters);
    }

    /** Who is reading, in the audit log: {@code share:<id>}. */
    public String actor() {
        return "share:" + id;
    }

    /** The zone the link's dates are cut in: its own {@code tz}, else the business's. */
    public ZoneId zone(ZoneId businessZone) {
        List<String> tz = filters.getOrDefault("tz", List.of());
        return LeadFilter.zone(tz.isEmpty() ? null : tz.get(0), businessZone);
    }

    /**
     * The link's filter, in the order a visitor asks for ({@code sort}, or the link's own): whatever else a request
     * says, never more leads than these.
     */
    public LeadFilter filter(ZoneId businessZone, String sort) {
        LeadFilter own = LeadFilter.parse(filters, zone(businessZone));
        if (sort == null || sort.isBlank()) {
            return own;
        }
        return own.sortedBy(LeadSort.fromParameter(sort.strip()).orElseThrow(() ->
                ProblemException.invalidField("sort", "sort must be one of " + LeadSort.parameters())));
    }

    /** A lead as the link's visitors see it. */
    public LeadView show(LeadView lead) {
        return maskContacts ? ContactMask.lead(lead) : lead;
    }
}
