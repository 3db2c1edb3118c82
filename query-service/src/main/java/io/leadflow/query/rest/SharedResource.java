package io.leadflow.query.rest;

import io.leadflow.leadquery.SharedView;
import io.leadflow.query.LeadPage;
import io.leadflow.query.ShareInfo;
import io.leadflow.query.SharedLead;
import io.leadflow.query.Stats;
import io.leadflow.query.client.ExportServiceClient;
import io.leadflow.query.config.ListConfig;
import io.leadflow.query.config.StreamConfig;
import io.leadflow.query.service.Shares;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * What a share link shows, to anyone who has it: its leads, numbers, live stream and (forwarded to export-service,
 * which checks the link again) its downloads, read-only. The link is opened
 * before any method runs ({@link SharedLinkFilter}: 404 for no such link, 410 for one revoked or expired), and its
 * filters are the only filters: the parameters here choose an order and a page, never more leads. (No class-wide
 * {@code @Produces}: the downloads carry export-service's content type.)
 */
@Path("/api/shared/{token}")
@PermitAll
public class SharedResource {

    private final Shares shares;
    private final ListConfig listConfig;
    private final StreamConfig streamConfig;
    private final ExportServiceClient exportService;

    public SharedResource(Shares shares, ListConfig listConfig, StreamConfig streamConfig,
                          ExportServiceClient exportService) {
        this.shares = shares;
        this.listConfig = listConfig;
        this.streamConfig = streamConfig;
        this.exportService = exportService;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The share link: who shared it, until when, which leads, masked or not")
    public Uni<ShareInfo> describe(@Context ContainerRequestContext context, @Context HttpServerRequest request) {
        return shares.opened(SharedLinkFilter.view(context), Clients.address(request));
    }

    @GET
    @Path("/leads")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The link's leads, paged", description = "sort, cursor and limit as GET /api/leads; its filters "
            + "are the link's.")
    public Uni<LeadPage> leads(@Context ContainerRequestContext context, @QueryParam("sort") String sort,
                               @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        return shares.page(SharedLinkFilter.view(context), sort, cursor, listConfig.limit(limit));
    }

    @GET
    @Path("/leads/{id: [0-9]+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One of the link's leads with its conversation",
            description = "Without the team's notes, analyses and possible duplicates. 404 for a lead outside the link.")
    public Uni<SharedLead> lead(@Context ContainerRequestContext context, @PathParam("id") long id) {
        return shares.lead(SharedLinkFilter.view(context), id);
    }

    @GET
    @Path("/stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The numbers of the link's leads", description = "from and to as GET /api/stats.")
    public Uni<Stats> stats(@Context ContainerRequestContext context, @QueryParam("from") String from,
                            @QueryParam("to") String to) {
        return shares.stats(SharedLinkFilter.view(context), from, to);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @ResponseStatus(200)
    @Operation(summary = "The link's live leads (Server-Sent Events)", description = LiveEvents.DESCRIPTION
            + " Only the link's leads; the stream ends when the link is revoked or expires.")
    public Multi<OutboundSseEvent> stream(@Context ContainerRequestContext context, @PathParam("token") String token,
                                          @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        SharedView view = SharedLinkFilter.view(context);
        return LiveEvents.sse(shares.stream(view, token, lastEventId), sse, streamConfig.reconnectDelay().toMillis());
    }

    @GET
    @Path("/export/{file: .+}")
    @Operation(summary = "The link's downloads, from export-service",
            description = "/export/leads.csv and /export/leads.xlsx: the link's leads (a visitor may give sort, nothing "
                    + "else), contacts masked if the link says so; 403 when the link does not allow downloads. Read only: "
                    + "there is no POST.")
    public RestMulti<Buffer> export(@Parameter(description = "the file, e.g. leads.csv") @PathParam("file") String file,
                                    @Context HttpServerRequest request) {
        return ExportForwardResource.forward(exportService, request, HttpMethod.GET, new byte[0]);
    }
}
