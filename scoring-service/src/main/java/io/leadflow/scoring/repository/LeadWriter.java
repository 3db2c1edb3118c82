package io.leadflow.scoring.repository;

import io.leadflow.events.Analysis;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadRows;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadView;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.scoring.service.ScoringEngine;
import io.leadflow.scoring.service.ScoringInput;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes analysed messages into their leads: the message, its analysis, the lead's contact details, counters
 * and score. A batch is one transaction; a message already stored changes nothing and yields its lead again,
 * so a redelivered batch re-publishes what a crash may have kept from being published.
 */
@ApplicationScoped
public class LeadWriter {

    private final Pool pool;
    private final ScoringEngine engine;

    public LeadWriter(Pool pool, ScoringEngine engine) {
        this.pool = pool;
        this.engine = engine;
    }

    /** Stores the batch in one transaction and answers the scored leads, in the batch's order. */
    public Uni<List<LeadScored>> store(List<LeadAnalyzed> batch) {
        return pool.withTransaction(tx -> Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(event -> store(tx, event))
                .collect().asList());
    }

    private Uni<LeadScored> store(SqlConnection tx, LeadAnalyzed event) {
        LeadMessage message = event.message();
        return tx.preparedQuery("SELECT lead_id FROM message WHERE channel = $1 AND external_id = $2")
                .execute(Tuple.of(message.channel().label(), message.messageId()))
                .chain(rows -> rows.size() > 0
                        ? reread(tx, event, rows.iterator().next().getLong("lead_id"))
                        : storeNew(tx, event));
    }

    private Uni<LeadScored> reread(SqlConnection tx, LeadAnalyzed event, long leadId) {
        return tx.preparedQuery("SELECT " + LeadRows.COLUMNS + ", score_breakdown::text AS breakdown FROM leads WHERE id = $1")
                .execute(Tuple.of(leadId))
                .map(rows -> scored(event, rows.iterator().next()));
    }

    private Uni<LeadScored> storeNew(SqlConnection tx, LeadAnalyzed event) {
        LeadMessage message = event.message();
        return findLead(tx, message)
                .chain(found -> found.map(id -> Uni.createFrom().item(id)).orElseGet(() -> insertLead(tx, event)))
                .call(leadId -> claimIdentities(tx, message, leadId))
                .chain(leadId -> insertMessage(tx, message, leadId).map(messageRowId -> new long[] {leadId, messageRowId}))
                .call(ids -> insertAnalysis(tx, event.analysis(), ids[0], ids[1]))
                .chain(ids -> updateContact(tx, message, ids[0]))
                .chain(lead -> updateScore(tx, event, lead));
    }

    private Uni<Optional<Long>> findLead(SqlConnection tx, LeadMessage message) {
        List<String[]> identities = identities(message);
        return tx.preparedQuery("SELECT min(lead_id) AS lead_id FROM lead_identity "
                        + "WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[]))")
                .execute(Tuple.of(identities.stream().map(i -> i[0]).toArray(String[]::new),
                        identities.stream().map(i -> i[1]).toArray(String[]::new)))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getLong("lead_id")));
    }

    private Uni<Long> insertLead(SqlConnection tx, LeadAnalyzed event) {
        LeadMessage message = event.message();
        Analysis analysis = event.analysis();
        return tx.preparedQuery("INSERT INTO leads (channel, message, intent, urgency, score, quality, created_at, "
                        + "last_message_at, lead_key) VALUES ($1, $2, $3, $4, 0, 'COLD', $5, $5, $6) RETURNING id")
                .execute(Tuple.from(Arrays.asList(message.channel().label(), message.text(), analysis.intent().label(),
                        analysis.urgency().label(), message.receivedAt().atOffset(ZoneOffset.UTC), message.leadKey())))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private Uni<Void> claimIdentities(SqlConnection tx, LeadMessage message, long leadId) {
        List<String[]> identities = identities(message);
        return tx.preparedQuery("INSERT INTO lead_identity (kind, value, lead_id) "
                        + "SELECT kind, value, $3 FROM unnest($1::text[], $2::text[]) AS i(kind, value) "
                        + "ON CONFLICT (kind, value) DO NOTHING")
                .execute(Tuple.of(identities.stream().map(i -> i[0]).toArray(String[]::new),
                        identities.stream().map(i -> i[1]).toArray(String[]::new), leadId))
                .replaceWithVoid();
    }

    private Uni<Long> insertMessage(SqlConnection tx, LeadMessage message, long leadId) {
        return tx.preparedQuery("INSERT INTO message (lead_id, channel, external_id, original_msg, processed_msg, "
                        + "metadata, created_at) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7) RETURNING id")
                .execute(Tuple.from(Arrays.asList(leadId, message.channel().label(), message.messageId(),
                        message.originalText() == null ? message.text() : message.originalText(), message.text(),
                        EventJson.write(messageMetadata(message)), message.receivedAt().atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    private Uni<Void> insertAnalysis(SqlConnection tx, Analysis analysis, long leadId, long messageRowId) {
        return tx.preparedQuery("INSERT INTO lead_analysis (lead_id, message_id, intent, urgency, category, sentiment, "
                        + "confidence, language, extracted_data, provider, attempts, latency_ms, input_tokens, "
                        + "output_tokens) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11::text::jsonb, $12, $13, $14)")
                .execute(Tuple.from(Arrays.asList(leadId, messageRowId, analysis.intent().label(), analysis.urgency().label(),
                        analysis.category(), analysis.sentiment() == null ? null : analysis.sentiment().label(),
                        Math.max(0, Math.min(100, analysis.confidence())), analysis.language(),
                        EventJson.write(analysis.extracted()), analysis.provider(), EventJson.write(analysis.attempts()),
                        (int) Math.min(Integer.MAX_VALUE, analysis.latencyMs()), analysis.tokens().input(),
                        analysis.tokens().output())))
                .replaceWithVoid();
    }

    private Uni<Row> updateContact(SqlConnection tx, LeadMessage message, long leadId) {
        return tx.preparedQuery("UPDATE leads SET user_name = coalesce(user_name, $2), user_phone = coalesce(user_phone, $3), "
                        + "user_email = coalesce(user_email, $4), message_count = message_count + 1 "
                        + "WHERE id = $1 RETURNING id, user_name, user_phone, user_email, last_message_at")
                .execute(Tuple.from(Arrays.asList(leadId, message.senderName(), message.phone(), message.email())))
                .map(rows -> rows.iterator().next());
    }

    private Uni<LeadScored> updateScore(SqlConnection tx, LeadAnalyzed event, Row contact) {
        LeadMessage message = event.message();
        Analysis analysis = event.analysis();
        ScoreBreakdown breakdown = engine.score(new ScoringInput(analysis.intent(), analysis.urgency(),
                analysis.confidence(), analysis.provider(), message.channel(), contact.getString("user_name"),
                contact.getString("user_phone"), contact.getString("user_email"), analysis.extracted(),
                message.text().length()));
        boolean latest = !message.receivedAt().atOffset(ZoneOffset.UTC).isBefore(contact.getOffsetDateTime("last_message_at"));
        return tx.preparedQuery("UPDATE leads SET score = $2, quality = $3, score_breakdown = $4::text::jsonb, intent = $5, "
                        + "urgency = $6, channel = CASE WHEN $9 THEN $7 ELSE channel END, "
                        + "message = CASE WHEN $9 THEN $8 ELSE message END, "
                        + "last_message_at = greatest(last_message_at, $10), updated_at = now() "
                        + "WHERE id = $1 RETURNING " + LeadRows.COLUMNS + ", score_breakdown::text AS breakdown")
                .execute(Tuple.from(Arrays.asList(contact.getLong("id"), breakdown.score(), breakdown.quality().name(),
                        EventJson.write(breakdown), analysis.intent().label(), analysis.urgency().label(),
                        message.channel().label(), message.text(), latest, message.receivedAt().atOffset(ZoneOffset.UTC))))
                .map(rows -> scored(event, rows.iterator().next()));
    }

    private static LeadScored scored(LeadAnalyzed event, Row row) {
        LeadMessage message = event.message();
        LeadView lead = LeadRows.view(row);
        ScoreBreakdown breakdown = EventJson.read(row.getString("breakdown"), ScoreBreakdown.class);
        return new LeadScored(message.messageId(), message.leadKey(), message.channel(), message.receivedAt(),
                message.traceparent(), lead, breakdown);
    }

    private static List<String[]> identities(LeadMessage message) {
        List<String[]> identities = new ArrayList<>();
        if (message.phone() != null) {
            identities.add(new String[] {"phone", message.phone()});
        }
        if (message.email() != null) {
            identities.add(new String[] {"email", message.email()});
        }
        if (message.platformUserId() != null) {
            identities.add(new String[] {"platform", message.channel().label() + ":" + message.platformUserId()});
        }
        return identities;
    }

    private static Map<String, Object> messageMetadata(LeadMessage message) {
        Map<String, Object> metadata = new LinkedHashMap<>(message.metadata());
        if (message.client() != null) {
            metadata.put("client", message.client());
        }
        if (message.subject() != null) {
            metadata.put("subject", message.subject());
        }
        if (!message.attachments().isEmpty()) {
            metadata.put("attachments", message.attachments());
        }
        if (message.rawPayloadRef() != null) {
            metadata.put("raw_payload_ref", message.rawPayloadRef());
        }
        if (message.traceparent() != null) {
            metadata.put("traceparent", message.traceparent());
        }
        return metadata;
    }
}
