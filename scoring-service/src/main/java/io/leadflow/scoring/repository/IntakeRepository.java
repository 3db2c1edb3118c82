package io.leadflow.scoring.repository;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadMessage;
import io.leadflow.leadquery.LeadRows;
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
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.leadflow.scoring.repository.SqlParams.tuple;

/**
 * The statements intake runs in its transaction (see {@code LeadIntake}), each a read or one multi-row write of a
 * table, and how their rows map. Never writes status, notes, owner or exported.
 */
@ApplicationScoped
public class IntakeRepository {

    private static final String LOCK = """
            SELECT count(pg_advisory_xact_lock(k)::text) AS locks
            FROM (SELECT DISTINCT hashtextextended(key, 0) AS k FROM unnest($1::text[]) AS key ORDER BY k) AS keys""";

    private static final Columns<MessageKey> MESSAGE_KEY = Columns.<MessageKey>of()
            .text("channel", key -> key.channel().label())
            .text("external_id", MessageKey::externalId);

    private static final String STORED_MESSAGES = """
            SELECT m.channel, m.external_id, m.lead_id FROM message m
            JOIN %s ON m.channel = k_channel AND m.external_id = k_external_id""".formatted(MESSAGE_KEY.unnest("k", 1));

    private static final Columns<Identity> IDENTITY = Columns.<Identity>of()
            .text("kind", Identity::kind)
            .text("value", Identity::value);

    private static final String OWNERS = """
            SELECT i.kind, i.value, i.lead_id FROM lead_identity i
            JOIN %s ON i.kind = k_kind AND i.value = k_value""".formatted(IDENTITY.unnest("k", 1));

    private static final String LOCK_LEADS = """
            SELECT id, user_name, user_phone, user_email, channel, message, created_at, last_message_at, message_count,
                   lead_key
            FROM leads WHERE id = ANY($1) ORDER BY id FOR UPDATE""";

    private static final String NEW_IDS = """
            SELECT nextval(pg_get_serial_sequence('leads', 'id')) AS id FROM generate_series(1, $1)""";

    private static final Columns<LeadRow> LEAD_ID = Columns.<LeadRow>of().bigint("id", LeadRow::id);

    /** A lead's columns as scoring writes them (never status, notes, owner or exported). */
    private static final Columns<LeadRow> LEAD = Columns.<LeadRow>of()
            .text("user_name", lead -> lead.contact().name())
            .text("user_phone", lead -> lead.contact().phone())
            .text("user_email", lead -> lead.contact().email())
            .text("channel", lead -> lead.channel().label())
            .text("message", LeadRow::message)
            .text("intent", lead -> lead.intent().label())
            .text("urgency", lead -> lead.urgency().label())
            .integer("score", lead -> lead.breakdown().score())
            .text("quality", lead -> lead.breakdown().quality().name())
            .timestamptz("created_at", LeadRow::createdAt)
            .timestamptz("last_message_at", LeadRow::lastMessageAt)
            .integer("message_count", LeadRow::messageCount)
            .json("score_breakdown", LeadRow::breakdown);

    /** A new lead also gets the contact identity of its first message, which never changes. */
    private static final Columns<LeadRow> NEW_LEAD = LEAD_ID.plus(LEAD).text("lead_key", LeadRow::leadKey);

    private static final Columns<LeadRow> CHANGED_LEAD = LEAD_ID.plus(LEAD);

    private static final String INSERT_LEADS = """
            INSERT INTO leads (%s, updated_at, scored_at) OVERRIDING SYSTEM VALUE
            SELECT %s, now(), now() FROM %s
            RETURNING %s""".formatted(NEW_LEAD.names(), NEW_LEAD.values("u"), NEW_LEAD.unnest("u", 1), LeadRows.COLUMNS);

    private static final String UPDATE_LEADS = """
            UPDATE leads SET %s, updated_at = now(), scored_at = now()
            FROM %s
            WHERE leads.id = u_id
            RETURNING %s""".formatted(LEAD.assignments("u"), CHANGED_LEAD.unnest("u", 1), LeadRows.COLUMNS);

    private static final Columns<BatchPlan.MessageRow> MESSAGE = Columns.<BatchPlan.MessageRow>of()
            .bigint("lead_id", BatchPlan.MessageRow::leadId)
            .text("channel", row -> row.event().message().channel().label())
            .text("external_id", row -> row.event().message().messageId())
            .text("original_msg", row -> original(row.event().message()))
            .text("processed_msg", row -> row.event().message().text())
            .json("metadata", row -> MessageMetadata.of(row.event().message()))
            .timestamptz("created_at", row -> row.event().message().receivedAt());

    private static final Columns<BatchPlan.MessageRow> ANALYSIS = Columns.<BatchPlan.MessageRow>of()
            .text("intent", row -> row.event().analysis().intent().label())
            .text("urgency", row -> row.event().analysis().urgency().label())
            .text("category", row -> row.event().analysis().category())
            .text("sentiment", row -> sentiment(row.event().analysis()))
            .integer("confidence", row -> Math.max(0, Math.min(100, row.event().analysis().confidence())))
            .text("language", row -> row.event().analysis().language())
            .json("extracted_data", row -> row.event().analysis().extracted())
            .text("provider", row -> row.event().analysis().provider())
            .json("attempts", row -> row.event().analysis().attempts())
            .integer("latency_ms", row -> latency(row.event().analysis()))
            .integer("input_tokens", row -> row.event().analysis().tokens().input())
            .integer("output_tokens", row -> row.event().analysis().tokens().output());

    /** Each message and its analysis, in one statement: the analyses join the message rows it inserts. */
    private static final String INSERT_MESSAGES_AND_ANALYSES = """
            WITH u AS (SELECT * FROM %s),
                 m AS (INSERT INTO message (%s) SELECT %s FROM u RETURNING id, channel, external_id)
            INSERT INTO lead_analysis (lead_id, message_id, %s)
            SELECT u_lead_id, m.id, %s FROM u JOIN m ON m.channel = u_channel AND m.external_id = u_external_id"""
            .formatted(MESSAGE.plus(ANALYSIS).unnest("u", 1), MESSAGE.names(), MESSAGE.values("u"), ANALYSIS.names(),
                    ANALYSIS.values("u"));

    private static final Columns<BatchPlan.IdentityRow> IDENTITY_ROW = Columns.<BatchPlan.IdentityRow>of()
            .text("kind", row -> row.identity().kind())
            .text("value", row -> row.identity().value())
            .bigint("lead_id", BatchPlan.IdentityRow::leadId);

    private static final String INSERT_IDENTITIES = """
            INSERT INTO lead_identity (%s) SELECT %s FROM %s"""
            .formatted(IDENTITY_ROW.names(), IDENTITY_ROW.values("u"), IDENTITY_ROW.unnest("u", 1));

    private static final Columns<BatchPlan.WrittenRow> WRITTEN = Columns.<BatchPlan.WrittenRow>of()
            .bigint("lead_id", BatchPlan.WrittenRow::leadId)
            .text("kind", row -> row.identity().kind())
            .text("value", row -> row.identity().value())
            .text("message_channel", row -> row.message().channel().label())
            .text("message_external_id", row -> row.message().externalId());

    /** A lead writing an identifier it wrote before (in an earlier batch) keeps the first message that did. */
    private static final String INSERT_WRITTEN = """
            INSERT INTO lead_written_identity (%s) SELECT %s FROM %s
            ON CONFLICT (lead_id, kind, value) DO NOTHING"""
            .formatted(WRITTEN.names(), WRITTEN.values("u"), WRITTEN.unnest("u", 1));

    /** A name seen again keeps when and where it was seen first. */
    private static final String KEEP_FIRST_SEEN = """
            ON CONFLICT (lead_id, name) DO UPDATE SET first_seen_at = EXCLUDED.first_seen_at, channel = EXCLUDED.channel
            WHERE EXCLUDED.first_seen_at < n.first_seen_at""";

    private static final Columns<BatchPlan.NameRow> NAME = Columns.<BatchPlan.NameRow>of()
            .bigint("lead_id", BatchPlan.NameRow::leadId)
            .text("name", BatchPlan.NameRow::name)
            .text("channel", row -> row.channel().label())
            .timestamptz("first_seen_at", BatchPlan.NameRow::firstSeenAt);

    private static final String INSERT_NAMES = """
            INSERT INTO lead_name AS n (%s) SELECT %s FROM %s
            %s""".formatted(NAME.names(), NAME.values("u"), NAME.unnest("u", 1), KEEP_FIRST_SEEN);

    private static final Columns<BatchPlan.Merge> MERGED = Columns.<BatchPlan.Merge>of()
            .bigint("merged_id", BatchPlan.Merge::mergedId);

    /** Which lead each merged lead goes into. */
    private static final Columns<BatchPlan.Merge> MERGE_PAIR = MERGED.plus(Columns.<BatchPlan.Merge>of()
            .bigint("into_id", BatchPlan.Merge::intoId));

    private static final List<String> MERGE = Stream.of(
            // One row per name: two merged leads known by the same name would update one row twice (refused).
            """
            INSERT INTO lead_name AS n (lead_id, name, channel, first_seen_at)
            SELECT DISTINCT ON (p_into_id, x.name) p_into_id, x.name, x.channel, x.first_seen_at
            FROM lead_name x JOIN %1$s ON x.lead_id = p_merged_id ORDER BY p_into_id, x.name, x.first_seen_at
            """ + KEEP_FIRST_SEEN,
            "UPDATE message x SET lead_id = p_into_id FROM %1$s WHERE x.lead_id = p_merged_id",
            "UPDATE lead_analysis x SET lead_id = p_into_id FROM %1$s WHERE x.lead_id = p_merged_id",
            "UPDATE lead_identity x SET lead_id = p_into_id FROM %1$s WHERE x.lead_id = p_merged_id",
            // Copied, not moved (the lead it goes into may have written the same); the merged lead's rows go with it.
            """
            INSERT INTO lead_written_identity (lead_id, kind, value, message_channel, message_external_id, created_at)
            SELECT p_into_id, x.kind, x.value, x.message_channel, x.message_external_id, x.created_at
            FROM lead_written_identity x JOIN %1$s ON x.lead_id = p_merged_id
            ON CONFLICT (lead_id, kind, value) DO NOTHING""",
            // A salesperson's notes and status changes on the merged lead stay with the person.
            "UPDATE lead_activity x SET lead_id = p_into_id FROM %1$s WHERE x.lead_id = p_merged_id")
            .map(sql -> sql.formatted(MERGE_PAIR.unnest("p", 1))).toList();

    /** A merge, with the message that linked the two leads. */
    private static final Columns<BatchPlan.Merge> MERGE_CAUSE = MERGE_PAIR.plus(Columns.<BatchPlan.Merge>of()
            .text("cause_channel", merge -> merge.cause().channel().label())
            .text("cause_external_id", merge -> merge.cause().externalId()));

    private static final String RECORD_MERGES = """
            INSERT INTO lead_merge (merged_lead_id, into_lead_id, cause_channel, cause_external_id, merged_lead)
            SELECT l.id, p_into_id, p_cause_channel, p_cause_external_id, to_jsonb(l)
            FROM leads l JOIN %s ON l.id = p_merged_id""".formatted(MERGE_CAUSE.unnest("p", 1));

    private static final String DELETE_MERGED = """
            DELETE FROM leads USING %s WHERE leads.id = p_merged_id""".formatted(MERGED.unnest("p", 1));

    private static final String REREAD = """
            SELECT %s, score_breakdown::text AS breakdown FROM leads WHERE id = ANY($1)""".formatted(LeadRows.COLUMNS);

    /** Takes a transaction lock on each key, in one order, so that concurrent transactions cannot deadlock. */
    public Uni<Void> lock(SqlConnection tx, Collection<String> keys) {
        return tx.preparedQuery(LOCK).execute(tuple((Object) keys.toArray(String[]::new))).replaceWithVoid();
    }

    /** The lead of each of these messages that is stored already. */
    public Uni<Map<MessageKey, Long>> storedMessages(SqlConnection tx, Collection<MessageKey> keys) {
        return tx.preparedQuery(STORED_MESSAGES).execute(MESSAGE_KEY.tuple(keys))
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
        return tx.preparedQuery(OWNERS).execute(IDENTITY.tuple(identities))
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
        Tuple pairs = MERGE_PAIR.tuple(merges);
        Uni<Void> moves = Uni.createFrom().voidItem();
        for (String move : MERGE) {
            moves = moves.chain(() -> tx.preparedQuery(move).execute(pairs).replaceWithVoid());
        }
        return moves
                .chain(() -> tx.preparedQuery(RECORD_MERGES).execute(MERGE_CAUSE.tuple(merges)))
                .chain(() -> tx.preparedQuery(DELETE_MERGED).execute(MERGED.tuple(merges)))
                .replaceWithVoid();
    }

    /** Inserts new leads; answers them as the API shows them. */
    public Uni<List<LeadView>> insertLeads(SqlConnection tx, List<LeadRow> leads) {
        return writeLeads(tx, INSERT_LEADS, NEW_LEAD, leads);
    }

    /** Writes stored leads' new state; answers them as the API shows them. */
    public Uni<List<LeadView>> updateLeads(SqlConnection tx, List<LeadRow> leads) {
        return writeLeads(tx, UPDATE_LEADS, CHANGED_LEAD, leads);
    }

    private static Uni<List<LeadView>> writeLeads(SqlConnection tx, String sql, Columns<LeadRow> columns, List<LeadRow> leads) {
        if (leads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery(sql).execute(columns.tuple(leads)).map(IntakeRepository::views);
    }

    public Uni<Void> insertMessagesAndAnalyses(SqlConnection tx, List<BatchPlan.MessageRow> rows) {
        return tx.preparedQuery(INSERT_MESSAGES_AND_ANALYSES).execute(MESSAGE.plus(ANALYSIS).tuple(rows)).replaceWithVoid();
    }

    public Uni<Void> insertIdentities(SqlConnection tx, List<BatchPlan.IdentityRow> identities) {
        if (identities.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_IDENTITIES).execute(IDENTITY_ROW.tuple(identities)).replaceWithVoid();
    }

    public Uni<Void> insertWritten(SqlConnection tx, List<BatchPlan.WrittenRow> written) {
        if (written.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_WRITTEN).execute(WRITTEN.tuple(written)).replaceWithVoid();
    }

    public Uni<Void> insertNames(SqlConnection tx, List<BatchPlan.NameRow> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_NAMES).execute(NAME.tuple(names)).replaceWithVoid();
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

    private static String original(LeadMessage message) {
        return message.originalText() == null ? message.text() : message.originalText();
    }

    private static String sentiment(Analysis analysis) {
        return analysis.sentiment() == null ? null : analysis.sentiment().label();
    }

    private static int latency(Analysis analysis) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, analysis.latencyMs()));
    }
}
