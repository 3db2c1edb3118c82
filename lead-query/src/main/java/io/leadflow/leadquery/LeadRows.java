package io.leadflow.leadquery;

import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.events.Urgency;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/** How a row of the {@code leads} table becomes the lead the API shows: one mapping for every reader. */
public final class LeadRows {

    /** The columns {@link #view(Row)} reads, for a SELECT list or a RETURNING clause. */
    public static final String COLUMNS = "id, user_name, user_email, user_phone, channel, message, intent, urgency, "
            + "score, quality, status, message_count, created_at, last_message_at, exported";

    private LeadRows() {
    }

    public static LeadView view(Row row) {
        return new LeadView(
                row.getLong("id"),
                row.getString("user_name"),
                row.getString("user_email"),
                row.getString("user_phone"),
                Channel.fromLabel(row.getString("channel")).orElse(null),
                row.getString("message"),
                Intent.fromLabel(row.getString("intent")).orElse(Intent.OTHER),
                Urgency.fromLabel(row.getString("urgency")).orElse(Urgency.LOW),
                row.getInteger("score"),
                Quality.fromLabel(row.getString("quality")).orElse(Quality.COLD),
                LeadStatus.fromLabel(row.getString("status")).orElse(LeadStatus.NEW),
                row.getInteger("message_count"),
                instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("last_message_at")),
                row.getBoolean("exported"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
