package io.leadflow.scoring.service;

import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadView;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.scoring.BatchPlan;
import io.leadflow.scoring.BatchPlan.LeadRow;
import io.leadflow.scoring.Identity;
import io.leadflow.scoring.MessageKey;
import io.leadflow.scoring.ScoredLead;
import io.leadflow.scoring.StoredLead;
import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.repository.ConversationHistory;
import io.leadflow.scoring.repository.IntakeRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores a batch of analysed messages into their leads in one transaction, with one multi-row statement per
 * table. Under transaction locks on every sender identifier and message key of the batch (so concurrent batches
 * about the same person wait for each other, and the identity table, not a race, decides who a message belongs
 * to), it reads what is stored, lets {@link BatchPlanner} decide, and writes the plan. Identifiers written in a
 * message are only recorded ({@code lead_written_identity}), so they need no lock. A message already stored
 * changes nothing and yields its lead again, so a redelivered batch re-publishes what a crash kept from being
 * published. Never writes status, notes, owner or exported.
 */
@ApplicationScoped
public class LeadIntake {

    private final Pool pool;
    private final IntakeRepository db;
    private final ScoringEngine engine;
    private final BatchPlanner planner;

    public LeadIntake(Pool pool, IntakeRepository db, ScoringEngine engine) {
        this.pool = pool;
        this.db = db;
        this.engine = engine;
        this.planner = new BatchPlanner(engine);
    }

    /**
     * Stores the batch in one transaction and answers, for each message of the batch in its order, its lead as
     * it is after the batch.
     *
     * @throws IllegalArgumentException (as the Uni's failure) for a message no lead can be made of
     * @throws LeadMovedException       when a concurrent merge moved a lead this batch resolved: retry
     */
    public Uni<List<LeadScored>> store(List<LeadAnalyzed> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Instant now = Instant.now();
        Map<MessageKey, LeadAnalyzed> distinct = new LinkedHashMap<>();
        batch.forEach(event -> distinct.putIfAbsent(MessageKey.of(event), event));
        List<LeadAnalyzed> events = new ArrayList<>(distinct.values());
        return pool.withTransaction(tx -> db.lock(tx, lockKeys(events))
                        .chain(() -> db.storedMessages(tx, distinct.keySet()))
                        .chain(stored -> writeNew(tx, events, stored, now)))
                .map(written -> batch.stream().map(written::scored).toList());
    }

    private static Set<String> lockKeys(List<LeadAnalyzed> events) {
        Set<String> keys = new LinkedHashSet<>();
        for (LeadAnalyzed event : events) {
            keys.add(MessageKey.of(event).lockKey());
            Identity.of(event).forEach(identity -> keys.add(identity.lockKey()));
        }
        return keys;
    }

    private Uni<Written> writeNew(SqlConnection tx, List<LeadAnalyzed> events, Map<MessageKey, Long> stored, Instant now) {
        List<LeadAnalyzed> fresh = events.stream().filter(e -> !stored.containsKey(MessageKey.of(e))).toList();
        if (fresh.isEmpty()) {
            return reread(tx, stored, Map.of());
        }
        Set<Identity> identities = new LinkedHashSet<>();
        fresh.forEach(event -> {
            identities.addAll(Identity.of(event));
            identities.addAll(Identity.written(event));
        });
        return db.owners(tx, identities).chain(owners -> {
            BatchPlanner.Grouping grouping = BatchPlanner.group(fresh, owners);
            return lockLeads(tx, grouping.leadIds())
                    .chain(leads -> ConversationHistory.since(tx, grouping.historySince(leads, engine.model().conversationWindow()))
                            .chain(history -> db.newIds(tx, grouping.newLeadCount())
                                    .map(ids -> planner.plan(grouping, owners, leads, history, ids, now))));
        }).chain(plan -> apply(tx, plan).chain(written -> {
            Map<Long, Long> mergedInto = new HashMap<>();
            plan.merges().forEach(merge -> mergedInto.put(merge.mergedId(), merge.intoId()));
            Map<MessageKey, Long> leadOf = new HashMap<>(plan.leadOf());
            stored.forEach((key, leadId) -> leadOf.put(key, mergedInto.getOrDefault(leadId, leadId)));
            return reread(tx, leadOf, written);
        }));
    }

    /** Locks the leads the batch touches; all must still exist. */
    private Uni<Map<Long, StoredLead>> lockLeads(SqlConnection tx, Set<Long> ids) {
        return db.lockLeads(tx, ids).map(leads -> {
            if (!leads.keySet().containsAll(ids)) {
                throw new LeadMovedException("a lead of this batch was merged by a concurrent transaction");
            }
            return leads;
        });
    }

    /** Runs the plan's statements, one per table, and answers the written leads by id. */
    private Uni<Map<Long, ScoredLead>> apply(SqlConnection tx, BatchPlan plan) {
        Map<Long, ScoredLead> written = new HashMap<>();
        return db.merge(tx, plan.merges())
                .chain(() -> db.insertLeads(tx, plan.inserts()).invoke(views -> collect(views, plan.inserts(), written)))
                .chain(() -> db.updateLeads(tx, plan.updates()).invoke(views -> collect(views, plan.updates(), written)))
                .chain(() -> db.insertMessagesAndAnalyses(tx, plan.messages()))
                .chain(() -> db.insertIdentities(tx, plan.identities()))
                .chain(() -> db.insertWritten(tx, plan.written()))
                .chain(() -> db.insertNames(tx, plan.names()))
                .replaceWith(written);
    }

    private static void collect(List<LeadView> views, List<LeadRow> rows, Map<Long, ScoredLead> written) {
        Map<Long, ScoreBreakdown> breakdowns = new HashMap<>();
        rows.forEach(row -> breakdowns.put(row.id(), row.breakdown()));
        views.forEach(view -> written.put(view.id(), new ScoredLead(view, breakdowns.get(view.id()))));
    }

    /** Reads the leads of already-stored messages that this batch did not write. */
    private Uni<Written> reread(SqlConnection tx, Map<MessageKey, Long> leadOf, Map<Long, ScoredLead> written) {
        Set<Long> missing = new LinkedHashSet<>(leadOf.values());
        missing.removeAll(written.keySet());
        if (missing.isEmpty()) {
            return Uni.createFrom().item(new Written(leadOf, written));
        }
        return db.scoredLeads(tx, missing).map(read -> {
            Map<Long, ScoredLead> all = new HashMap<>(written);
            all.putAll(read);
            if (!all.keySet().containsAll(missing)) {
                throw new LeadMovedException("the lead of a stored message was merged by a concurrent transaction");
            }
            return new Written(leadOf, all);
        });
    }

    /** Each message's lead, and each lead as it is after the batch. */
    private record Written(Map<MessageKey, Long> leadOf, Map<Long, ScoredLead> leads) {

        LeadScored scored(LeadAnalyzed event) {
            LeadMessage message = event.message();
            ScoredLead lead = leads.get(leadOf.get(MessageKey.of(event)));
            return new LeadScored(message.messageId(), message.leadKey(), message.channel(), message.receivedAt(), lead.lead(), lead.breakdown());
        }
    }
}
