package io.leadflow.scoring.repository;

import io.leadflow.events.Channel;
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

import static io.leadflow.scoring.repository.SqlParams.time;
import static io.leadflow.scoring.repository.SqlParams.tuple;

/**
 * The statements rescoring runs (see {@code Rescoring}): which leads to rescore, and their score columns (intent,
 * urgency, score, quality, score_breakdown, scored_at, updated_at), the only ones it writes.
 */
@ApplicationScoped
public class RescoreRepository {

    private static final String ALL_AFTER = """
            SELECT id FROM leads WHERE id > $1 ORDER BY id LIMIT $2""";

    /**
     * Quiet leads whose breakdown was computed before they had lost all that silence takes: their decay may have
     * moved on since.
     */
    private static final String QUIET_AFTER = """
            SELECT id FROM leads
            WHERE id > $1 AND last_message_at < $2 AND scored_at < last_message_at + $3::bigint * interval '1 second'
            ORDER BY id LIMIT $4""";

    private static final String LOCK = """
            SELECT id, user_name, user_phone, user_email, channel, message, intent, urgency, last_message_at
            FROM leads WHERE id = ANY($1) ORDER BY id FOR UPDATE""";

    private static final Columns<Map.Entry<Long, ConversationScore>> LEAD_ID = Columns.<Map.Entry<Long, ConversationScore>>of()
            .bigint("id", Map.Entry::getKey);

    /** The columns rescoring writes besides scored_at and updated_at. */
    private static final Columns<Map.Entry<Long, ConversationScore>> SCORE = Columns.<Map.Entry<Long, ConversationScore>>of()
            .text("intent", lead -> lead.getValue().input().intent().label())
            .text("urgency", lead -> lead.getValue().input().urgency().label())
            .integer("score", lead -> lead.getValue().breakdown().score())
            .text("quality", lead -> lead.getValue().breakdown().quality().name())
            .json("score_breakdown", lead -> lead.getValue().breakdown());

    /**
     * Writes a new breakdown where it changed, and marks as scored the leads that have decayed all they can, so
     * the sweep leaves them alone from then on. $1 is when, $2 how long after its last message a lead has decayed
     * all it can (in seconds); the leads' columns follow.
     */
    private static final String UPDATE = """
            UPDATE leads SET %s, updated_at = now(), scored_at = $1
            FROM %s
            WHERE leads.id = u_id AND (leads.score_breakdown IS DISTINCT FROM u_score_breakdown::jsonb
                                       OR $1 >= leads.last_message_at + $2::bigint * interval '1 second')
            RETURNING id""".formatted(SCORE.assignments("u"), LEAD_ID.plus(SCORE).unnest("u", 3));

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
        return tx.preparedQuery(UPDATE)
                .execute(LEAD_ID.plus(SCORE).tuple(scores.entrySet(), time(now), fullyDecayedAfter.toSeconds()))
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
