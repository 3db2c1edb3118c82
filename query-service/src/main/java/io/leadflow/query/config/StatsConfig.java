package io.leadflow.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Statistics ({@code GET /api/stats}) and the rollups behind them. */
@ConfigMapping(prefix = "leadflow.stats")
public interface StatsConfig {

    /** Days in the per-day series when the request gives no {@code from}. */
    @WithDefault("30")
    int defaultDays();

    /** The longest per-day series one request may ask for. */
    @WithDefault("366")
    int maxDays();

    /** How often pending rollup deltas are folded into the rollups (readers add what is pending, so counts stay exact). */
    @WithDefault("1s")
    Duration foldInterval();
}
