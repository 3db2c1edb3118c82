package io.leadflow.query.rest;

import io.leadflow.access.Roles;
import io.leadflow.leadquery.BusinessZone;
import io.leadflow.query.Stats;
import io.leadflow.query.config.StatsConfig;
import io.leadflow.query.service.DayRange;
import io.leadflow.query.service.StatsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.time.Instant;

/** The dashboard's numbers, from rollups: never a scan of the leads. */
@Path("/api/stats")
@RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.VIEWER})
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final StatsService stats;
    private final BusinessZone businessZone;
    private final StatsConfig config;

    public StatsResource(StatsService stats, BusinessZone businessZone, StatsConfig config) {
        this.stats = stats;
        this.businessZone = businessZone;
        this.config = config;
    }

    @GET
    @Operation(summary = "Totals per grade, channel, intent and status; leads per day by grade",
            description = "Days are cut in tz (IANA name; default leadflow.timezone). Without to, the series ends today; "
                    + "without from, it holds 30 days; at most 366.")
    public Uni<Stats> stats(@Parameter(description = "first day, e.g. 2026-11-01") @QueryParam("from") String from,
                            @Parameter(description = "last day, inclusive") @QueryParam("to") String to,
                            @Parameter(description = "IANA time zone, e.g. Asia/Karachi") @QueryParam("tz") String tz) {
        Instant now = Instant.now();
        DayRange range = DayRange.parse(tz, from, to, businessZone.zone(), now, config.defaultDays(), config.maxDays());
        return stats.stats(range, now);
    }
}
