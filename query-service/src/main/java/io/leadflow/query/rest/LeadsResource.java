package io.leadflow.query.rest;

import io.leadflow.access.Roles;
import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.BusinessZone;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.query.LeadChange;
import io.leadflow.query.LeadDetail;
import io.leadflow.query.LeadPage;
import io.leadflow.query.config.ListConfig;
import io.leadflow.query.config.StreamConfig;
import io.leadflow.query.service.DayRange;
import io.leadflow.query.service.LeadService;
import io.leadflow.query.service.LeadStream;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import java.util.Map;

/** The dashboard's leads: lists, one lead, status changes and the live stream. */
@Path("/api/leads")
@RolesAllowed({Roles.ADMIN, Roles.AGENT, Roles.VIEWER})
@Produces(MediaType.APPLICATION_JSON)
public class LeadsResource {

    private final LeadService leads;
    private final LeadStream stream;
    private final ListConfig listConfig;
    private final BusinessZone businessZone;
    private final StreamConfig streamConfig;

    public LeadsResource(LeadService leads, LeadStream stream, ListConfig listConfig, BusinessZone businessZone,
                         StreamConfig streamConfig) {
        this.leads = leads;
        this.stream = stream;
        this.listConfig = listConfig;
        this.businessZone = businessZone;
        this.streamConfig = streamConfig;
    }

    @GET
    @Operation(summary = "Leads, filtered, sorted and paged",
            description = "Filters: quality, channel, intent, status (each repeatable or comma-separated), from and to "
                    + "(dates in tz, or instants), min_score, max_score, q (name, phone, email, message). sort: -created_at "
                    + "(default), created_at, -score, score, -last_message_at, last_message_at. limit (default 50, clamped "
                    + "to 1..1000). Pass next_cursor back as cursor for the next page: leads that arrive meanwhile neither "
                    + "shift nor repeat rows. A wrong parameter is a 400 problem naming it.")
    public Uni<LeadPage> list(@Context UriInfo uri,
                              @Parameter(description = "next_cursor of the previous page") @QueryParam("cursor") String cursor,
                              @Parameter(description = "leads per page, 1..1000") @QueryParam("limit") String limit,
                              @Parameter(description = "IANA zone that date-only from/to are cut in") @QueryParam("tz") String tz) {
        Map<String, List<String>> parameters = uri.getQueryParameters();
        LeadFilter filter = LeadFilter.parse(parameters, LeadFilter.zone(tz, businessZone.zone()));
        return leads.page(filter, cursor, listConfig.limit(limit));
    }

    @GET
    @Path("/{id: [0-9]+}")
    @Operation(summary = "One lead with its conversation, analyses, score breakdown and history")
    public Uni<LeadDetail> detail(@PathParam("id") long id) {
        return leads.detail(id);
    }

    @PATCH
    @RolesAllowed({Roles.ADMIN, Roles.AGENT})
    @Path("/{id: [0-9]+}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a lead's status and/or add a note",
            description = "{\"status\": \"contacted\", \"note\": \"Called, sends a quote\"}. Every change is kept in the "
                    + "lead's activity and published on lead.updated.v1, so every open dashboard shows it.")
    public Uni<LeadDetail> change(@PathParam("id") long id, LeadChange change, @Context SecurityIdentity identity,
                                  @Context HttpServerRequest request) {
        if (change == null) {
            throw ProblemException.invalidField("status", "a JSON body with status and/or note is required");
        }
        return leads.change(id, change.validated(), identity.getPrincipal().getName(), Clients.address(request));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseStatus(200)
    @Operation(summary = "Live leads (Server-Sent Events)", description = LiveEvents.DESCRIPTION)
    public Multi<OutboundSseEvent> stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return LiveEvents.sse(stream.open(lastEventId), sse, streamConfig.reconnectDelay().toMillis());
    }
}
