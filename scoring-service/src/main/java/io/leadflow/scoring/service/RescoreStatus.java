package io.leadflow.scoring.service;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/**
 * Where the rescoring of every lead is.
 *
 * @param state        idle (never ran here), running, finished or failed
 * @param leadsSeen    leads rescored so far
 * @param leadsChanged of those, leads whose breakdown changed
 * @param error        why it failed, when it did
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RescoreStatus(String state, Instant startedAt, Instant finishedAt, long leadsSeen, long leadsChanged,
                            String error) {

    public static final RescoreStatus IDLE = new RescoreStatus("idle", null, null, 0, 0, null);

    static RescoreStatus started(Instant at) {
        return new RescoreStatus("running", at, null, 0, 0, null);
    }

    public boolean running() {
        return "running".equals(state);
    }

    RescoreStatus progressed(int seen, int changed) {
        return new RescoreStatus(state, startedAt, finishedAt, leadsSeen + seen, leadsChanged + changed, error);
    }

    RescoreStatus finished(Instant at) {
        return new RescoreStatus("finished", startedAt, at, leadsSeen, leadsChanged, null);
    }

    RescoreStatus failed(Instant at, String why) {
        return new RescoreStatus("failed", startedAt, at, leadsSeen, leadsChanged, why);
    }
}
