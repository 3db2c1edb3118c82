package io.leadflow.query.rest;

import io.leadflow.events.EventJson;
import io.leadflow.query.service.LeadStream;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/** A live stream's events as Server-Sent Events: {@code lead}, {@code ready}, {@code reload} and heartbeat comments. */
final class LiveEvents {

    static final String DESCRIPTION = "Event 'lead': a lead, as a list item, each time it is scored or changed. Event "
            + "'ready': the stream is live. Event 'reload': more changed while you were away than a replay sends; reload "
            + "the list. Comments every 15 s keep the connection open. Reconnect with Last-Event-ID to get what you missed.";

    private LiveEvents() {
    }

    static Multi<OutboundSseEvent> sse(Multi<LeadStream.Event> events, Sse sse, long reconnectMillis) {
        return events.map(event -> {
            if (event instanceof LeadStream.LeadEvent lead) {
                return sse.newEventBuilder().id(String.valueOf(lead.id())).name("lead")
                        .data(EventJson.write(lead.lead())).build();
            }
            if (event instanceof LeadStream.Ready ready) {
                return sse.newEventBuilder().id(String.valueOf(ready.id())).name("ready").reconnectDelay(reconnectMillis)
                        .data("{\"replayed\":" + ready.replayed() + "}").build();
            }
            if (event instanceof LeadStream.Reload reload) {
                return sse.newEventBuilder().id(String.valueOf(reload.id())).name("reload").data("{}").build();
            }
            return sse.newEventBuilder().comment("heartbeat").build();
        });
    }
}
