package io.leadflow.query.messaging;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadUpdated;
import io.leadflow.events.LeadView;
import io.leadflow.query.service.LiveLeads;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.function.Function;

/**
 * Feeds the live stream: every lead scoring scores (lead.scored.v1) and every change a salesperson makes
 * (lead.updated.v1). Each replica reads both topics in a consumer group of its own, from the end, so every
 * replica's browsers see every lead. Nothing here is stored, so there is nothing to retry: an unreadable record
 * is logged and skipped (the producers' consumers dead-letter it where it matters).
 */
@ApplicationScoped
public class LiveLeadFeed {

    private final LiveLeads live;

    public LiveLeadFeed(LiveLeads live) {
        this.live = live;
    }

    @Incoming("live-scored")
    public void scored(String record) {
        publish(record, LeadScored.class, LeadScored::lead);
    }

    @Incoming("live-updated")
    public void updated(String record) {
        publish(record, LeadUpdated.class, LeadUpdated::lead);
    }

    private <T> void publish(String record, Class<T> type, Function<T, LeadView> lead) {
        try {
            LeadView view = lead.apply(EventJson.read(record, type));
            if (view != null) {
                live.publish(view);
            }
        } catch (EventJson.InvalidEventException e) {
            Log.warnf("Skipping an unreadable %s record: %s", type.getSimpleName(), e.getMessage());
        }
    }
}
