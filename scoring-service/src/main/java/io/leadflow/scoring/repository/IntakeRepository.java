package io.leadflow.scoring.repository;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadRows;
import io.leadflow.events.LeadView;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.scoring.BatchPlan;
import io.leadflow.scoring.BatchPlan.LeadRow;
import io.leadflow.scoring.Identity;
import io.leadflow.scoring.MessageKey;
import io.leadflow.scoring.ScoredLead;
import io.leadflow.scoring.StoredLead;
import io.leadflow.scoring.model.Contact;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leadflow.scoring.repository.SqlParams.ints;
import static io.leadflow.scoring.repository.SqlParams.longs;
import static io.leadflow.scoring.repository.SqlParams.texts;
import static io.leadflow.scoring.repository.SqlParams.times;
import static io.leadflow.scoring.repository.SqlParams.tuple;

/**
 * The statements intake runs in its transaction (see {@code LeadIntake}), each a read or one multi-row write of a
 * table, and how their rows map. Never writes status, notes, owner or exported.
 */
@ApplicationScoped
public class IntakeRepository {

    private static final String LOCK = "SELECT count(pg_advisory_xact_lock(k)::text) AS locks FROM "
            + "(SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY k) AS keys";

    private static final String STORED_MESSAGES = "SELECT m.channel, m.external_id, m.lead_id FROM message m "
            + "JOIN unnest($1::text[], $2::text[]) AS k(channel, external_id) "
            + "ON m.channel = k.channel AND m.external_id = k.external_id";

    private static final String OWNERS = "SELECT i.kind, i.value, i.lead_id FROM lead_identity i "
            + "JOIN unnest($1::text[], $2::text[]) AS k(kind, value) ON i.kind = k.kind AND i.value = k.value";

    private static final String LOCK_LEADS = "SELECT id, user_name, user_phone, user_email, channel, message, created_at, "
            + "last_message_at, message_count, lead_key FROM leads WHERE id = ANY($1) ORDER BY id FOR UPDATE";

    private static final String NEW_IDS = "SELECT nextval(pg_get_serial_sequence('leads', 'id')) AS id FROM generate_series(1, $1)";

    private static final String INSERT_LEADS = "INSERT INTO leads (id, user_name, user_phone, user_email, channel, message, "
            + "intent, urgency, score, quality, created_at, last_message_at, message_count, score_breakdown, lead_key, "
            + "updated_at, scored_at) OVERRIDING SYSTEM VALUE "
            + "SELECT u.id, u.name, u.phone, u.email, u.channel, u.message, u.intent, u.urgency, u.score, u.quality, "
            + "u.created_at, u.last_message_at, u.message_count, u.breakdown::jsonb, u.lead_key, now(), now() "
            + "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
            + "$9::int[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::int[], $14::text[], $15::text[]) "
            + "AS u(id, name, phone, email, channel, message, intent, urgency, score, quality, created_at, last_message_at, "
            + "message_count, breakdown, lead_key) "
            + "RETURNING " + LeadRows.COLUMNS;

    private static final String UPDATE_LEADS = "UPDATE leads SET user_name = u.u_name, user_phone = u.u_phone, "
            + "user_email = u.u_email, channel = u.u_channel, message = u.u_message, intent = u.u_intent, "
            + "urgency = u.u_urgency, score = u.u_score, quality = u.u_quality, created_at = u.u_created_at, "
            + "last_message_at = u.u_last_message_at, message_count = u.u_message_count, "
            + "score_breakdown = u.u_breakdown::jsonb, updated_at = now(), scored_at = now() "
            + "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], "
            + "$9::int[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::int[], $14::text[]) "
            + "AS u(u_id, u_name, u_phone, u_email, u_channel, u_message, u_intent, u_urgency, u_score, u_quality, "
            + "u_created_at, u_last_message_at, u_message_count, u_breakdown) "
            + "WHERE leads.id = u.u_id "
            + "RETURNING " + LeadRows.COLUMNS;

    /** Each message and its analysis, in one statement: the analyses join the message rows it inserts. */
    private static final String INSERT_MESSAGES_AND_ANALYSES = "WITH m AS (INSERT INTO message (lead_id, channel, "
            + "external_id, original_msg, processed_msg, metadata, created_at) "
            + "SELECT u.lead_id, u.channel, u.external_id, u.original_msg, u.processed_msg, u.metadata::jsonb, u.created_at "
            + "FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[]) "
            + "AS u(lead_id, channel, external_id, original_msg, processed_msg, metadata, created_at) "
            + "RETURNING id, lead_id, channel, external_id) "
            + "INSERT INTO lead_analysis (lead_id, message_id, intent, urgency, category, sentiment, confidence, language, "
            + "extracted_data, provider, attempts, latency_ms, input_tokens, output_tokens) "
            + "SELECT m.lead_id, m.id, a.intent, a.urgency, a.category, a.sentiment, a.confidence, a.language, "
            + "a.extracted::jsonb, a.provider, a.attempts::jsonb, a.latency_ms, a.input_tokens, a.output_tokens "
            + "FROM unnest($2::text[], $3::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[], "
            + "$13::text[], $14::text[], $15::text[], $16::text[], $17::int[], $18::int[], $19::int[]) "
            + "AS a(channel, external_id, intent, urgency, category, sentiment, confidence, language, extracted, provider, "
            + "attempts, latency_ms, input_tokens, output_tokens) "
            + "JOIN m ON m.channel = a.channel AND m.external_id = a.external_id";

    private static final String INSERT_IDENTITIES = "INSERT INTO lead_identity (kind, value, lead_id) "
            + "SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])";

    /** A lead writing an identifier it wrote before (in an earlier batch) keeps the first message that did. */
    private static final String INSERT_WRITTEN = "INSERT INTO lead_written_identity (lead_id, kind, value, message_channel, "
            + "message_external_id) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) "
            + "ON CONFLICT (lead_id, kind, value) DO NOTHING";

    /** A name seen again keeps when and where it was seen first. */
    private static final String KEEP_FIRST_SEEN = "ON CONFLICT (lead_id, name) DO UPDATE "
            + "SET first_seen_at = EXCLUDED.first_seen_at, channel = EXCLUDED.channel WHERE EXCLUDED.first_seen_at < n.first_seen_at";

    private static final String INSERT_NAMES = "INSERT INTO lead_name AS n (lead_id, name, channel, first_seen_at) "
            + "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) " + KEEP_FIRST_SEEN;

    private static final String MERGE_PAIRS = "unnest($1::bigint[], $2::bigint[]) AS p(merged_id, into_id)";
    private static final List<String> MERGE = List.of(
            // One row per name: two merged leads known by the same name would update one row twice (refused).
            "INSERT INTO lead_name AS n (lead_id, name, channel, first_seen_at) "
                    + "SELECT DISTINCT ON (p.into_id, x.name) p.into_id, x.name, x.channel, x.first_seen_at FROM lead_name x "
                    + "JOIN " + MERGE_PAIRS + " ON x.lead_id = p.merged_id ORDER BY p.into_id, x.name, x.first_seen_at "
                    + KEEP_FIRST_SEEN,
            "UPDATE message x SET lead_id = p.into_id FROM " + MERGE_PAIRS + " WHERE x.lead_id = p.merged_id",
            "UPDATE lead_analysis x SET lead_id = p.into_id FROM " + MERGE_PAIRS + " WHERE x.lead_id = p.merged_id",
            "UPDATE lead_identity x SET lead_id = p.into_id FROM " + MERGE_PAIRS + " WHERE x.lead_id = p.merged_id",
            // Copied, not moved (the lead it goes into may have written the same); the merged lead's rows go with it.
            "INSERT INTO lead_written_identity (lead_id, kind, value, message_channel, message_external_id, created_at) "
                    + "SELECT p.into_id, x.kind, x.value, x.message_channel, x.message_external_id, x.created_at "
                    + "FROM lead_written_identity x JOIN " + MERGE_PAIRS + " ON x.lead_id = p.merged_id "
                    + "ON CONFLICT (lead_id, kind, value) DO NOTHING",
            // A salesperson's notes and status changes on the merged lead stay with the person.
            "UPDATE lead_activity x SET lead_id = p.into_id FROM " + MERGE_PAIRS + " WHERE x.lead_id = p.merged_id");
    private static final String RECORD_MERGES = "INSERT INTO lead_merge (merged_lead_id, into_lead_id, cause_channel, "
            + "cause_external_id, merged_lead) "
            + "SELECT l.id, p.into_id, p.channel, p.external_id, to_jsonb(l) FROM leads l "
            + "JOIN unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS p(merged_id, into_id, channel, external_id) "
            + "ON l.id = p.merged_id";
    private static final String DELETE_MERGED = "DELETE FROM leads WHERE id = ANY($1)";

    private static final String REREAD = "SELECT " + LeadRows.COLUMNS + ", score_breakdown::text AS breakdown "
            + "FROM leads WHERE id = ANY($1)";

    /** Takes a transaction lock on each key, in one order, so that concurrent transactions cannot deadlock. */
    public Uni<Void> lock(SqlConnection tx, Collection<String> keys) {
        return tx.preparedQuery(LOCK).execute(tuple((Object) keys.toArray(String[]::new))).replaceWithVoid();
    }

    /** The lead of each of these messages that is stored already. */
    public Uni<Map<MessageKey, Long>> storedMessages(SqlConnection tx, Collection<MessageKey> keys) {
        return tx.preparedQuery(STORED_MESSAGES)
                .execute(tuple(texts(keys, k -> k.channel().label()), texts(keys, MessageKey::externalId)))
                .map(rows -> {
                    Map<MessageKey, Long> stored = new HashMap<>();
                    for (Row row : rows) {
                        stored.put(new MessageKey(channel(row), row.getString("external_id")), row.getLong("lead_id"));
                    }
                    return stored;
                });
    }

    /** The lead that owns each of these identifiers, where one does. */
    public Uni<Map<Identity, Long>> owners(SqlConnection tx, Collection<Identity> identities) {
        return tx.preparedQuery(OWNERS)
                .execute(tuple(texts(identities, Identity::kind), texts(identities, Identity::value)))
                .map(rows -> {
                    Map<Identity, Long> owners = new HashMap<>();
                    for (Row row : rows) {
                        owners.put(new Identity(row.getString("kind"), row.getString("value")), row.getLong("lead_id"));
                    }
                    return owners;
                });
    }

    /** Locks the leads in id order (so concurrent batches cannot deadlock); answers those that exist, by id. */
    public Uni<Map<Long, StoredLead>> lockLeads(SqlConnection tx, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery(LOCK_LEADS).execute(tuple((Object) ids.toArray(Long[]::new))).map(rows -> {
            Map<Long, StoredLead> leads = new HashMap<>();
            for (Row row : rows) {
                leads.put(row.getLong("id"), new StoredLead(row.getLong("id"),
                        new Contact(row.getString("user_name"), row.getString("user_phone"), row.getString("user_email")),
                        channel(row), row.getString("message"), row.getOffsetDateTime("created_at").toInstant(),
                        row.getOffsetDateTime("last_message_at").toInstant(), row.getInteger("message_count"),
                        row.getString("lead_key")));
            }
            return leads;
        });
    }

    /** Ids for new leads, taken from the table's sequence. */
    public Uni<List<Long>> newIds(SqlConnection tx, int count) {
        if (count == 0) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery(NEW_IDS).execute(tuple(count)).map(rows -> {
            List<Long> ids = new ArrayList<>(count);
            rows.forEach(row -> ids.add(row.getLong("id")));
            return ids;
        });
    }

    /** Moves what each merged lead has to the lead it merges into, records the merges, and deletes the merged leads. */
    public Uni<Void> merge(SqlConnection tx, List<BatchPlan.Merge> merges) {
        if (merges.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Long[] merged = longs(merges, BatchPlan.Merge::mergedId);
        Long[] into = longs(merges, BatchPlan.Merge::intoId);
        Uni<Void> moves = Uni.createFrom().voidItem();
        for (String move : MERGE) {
            moves = moves.chain(() -> tx.preparedQuery(move).execute(tuple(merged, into)).replaceWithVoid());
        }
        return moves
                .chain(() -> tx.preparedQuery(RECORD_MERGES).execute(tuple(merged, into,
                        texts(merges, m -> m.cause().channel().label()), texts(merges, m -> m.cause().externalId()))))
                .chain(() -> tx.preparedQuery(DELETE_MERGED).execute(tuple((Object) merged)))
                .replaceWithVoid();
    }

    /** Inserts new leads; answers them as the API shows them. */
    public Uni<List<LeadView>> insertLeads(SqlConnection tx, List<LeadRow> leads) {
        return writeLeads(tx, INSERT_LEADS, leads, true);
    }

    /** Writes stored leads' new state; answers them as the API shows them. */
    public Uni<List<LeadView>> updateLeads(SqlConnection tx, List<LeadRow> leads) {
        return writeLeads(tx, UPDATE_LEADS, leads, false);
    }

    private Uni<List<LeadView>> writeLeads(SqlConnection tx, String sql, List<LeadRow> leads, boolean insert) {
        if (leads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Object> columns = new ArrayList<>(List.of(
                longs(leads, LeadRow::id),
                texts(leads, l -> l.contact().name()),
                texts(leads, l -> l.contact().phone()),
                texts(leads, l -> l.contact().email()),
                texts(leads, l -> l.channel().label()),
                texts(leads, LeadRow::message),
                texts(leads, l -> l.intent().label()),
                texts(leads, l -> l.urgency().label()),
                ints(leads, l -> l.breakdown().score()),
                texts(leads, l -> l.breakdown().quality().name()),
                times(leads, LeadRow::createdAt),
                times(leads, LeadRow::lastMessageAt),
                ints(leads, LeadRow::messageCount),
                texts(leads, l -> EventJson.write(l.breakdown()))));
        if (insert) {
            columns.add(texts(leads, LeadRow::leadKey));
        }
        return tx.preparedQuery(sql).execute(tuple(columns.toArray())).map(IntakeRepository::views);
    }

    public Uni<Void> insertMessagesAndAnalyses(SqlConnection tx, List<BatchPlan.MessageRow> rows) {
        List<LeadMessage> messages = rows.stream().map(row -> row.event().message()).toList();
        List<Analysis> analyses = rows.stream().map(row -> row.event().analysis()).toList();
        return tx.preparedQuery(INSERT_MESSAGES_AND_ANALYSES).execute(tuple(
                longs(rows, BatchPlan.MessageRow::leadId),
                texts(messages, m -> m.channel().label()),
                texts(messages, LeadMessage::messageId),
                texts(messages, m -> m.originalText() == null ? m.text() : m.originalText()),
                texts(messages, LeadMessage::text),
                texts(messages, m -> EventJson.write(MessageMetadata.of(m))),
                times(messages, LeadMessage::receivedAt),
                texts(analyses, a -> a.intent().label()),
                texts(analyses, a -> a.urgency().label()),
                texts(analyses, Analysis::category),
                texts(analyses, a -> a.sentiment() == null ? null : a.sentiment().label()),
                ints(analyses, a -> Math.max(0, Math.min(100, a.confidence()))),
                texts(analyses, Analysis::language),
                texts(analyses, a -> EventJson.write(a.extracted())),
                texts(analyses, Analysis::provider),
                texts(analyses, a -> EventJson.write(a.attempts())),
                ints(analyses, IntakeRepository::latency),
                ints(analyses, a -> a.tokens().input()),
                ints(analyses, a -> a.tokens().output()))).replaceWithVoid();
    }

    public Uni<Void> insertIdentities(SqlConnection tx, List<BatchPlan.IdentityRow> identities) {
        if (identities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_IDENTITIES).execute(tuple(
                texts(identities, i -> i.identity().kind()),
                texts(identities, i -> i.identity().value()),
                longs(identities, BatchPlan.IdentityRow::leadId))).replaceWithVoid();
    }

    public Uni<Void> insertWritten(SqlConnection tx, List<BatchPlan.WrittenRow> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_WRITTEN).execute(tuple(
                longs(written, BatchPlan.WrittenRow::leadId),
                texts(written, w -> w.identity().kind()),
                texts(written, w -> w.identity().value()),
                texts(written, w -> w.message().channel().label()),
                texts(written, w -> w.message().externalId()))).replaceWithVoid();
    }

    public Uni<Void> insertNames(SqlConnection tx, List<BatchPlan.NameRow> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_NAMES).execute(tuple(
                longs(names, BatchPlan.NameRow::leadId),
                texts(names, BatchPlan.NameRow::name),
                texts(names, n -> n.channel().label()),
                times(names, BatchPlan.NameRow::firstSeenAt))).replaceWithVoid();
    }

    /** The leads that exist of these, as stored, by id. */
    public Uni<Map<Long, ScoredLead>> scoredLeads(SqlConnection tx, Collection<Long> ids) {
        return tx.preparedQuery(REREAD).execute(tuple((Object) ids.toArray(Long[]::new))).map(rows -> {
            Map<Long, ScoredLead> leads = new HashMap<>();
            for (Row row : rows) {
                LeadView view = LeadRows.view(row);
                leads.put(view.id(), new ScoredLead(view, EventJson.read(row.getString("breakdown"), ScoreBreakdown.class)));
            }
            return leads;
        });
    }

    private static List<LeadView> views(RowSet<Row> rows) {
        List<LeadView> views = new ArrayList<>();
        rows.forEach(row -> views.add(LeadRows.view(row)));
        return views;
    }

    private static Channel channel(Row row) {
        return Channel.fromLabel(row.getString("channel")).orElseThrow(() ->
                new IllegalStateException("unknown channel '" + row.getString("channel") + "' in the database"));
    }

    private static int latency(Analysis analysis) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, analysis.latencyMs()));
    }
}
