package io.leadflow.scoring.repository;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.model.Contact;
import io.leadflow.scoring.model.Conversation;
import io.leadflow.scoring.model.ScoringEngine.ConversationScore;
import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.Signal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadflow.scoring.repository.SqlParams.ints;
import static io.leadflow.scoring.repository.SqlParams.longs;
import static io.leadflow.scoring.repository.SqlParams.texts;
import static io.leadflow.scoring.repository.SqlParams.time;
import static io.leadflow.scoring.repository.SqlParams.tuple;

/**
 * Rescores stored leads from their conversations with the model as configured now: after the weights or
 * thresholds changed, and as quiet leads cool down. Each call is one short transaction over a few hundred leads,
 * locked in id order like intake locks them, so intake goes on meanwhile. Writes only the score columns
 * (intent, urgency, score, quality, score_breakdown, scored_at, updated_at).
 */
@ApplicationScoped
public class LeadRescorer {

    private static final String ALL_AFTER = "SELECT id FROM leads WHERE id > $1 ORDER BY id LIMIT $2";

    /**
     * Quiet leads whose breakdown was computed before they had lost all that silence takes: their decay may have
     * moved on since.
     */
    private static final String QUIET_AFTER = "SELECT id FROM leads WHERE id > $1 AND last_message_at < $2 "
            + "AND scored_at < last_message_at + $3::bigint * interval '1 second' ORDER BY id LIMIT $4";

    private static final String LOCK = "SELECT id, user_name, user_phone, user_email, channel, message, intent, urgency, "
            + "last_message_at FROM leads WHERE id = ANY($1) ORDER BY id FOR UPDATE";

    /**
     * Writes a new breakdown where it changed, and marks as scored the leads that have decayed all they can, so
     * the sweep leaves them alone from then on.
     */
    private static final String UPDATE = "UPDATE leads SET intent = u.u_intent, urgency = u.u_urgency, score = u.u_score, "
            + "quality = u.u_quality, score_breakdown = u.u_breakdown::jsonb, updated_at = now(), scored_at = $7 "
            + "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[]) "
            + "AS u(u_id, u_intent, u_urgency, u_score, u_quality, u_breakdown) "
            + "WHERE leads.id = u.u_id AND (leads.score_breakdown IS DISTINCT FROM u.u_breakdown::jsonb "
            + "OR $7 >= leads.last_message_at + $8::bigint * interval '1 second') "
            + "RETURNING id";

    private final Pool pool;
    private final ScoringEngine engine;

    public LeadRescorer(Pool pool, ScoringEngine engine) {
        this.pool = pool;
        this.engine = engine;
    }

    /** The ids of the next leads after {@code afterId}, in id order. */
    public Uni<List<Long>> allAfter(long afterId, int limit) {
        return ids(ALL_AFTER, tuple(afterId, (long) limit));
    }

    /** The ids of the next quiet leads after {@code afterId} whose decay may have moved on by {@code now}. */
    public Uni<List<Long>> quietAfter(long afterId, int limit, Instant now) {
        return ids(QUIET_AFTER, tuple(afterId, time(now.minus(engine.model().decay().grace())),
                fullyDecayedSeconds(), (long) limit));
    }

    /** Rescores the leads as of {@code now} in one transaction; answers how many changed. */
    public Uni<Integer> rescore(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(tuple((Object) ids.toArray(Long[]::new)))
                .chain(rows -> {
                    List<Row> leads = new ArrayList<>();
                    rows.forEach(leads::add);
                    Duration window = engine.model().conversationWindow();
                    Map<Long, Instant> since = new HashMap<>();
                    leads.forEach(row -> since.put(row.getLong("id"),
                            Conversation.windowStart(row.getOffsetDateTime("last_message_at").toInstant(), window)));
                    return ConversationHistory.since(tx, since).chain(history -> update(tx, leads, history, now));
                }));
    }

    private Uni<Integer> update(SqlConnection tx, List<Row> leads, Map<Long, List<Signal>> history, Instant now) {
        if (leads.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Rescored> rescored = new ArrayList<>();
        for (Row lead : leads) {
            long id = lead.getLong("id");
            List<Signal> signals = history.getOrDefault(id, List.of());
            rescored.add(new Rescored(id, engine.score(
                    new Contact(lead.getString("user_name"), lead.getString("user_phone"), lead.getString("user_email")),
                    signals.isEmpty() ? List.of(recorded(lead)) : signals, now)));
        }
        return tx.preparedQuery(UPDATE).execute(tuple(
                        longs(rescored, Rescored::id),
                        texts(rescored, r -> r.score().input().intent().label()),
                        texts(rescored, r -> r.score().input().urgency().label()),
                        ints(rescored, r -> r.score().breakdown().score()),
                        texts(rescored, r -> r.score().breakdown().quality().name()),
                        texts(rescored, r -> EventJson.write(r.score().breakdown())),
                        time(now), fullyDecayedSeconds()))
                .map(RowSet::rowCount);
    }

    /** A lead with no analysed message in the database (imported as a row): what its row says is its one signal. */
    private static Signal recorded(Row lead) {
        return Signal.of(lead.getOffsetDateTime("last_message_at").toInstant(),
                Channel.fromLabel(lead.getString("channel")).orElse(Channel.WEBSITE),
                Intent.fromLabel(lead.getString("intent")).orElse(Intent.OTHER),
                Urgency.fromLabel(lead.getString("urgency")).orElse(Urgency.LOW),
                0, "the lead record", lead.getString("message"), null);
    }

    private long fullyDecayedSeconds() {
        return engine.model().decay().fullyDecayedAfter().toSeconds();
    }

    private Uni<List<Long>> ids(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }

    private record Rescored(long id, ConversationScore score) {
    }
}
