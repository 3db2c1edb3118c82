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

import static io.leadflow.scoring.repository.SqlParams.tuple;

/** The analysed messages of leads, as signals of their conversations: what a score is computed from. */
public final class ConversationHistory {

    /** The most recent messages read per lead; a conversation's score never needs more. */
    static final int MESSAGES_PER_LEAD = 200;

    private static final String SIGNALS = "SELECT h.* FROM unnest($1::bigint[], $2::timestamptz[]) AS t(lead_id, since) "
            + "CROSS JOIN LATERAL (SELECT m.lead_id, m.channel, char_length(m.processed_msg) AS length, m.created_at, "
            + "a.intent, a.urgency, a.confidence, a.provider, a.extracted_data::text AS extracted "
            + "FROM message m JOIN lead_analysis a ON a.message_id = m.id "
            + "WHERE m.lead_id = t.lead_id AND m.created_at >= t.since "
            + "ORDER BY m.created_at DESC LIMIT " + MESSAGES_PER_LEAD + ") AS h";

    private ConversationHistory() {
    }

    /** Each lead's analysed messages received since the given moment. */
    public static Uni<Map<Long, List<Signal>>> since(SqlClient client, Map<Long, Instant> since) {
        if (since.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Map.Entry<Long, Instant>> leads = new ArrayList<>(since.entrySet());
        return client.preparedQuery(SIGNALS)
                .execute(tuple(SqlParams.longs(leads, Map.Entry::getKey), SqlParams.times(leads, Map.Entry::getValue)))
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
