package io.leadflow.query.repository;

import io.leadflow.events.LeadView;
import io.leadflow.leadquery.LeadRows;
import io.leadflow.leadquery.LeadSql;
import io.leadflow.query.LeadDetail;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads of the leads table for the dashboard's API. */
@ApplicationScoped
public class LeadQueries {

    /**
     * The leads that hold, as their sender's own (lead_identity), a phone or email this lead wrote, and the leads
     * that wrote one this lead holds: both ways of lead_written_identity, each by its own index.
     */
    private static final String POSSIBLE_DUPLICATES = "SELECT d.lead_id, l.user_name, d.kind, d.value, d.found_in, d.found_at "
            + "FROM (SELECT i.lead_id, w.kind, w.value, 'this_lead' AS found_in, w.created_at AS found_at "
            + "FROM lead_written_identity w JOIN lead_identity i ON i.kind = w.kind AND i.value = w.value "
            + "WHERE w.lead_id = $1 AND i.lead_id <> $1 "
            + "UNION ALL SELECT w.lead_id, w.kind, w.value, 'other_lead', w.created_at "
            + "FROM lead_identity i JOIN lead_written_identity w ON w.kind = i.kind AND w.value = i.value "
            + "WHERE i.lead_id = $1 AND w.lead_id <> $1) AS d "
            + "JOIN leads l ON l.id = d.lead_id ORDER BY d.found_at DESC, d.lead_id DESC LIMIT $2";

    private final Pool pool;

    public LeadQueries(Pool pool) {
        this.pool = pool;
    }

    /** The newest leads first. */
    public Uni<List<LeadView>> newest(int limit) {
        return pool.preparedQuery("SELECT " + LeadRows.COLUMNS + " FROM leads ORDER BY created_at DESC, id DESC LIMIT $1")
                .execute(Tuple.of(limit))
                .map(rows -> map(rows, LeadRows::view));
    }

    /** The leads a prepared statement selects, in its order. */
    public Uni<List<LeadView>> list(LeadSql.Fragment query) {
        return pool.preparedQuery(query.sql()).execute(Tuple.from(query.params())).map(rows -> map(rows, LeadRows::view));
    }

    /**
     * The leads a search's statement selects, planned with bitmap scans only: the trigram indexes then answer by
     * their keys, however many leads the planner guesses the text is in (it cannot tell from its statistics).
     */
    public Uni<List<LeadView>> listByIndexKeys(LeadSql.Fragment query) {
        return withBitmapScansOnly(query, rows -> map(rows, LeadRows::view));
    }

    /**
     * The ids a search's candidate query selects, with bitmap scans only (the trigram index), or empty when there
     * are more than {@code cap}.
     */
    public Uni<Optional<Long[]>> searchCandidates(LeadSql.Fragment query, int cap) {
        return withBitmapScansOnly(query, rows -> {
            if (rows.size() > cap) {
                return Optional.<Long[]>empty();
            }
            Long[] ids = new Long[rows.size()];
            int i = 0;
            for (Row row : rows) {
                ids[i++] = row.getLong("id");
            }
            return Optional.of(ids);
        });
    }

    private <T> Uni<T> withBitmapScansOnly(LeadSql.Fragment query, Function<RowSet<Row>, T> mapper) {
        return pool.withTransaction(tx -> tx.query("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off").execute()
                .chain(() -> tx.preparedQuery(query.sql()).execute(Tuple.from(query.params())))
                .map(mapper));
    }

    /** The lead with its detail, or empty when there is no such lead. */
    public Uni<Optional<LeadDetail>> detail(long id, int items) {
        Uni<Optional<Row>> lead = pool.preparedQuery("SELECT " + LeadRows.COLUMNS
                        + ", notes, updated_at, score_breakdown::text AS score_breakdown FROM leads WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
        Uni<List<LeadDetail.Message>> messages = pool.preparedQuery("SELECT id, channel, processed_msg, original_msg, "
                        + "metadata->>'subject' AS subject, (metadata->'attachments')::text AS attachments, created_at "
                        + "FROM message WHERE lead_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(id, items))
                .map(rows -> oldestFirst(map(rows, row -> new LeadDetail.Message(row.getLong("id"), row.getString("channel"),
                        row.getString("processed_msg"), row.getString("original_msg"), row.getString("subject"),
                        row.getString("attachments"), instant(row.getOffsetDateTime("created_at"))))));
        Uni<List<LeadDetail.Analysis>> analyses = pool.preparedQuery("SELECT message_id, intent, urgency, category, "
                        + "sentiment, confidence, language, extracted_data::text AS extracted_data, provider, "
                        + "attempts::text AS attempts, latency_ms, input_tokens, output_tokens, created_at "
                        + "FROM lead_analysis WHERE lead_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(id, items))
                .map(rows -> oldestFirst(map(rows, row -> new LeadDetail.Analysis(row.getLong("message_id"),
                        row.getString("intent"), row.getString("urgency"), row.getString("category"),
                        row.getString("sentiment"), row.getInteger("confidence"), row.getString("language"),
                        row.getString("extracted_data"), row.getString("provider"), row.getString("attempts"),
                        row.getInteger("latency_ms"), row.getInteger("input_tokens"), row.getInteger("output_tokens"),
                        instant(row.getOffsetDateTime("created_at"))))));
        Uni<List<LeadDetail.Activity>> activity = pool.preparedQuery("SELECT status_from, status_to, note, created_at "
                        + "FROM lead_activity WHERE lead_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
                .execute(Tuple.of(id, items))
                .map(rows -> oldestFirst(map(rows, row -> new LeadDetail.Activity(row.getString("status_from"),
                        row.getString("status_to"), row.getString("note"), instant(row.getOffsetDateTime("created_at"))))));
        Uni<List<LeadDetail.PossibleDuplicate>> duplicates = pool.preparedQuery(POSSIBLE_DUPLICATES)
                .execute(Tuple.of(id, items))
                .map(rows -> oldestFirst(map(rows, row -> new LeadDetail.PossibleDuplicate(row.getLong("lead_id"),
                        row.getString("user_name"), row.getString("kind"), row.getString("value"),
                        row.getString("found_in"), instant(row.getOffsetDateTime("found_at"))))));
        return Uni.combine().all().unis(lead, messages, analyses, activity, duplicates).asTuple()
                .map(all -> all.getItem1().map(row -> new LeadDetail(LeadRows.view(row), row.getString("notes"),
                        instant(row.getOffsetDateTime("updated_at")), row.getString("score_breakdown"),
                        all.getItem2(), all.getItem3(), all.getItem4(), all.getItem5())));
    }

    /**
     * Leads written after a moment, oldest change first: what a reconnecting live stream missed. One more than
     * {@code limit} comes back when there are more.
     */
    public Uni<List<LeadView>> changedSince(Instant since, int limit) {
        return pool.preparedQuery("SELECT " + LeadRows.COLUMNS + " FROM leads WHERE updated_at > $1 "
                        + "ORDER BY updated_at, id LIMIT $2")
                .execute(Tuple.of(since.atOffset(ZoneOffset.UTC), limit + 1))
                .map(rows -> map(rows, LeadRows::view));
    }

    private static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> items = new ArrayList<>(rows.size());
        rows.forEach(row -> items.add(mapper.apply(row)));
        return items;
    }

    private static <T> List<T> oldestFirst(List<T> newestFirst) {
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
