package io.leadflow.leadquery;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.ZoneId;

/**
 * The business's time zone, read the same way by the API and the exports, so their days are the same days: the zone
 * {@code from} and {@code to} dates (and the per-day chart) are cut in when a request names no {@code tz}. A plain
 * bean rather than a {@code @ConfigMapping}: its key sits directly under {@code leadflow.}, where a mapping would
 * claim every other service key ({@code leadflow.db.*}).
 */
@ApplicationScoped
public class BusinessZone {

    private final ZoneId zone;

    /**
     * @param timezone {@code leadflow.timezone} ({@code LEADFLOW_TIMEZONE}): an IANA name such as
     *                 {@code Asia/Karachi}
     */
    public BusinessZone(@ConfigProperty(name = "leadflow.timezone", defaultValue = "UTC") String timezone) {
        this.zone = ZoneId.of(timezone);
    }

    public ZoneId zone() {
        return zone;
    }
}
