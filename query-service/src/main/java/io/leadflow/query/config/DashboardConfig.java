package io.leadflow.query.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;

/**
 * Settings every view of the dashboard shares. A plain bean rather than a {@code @ConfigMapping}: its key sits
 * directly under {@code leadflow.}, where a mapping would claim every other service key ({@code leadflow.db.*}).
 */
@ApplicationScoped
public class DashboardConfig {

    private final ZoneId timezone;

    /**
     * @param timezone {@code leadflow.timezone}: the zone days are cut in when a request does not say ({@code tz}):
     *                 the per-day chart, and {@code from} / {@code to} given as dates. An IANA name such as
     *                 {@code Asia/Karachi}.
     */
    public DashboardConfig(@ConfigProperty(name = "leadflow.timezone", defaultValue = "UTC") String timezone) {
        this.timezone = ZoneId.of(timezone);
    }

    public ZoneId timezone() {
        return timezone;
    }
}
