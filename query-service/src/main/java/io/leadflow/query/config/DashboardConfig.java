package io.leadflow.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/** Settings every view of the dashboard shares. */
@ConfigMapping(prefix = "leadflow")
public interface DashboardConfig {

    /**
     * The zone days are cut in when a request does not say ({@code tz}): the per-day chart, and {@code from} /
     * {@code to} given as dates. An IANA name such as {@code Asia/Karachi}.
     */
    @WithDefault("UTC")
    ZoneId timezone();
}
