package io.leadflow.query.service;

import io.leadflow.access.AuditLog;
import io.leadflow.events.LeadView;
import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.BusinessZone;
import io.leadflow.leadquery.ContactMask;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.SharedView;
import io.leadflow.leadquery.SharedViews;
import io.leadflow.query.CreatedShare;
import io.leadflow.query.LeadDetail;
import io.leadflow.query.LeadPage;
import io.leadflow.query.NewShare;
import io.leadflow.query.ShareInfo;
import io.leadflow.query.SharedLead;
import io.leadflow.query.Stats;
import io.leadflow.query.config.AccessConfig;
import io.leadflow.query.config.StatsConfig;
import io.leadflow.query.repository.LeadListQuery;
import io.leadflow.query.repository.LeadQueries;
import io.leadflow.query.repository.ShareQueries;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Share links: made by admins and agents from a view's filters, listed and revoked; opened by anyone holding one,
 * who sees that view's leads (masked when the link says so) and nothing else, whatever they ask for.
 */
@ApplicationScoped
public class Shares {

    /** The parameters of {@code GET /api/leads} a link may be scoped by. */
    static final Set<String> FILTER_KEYS = Set.of("quality", "channel", "intent", "status", "from", "to", "min_score",
            "max_score", "q", "sort", "tz");

    private final ShareQueries shares;
    private final Pool pool;
    private final LeadService leads;
    private final LeadQueries leadQueries;
    private final StatsService stats;
    private final LeadStream stream;
    private final AuditLog audit;
    private final AccessConfig access;
    private final StatsConfig statsConfig;
    private final BusinessZone businessZone;

    public Shares(ShareQueries shares, Pool pool, LeadService leads, LeadQueries leadQueries, StatsService stats,
                  LeadStream stream, AuditLog audit, AccessConfig access, StatsConfig statsConfig, BusinessZone businessZone) {
        this.shares = shares;
        this.pool = pool;
        this.leads = leads;
        this.leadQueries = leadQueries;
        this.stats = stats;
        this.stream = stream;
        this.audit = audit;
        this.access = access;
        this.statsConfig = statsConfig;
        this.businessZone = businessZone;
    }

    /** A new link to the leads of the request's filters; 400 naming what is wrong with it. */
    public Uni<CreatedShare> create(NewShare request, String actor, String address) {
        Map<String, List<String>> filters = filters(request.filters());
        Duration length = request.expiresInHours() == null ? access.shareLength()
                : Duration.ofHours(request.expiresInHours());
        if (length.isNegative() || length.isZero() || length.compareTo(access.maxShareLength()) > 0) {
            throw ProblemException.invalidField("expires_in_hours", "expires_in_hours must be between 1 and "
                    + access.maxShareLength().toHours());
        }
        boolean mask = request.maskContacts() == null || request.maskContacts();
        boolean export = request.allowExport() != null && request.allowExport();
        String token = SharedViews.newToken();
        return shares.insert(token, actor, Instant.now().plus(length), filters, mask, export)
                .call(view -> audit.record(actor, "share_created", String.valueOf(view.id()), address,
                        Map.of("filters", filters, "expires_at", view.expiresAt().toString(), "mask_contacts", mask,
                                "allow_export", export)))
                .map(view -> new CreatedShare(view.id(), "/s/" + token, view.expiresAt()));
    }

    /** The links still open: an admin's list holds everyone's, an agent's their own. */
    public Uni<List<ShareInfo>> open(String actor, boolean admin) {
        return shares.open(admin ? Optional.empty() : Optional.of(actor), Instant.now())
                .map(views -> views.stream().map(ShareInfo::of).toList());
    }

    /** Revokes a link at once: its creator or an admin may; 404 for no such link, 403 for someone else's. */
    public Uni<Void> revoke(long id, String actor, boolean admin, String address) {
        return shares.creator(id).chain(creator -> {
            if (creator.isEmpty()) {
                throw ProblemException.notFound("there is no share link " + id);
            }
            if (!admin && !creator.get().equals(actor)) {
                throw new ProblemException(403, "forbidden", "Forbidden",
                        "only the link's creator or an admin may revoke it", null);
            }
            return shares.revoke(id).call(() -> audit.record(actor, "share_revoked", String.valueOf(id), address, Map.of()));
        });
    }

    /** The link of a token, if it still answers; 404 or 410 otherwise. */
    public Uni<SharedView> view(String token) {
        return SharedViews.open(pool, token, Instant.now());
    }

    /** The link's description, for its page's banner; opening the page is audited. */
    public Uni<ShareInfo> opened(SharedView view, String address) {
        return audit.record(view.actor(), "share_used", String.valueOf(view.id()), address, Map.of("filters", view.filters()))
                .replaceWith(ShareInfo.of(view));
    }

    /** A page of the link's leads, in the order asked for (or the link's own). */
    public Uni<LeadPage> page(SharedView view, String sort, String cursor, int limit) {
        return leads.page(view.filter(businessZone.zone(), sort), cursor, limit)
                .map(page -> new LeadPage(page.leads().stream().map(view::show).toList(), page.nextCursor()));
    }

    /** One of the link's leads; 404 for a lead outside it, as for one that does not exist. */
    public Uni<SharedLead> lead(SharedView view, long id) {
        return leadQueries.list(LeadListQuery.pageOf(new Long[]{id}, view.filter(businessZone.zone(), null), null, 1))
                .chain(inScope -> {
                    if (inScope.isEmpty()) {
                        throw ProblemException.notFound("there is no lead " + id + " in this shared view");
                    }
                    return leads.detail(id);
                })
                .map(detail -> shared(view, detail));
    }

    /** The numbers of the link's leads, days cut in the link's zone. */
    public Uni<Stats> stats(SharedView view, String from, String to) {
        Instant now = Instant.now();
        DayRange range = DayRange.parse(view.zone(businessZone.zone()).getId(), from, to, businessZone.zone(), now,
                statsConfig.defaultDays(), statsConfig.maxDays());
        return stats.stats(view.filter(businessZone.zone(), null), range, now);
    }

    /**
     * The link's live stream: its leads only, shown as the link shows them. It ends when the link is revoked or
     * expires (checked at each heartbeat), so a revoked link's open page stops updating.
     */
    public Multi<LeadStream.Event> stream(SharedView view, String token, String lastEventId) {
        return stream.open(lastEventId, view.filter(businessZone.zone(), null))
                .onItem().transformToUniAndConcatenate(event -> {
                    if (event instanceof LeadStream.Heartbeat) {
                        return view(token).map(stillOpen -> Optional.of(event))
                                .onFailure(ProblemException.class).recoverWithItem(Optional.empty());
                    }
                    return Uni.createFrom().item(Optional.of(event instanceof LeadStream.LeadEvent lead
                            ? new LeadStream.LeadEvent(lead.id(), view.show(lead.lead())) : event));
                })
                .select().first(Optional::isPresent)
                .map(Optional::get);
    }

    private static SharedLead shared(SharedView view, LeadDetail detail) {
        LeadView lead = view.show(detail.lead());
        List<SharedLead.Message> messages = new ArrayList<>(detail.messages().size());
        for (LeadDetail.Message message : detail.messages()) {
            messages.add(new SharedLead.Message(message.id(), message.channel(),
                    view.maskContacts() ? ContactMask.text(message.text()) : message.text(),
                    view.maskContacts() ? ContactMask.text(message.subject()) : message.subject(), message.createdAt()));
        }
        return new SharedLead(lead, detail.scoreBreakdown(), messages);
    }

    /** A request's filters as the table keeps them, checked as {@code GET /api/leads} checks its parameters. */
    Map<String, List<String>> filters(Map<String, Object> requested) {
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (requested != null) {
            requested.forEach((name, value) -> {
                if (!FILTER_KEYS.contains(name)) {
                    throw ProblemException.invalidField("filters." + name, "a share link's filters are those of "
                            + "GET /api/leads: " + String.join(", ", FILTER_KEYS.stream().sorted().toList()));
                }
                List<String> values = new ArrayList<>();
                if (value instanceof List<?> list) {
                    list.forEach(item -> values.add(scalar(name, item)));
                } else if (value != null) {
                    values.add(scalar(name, value));
                }
                if (!values.isEmpty()) {
                    filters.put(name, List.copyOf(values));
                }
            });
        }
        List<String> tz = filters.getOrDefault("tz", List.of());
        LeadFilter.parse(filters, LeadFilter.zone(tz.size() == 1 ? tz.get(0) : null, businessZone.zone()));
        if (tz.size() > 1) {
            throw ProblemException.invalidField("filters.tz", "tz may be given once");
        }
        return filters;
    }

    private static String scalar(String name, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw ProblemException.invalidField("filters." + name, "each filter is a string or a list of strings");
    }
}
