package io.leadflow.query.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.leadflow.access.Roles;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.query.service.LeadService;
import io.leadflow.query.service.StatsService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** The seed's read endpoints, same paths and JSON: {@code /api/webhook/leads} and {@code /api/webhook/stats}. */
@Path("/api/webhook")
@RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.VIEWER})
@Produces(MediaType.APPLICATION_JSON)
public class SeedLeadsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final LeadService leads;
    private final StatsService stats;

    public SeedLeadsResource(LeadService leads, StatsService stats) {
        this.leads = leads;
        this.stats = stats;
    }

    @GET
    @Path("/leads")
    @Operation(summary = "The newest leads", description = "limit defaults to 100 and is clamped to 1..1000; it is never an error.")
    public Uni<LeadList> leads(@QueryParam("limit") String limit) {
        return leads.newest(clampedLimit(limit)).map(found -> new LeadList("success", found));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Lead counts in all and per grade", description = "From the rollups /api/stats reads: never a scan of the leads.")
    public Uni<Stats> stats() {
        return stats.perGrade().map(perGrade -> new Stats("success", perGrade.values().stream().mapToLong(Long::longValue).sum(),
                perGrade.get(Quality.HOT.name()), perGrade.get(Quality.WARM.name()), perGrade.get(Quality.COLD.name())));
    }

    /** The seed's limit: a number clamped to 1..1000, anything else the default. */
    static int clampedLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            long asked = Long.parseLong(limit.strip());
            return (int) Math.max(1, Math.min(MAX_LIMIT, asked));
        } catch (NumberFormatException e) {
            return DEFAULT_LIMIT;
        }
    }

    /** {@code {"status":"success","leads":[…]}} */
    public record LeadList(String status, List<LeadView> leads) {
    }

    /** {@code {"status":"success","total_leads":4,"hot_leads":2,"warm_leads":1,"cold_leads":1}} */
    public record Stats(String status,
                        @JsonProperty("total_leads") long totalLeads,
                        @JsonProperty("hot_leads") long hotLeads,
                        @JsonProperty("warm_leads") long warmLeads,
                        @JsonProperty("cold_leads") long coldLeads) {
    }
}
