package io.leadflow.query.messaging;

import io.leadflow.events.EventJson;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadUpdated;
import io.leadflow.query.service.LiveLeads;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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
        try {
            LeadScored scored = EventJson.read(record, LeadScored.class);
            if (scored.lead() != null) {
                live.publish(scored.lead());
            }
        } catch (EventJson.InvalidEventException e) {
            Log.warnf("Skipping an unreadable lead.scored.v1 record: %s", e.getMessage());
        }
    }

    @Incoming("live-updated")
    public void updated(String record) {
        try {
            LeadUpdated updated = EventJson.read(record, LeadUpdated.class);
            if (updated.lead() != null) {
                live.publish(updated.lead());
            }
        } catch (EventJson.InvalidEventException e) {
            Log.warnf("Skipping an unreadable lead.updated.v1 record: %s", e.getMessage());
        }
    }
}
