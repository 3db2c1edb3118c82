package io.leadflow.scoring.repository;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.model.Signal;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The analysed messages of leads, as signals of their conversations: what a score is computed from. */
public final class ConversationHistory {

    /** The most recent messages read per lead; a conversation's score never needs more. */
    static final int MESSAGES_PER_LEAD = 200;

    private static final Columns<Map.Entry<Long, Instant>> SINCE = Columns.<Map.Entry<Long, Instant>>of()
            .bigint("lead_id", Map.Entry::getKey)
            .timestamptz("since", Map.Entry::getValue);

    private static final String SIGNALS = """
            SELECT h.* FROM %s
            CROSS JOIN LATERAL (
                SELECT m.lead_id, m.channel, char_length(m.processed_msg) AS length, m.created_at, a.intent, a.urgency,
                       a.confidence, a.provider, a.extracted_data::text AS extracted
                FROM message m JOIN lead_analysis a ON a.message_id = m.id
                WHERE m.lead_id = t_lead_id AND m.created_at >= t_since
                ORDER BY m.created_at DESC LIMIT %d) AS h""".formatted(SINCE.unnest("t", 1), MESSAGES_PER_LEAD);

    private ConversationHistory() {
    }

    /** Each lead's analysed messages received since the given moment. */
    public static Uni<Map<Long, List<Signal>>> since(SqlClient client, Map<Long, Instant> since) {
        if (since.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(SIGNALS).execute(SINCE.tuple(since.entrySet()))
                .map(rows -> {
                    Map<Long, List<Signal>> signals = new HashMap<>();
                    for (Row row : rows) {
                        signals.computeIfAbsent(row.getLong("lead_id"), id -> new ArrayList<>()).add(signal(row));
                    }
                    return signals;
                });
    }

    private static Signal signal(Row row) {
        return new Signal(row.getOffsetDateTime("created_at").toInstant(),
                Channel.fromLabel(row.getString("channel")).orElse(Channel.WEBSITE),
                Intent.fromLabel(row.getString("intent")).orElse(Intent.OTHER),
                Urgency.fromLabel(row.getString("urgency")).orElse(Urgency.LOW),
                row.getInteger("confidence"), row.getString("provider"), row.getInteger("length"),
                EventJson.read(row.getString("extracted"), Analysis.ExtractedData.class));
    }
}
