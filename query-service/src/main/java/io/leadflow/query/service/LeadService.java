package io.leadflow.query.service;

import io.leadflow.access.AuditLog;
import io.leadflow.events.LeadView;
import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadSort;
import io.leadflow.query.Cursor;
import io.leadflow.query.LeadChange;
import io.leadflow.query.LeadDetail;
import io.leadflow.query.LeadPage;
import io.leadflow.query.config.ListConfig;
import io.leadflow.query.messaging.LeadUpdatePublisher;
import io.leadflow.query.repository.LeadListQuery;
import io.leadflow.query.repository.LeadQueries;
import io.leadflow.query.repository.LeadStatusWriter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Lists, details and status changes of leads. */
@ApplicationScoped
public class LeadService {


    private final LeadQueries queries;
    private final LeadStatusWriter writer;
    private final LeadUpdatePublisher publisher;
    private final ListConfig config;
    private final AuditLog audit;

    public LeadService(LeadQueries queries, LeadStatusWriter writer, LeadUpdatePublisher publisher, ListConfig config,
                       AuditLog audit) {
        this.queries = queries;
        this.writer = writer;
        this.publisher = publisher;
        this.config = config;
        this.audit = audit;
    }

    /** One page of the filter's leads, after {@code cursor} (a previous page's next_cursor) when given. */
    public Uni<LeadPage> page(LeadFilter filter, String cursor, int limit) {
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, filter.sort());
        Uni<List<LeadView>> found = filter.text() == null ? queries.list(LeadListQuery.page(filter, after, limit))
                : search(filter, after, limit);
        return found.map(leads -> {
            if (leads.size() <= limit) {
                return new LeadPage(leads, null);
            }
            List<LeadView> page = leads.subList(0, limit);
            return new LeadPage(List.copyOf(page), next(filter, page.get(limit - 1)).encode());
        });
    }

    /**
     * A search, the cheapest way first: among the first leads of the order, where a common text has its page; newest
     * first, among the leads of the first lead's day and the days before it, one day at a time; otherwise through the
     * trigram index.
     */
    private Uni<List<LeadView>> search(LeadFilter filter, Cursor after, int limit) {
        return queries.list(LeadListQuery.searchNearTop(filter, after, limit, config.searchCandidates()))
                .chain(nearTop -> nearTop.size() > limit ? Uni.createFrom().item(nearTop)
                        : filter.sort() == LeadSort.NEWEST ? newestDayFirst(filter, after, limit)
                        : searchIndexed(filter, after, limit));
    }

    /**
     * Newest first: the matches on the day of the first lead after the cursor, then on each day before it (the
     * day-keyed index reads only that day's), until the page is full or {@code search-days} days are read; the leads
     * before those days through the trigram index. A text common in older leads but not in the newest ones (a
     * campaign's burst of webhooks, a quiet day) is found here without collecting every lead it is in.
     */
    private Uni<List<LeadView>> newestDayFirst(LeadFilter filter, Cursor after, int limit) {
        return queries.list(LeadListQuery.page(filter.withText(null), after, 0))
                .chain(first -> first.isEmpty() ? Uni.createFrom().item(List.<LeadView>of())
                        : dayByDay(filter, after, limit, LeadListQuery.day(first.get(0).createdAt()), config.searchDays()));
    }

    private Uni<List<LeadView>> dayByDay(LeadFilter filter, Cursor after, int limit, long day, int days) {
        if (days <= 0) {
            return searchIndexed(filter.before(LeadListQuery.dayStart(day + 1)), null, limit);
        }
        return queries.listByIndexKeys(LeadListQuery.searchDay(filter, after, limit, day))
                .chain(sameDay -> sameDay.size() > limit ? Uni.createFrom().item(sameDay)
                        : dayByDay(filter, null, limit - sameDay.size(), day - 1, days - 1)
                        .map(earlier -> concat(sameDay, earlier)));
    }

    /** A search through the trigram index: its candidates paged in order, or, when there are too many, the walk. */
    private Uni<List<LeadView>> searchIndexed(LeadFilter filter, Cursor after, int limit) {
        return queries.searchCandidates(LeadListQuery.searchCandidates(filter, config.searchCandidates()), config.searchCandidates())
                .chain(candidates -> queries.list(candidates.isPresent()
                        ? LeadListQuery.pageOf(candidates.get(), filter, after, limit)
                        : LeadListQuery.page(filter, after, limit)));
    }

    /** The newest leads first. */
    public Uni<List<LeadView>> newest(int limit) {
        return queries.newest(limit);
    }

    public Uni<LeadDetail> detail(long id) {
        return queries.detail(id, config.detailItems())
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("there is no lead " + id)));
    }

    /** Applies the change, publishes it (so every live view shows it), and answers the lead as it is now. */
    public Uni<LeadDetail> change(long id, LeadChange.Valid change, String actor, String address) {
        return writer.change(id, change)
                .map(changed -> changed.orElseThrow(() -> ProblemException.notFound("there is no lead " + id)))
                .call(changed -> publisher.publish(changed, change.note()))
                .call(changed -> audit.record(actor, "lead_changed", String.valueOf(id), address, change.audited()))
                .chain(changed -> detail(id));
    }

    private static List<LeadView> concat(List<LeadView> first, List<LeadView> then) {
        List<LeadView> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }

    private static Cursor next(LeadFilter filter, LeadView last) {
        Object value = switch (filter.sort().column()) {
            case "score" -> last.score();
            case "last_message_at" -> last.lastMessageAt();
            default -> last.createdAt();
        };
        return Cursor.after(filter.sort(), value, last.id());
    }
}
