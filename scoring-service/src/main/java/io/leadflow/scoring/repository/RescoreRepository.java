package io.leadflow.scoring.repository;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.RecordedLead;
import io.leadflow.scoring.model.Contact;
import io.leadflow.scoring.model.ScoringEngine.ConversationScore;
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
import java.util.List;
import java.util.Map;

import static io.leadflow.scoring.repository.SqlParams.ints;
import static io.leadflow.scoring.repository.SqlParams.longs;
import static io.leadflow.scoring.repository.SqlParams.texts;
import static io.leadflow.scoring.repository.SqlParams.time;
import static io.leadflow.scoring.repository.SqlParams.tuple;

/**
 * The statements rescoring runs (see {@code Rescoring}): which leads to rescore, and their score columns (intent,
 * urgency, score, quality, score_breakdown, scored_at, updated_at), the only ones it writes.
 */
@ApplicationScoped
public class RescoreRepository {

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

    public RescoreRepository(Pool pool) {
        this.pool = pool;
    }

    /** The ids of the next leads after {@code afterId}, in id order. */
    public Uni<List<Long>> allAfter(long afterId, int limit) {
        return ids(ALL_AFTER, tuple(afterId, (long) limit));
    }

    /**
     * The ids of the next leads after {@code afterId}, in id order, quiet since before {@code quietSince} and scored
     * before they were quiet for {@code fullyDecayedAfter}.
     */
    public Uni<List<Long>> quietAfter(long afterId, int limit, Instant quietSince, Duration fullyDecayedAfter) {
        return ids(QUIET_AFTER, tuple(afterId, time(quietSince), fullyDecayedAfter.toSeconds(), (long) limit));
    }

    /** Locks the leads in id order, like intake locks them; answers those that exist. */
    public Uni<List<RecordedLead>> lock(SqlConnection tx, List<Long> ids) {
        return tx.preparedQuery(LOCK).execute(tuple((Object) ids.toArray(Long[]::new))).map(rows -> {
            List<RecordedLead> leads = new ArrayList<>();
            rows.forEach(row -> leads.add(new RecordedLead(row.getLong("id"),
                    new Contact(row.getString("user_name"), row.getString("user_phone"), row.getString("user_email")),
                    recorded(row))));
            return leads;
        });
    }

    /**
     * Writes each lead's new score as computed at {@code now} where its breakdown changed, or where the lead has been
     * quiet for {@code fullyDecayedAfter} by then; answers how many leads were written.
     */
    public Uni<Integer> write(SqlConnection tx, Map<Long, ConversationScore> scores, Instant now, Duration fullyDecayedAfter) {
        List<Map.Entry<Long, ConversationScore>> rescored = new ArrayList<>(scores.entrySet());
        return tx.preparedQuery(UPDATE).execute(tuple(
                        longs(rescored, Map.Entry::getKey),
                        texts(rescored, r -> r.getValue().input().intent().label()),
                        texts(rescored, r -> r.getValue().input().urgency().label()),
                        ints(rescored, r -> r.getValue().breakdown().score()),
                        texts(rescored, r -> r.getValue().breakdown().quality().name()),
                        texts(rescored, r -> EventJson.write(r.getValue().breakdown())),
                        time(now), fullyDecayedAfter.toSeconds()))
                .map(RowSet::rowCount);
    }

    /** What a lead's row says of its latest message, as a signal. */
    private static Signal recorded(Row lead) {
        return Signal.of(lead.getOffsetDateTime("last_message_at").toInstant(),
                Channel.fromLabel(lead.getString("channel")).orElse(Channel.WEBSITE),
                Intent.fromLabel(lead.getString("intent")).orElse(Intent.OTHER),
                Urgency.fromLabel(lead.getString("urgency")).orElse(Urgency.LOW),
                0, "the lead record", lead.getString("message"), null);
    }

    private Uni<List<Long>> ids(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<Long> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }
}
