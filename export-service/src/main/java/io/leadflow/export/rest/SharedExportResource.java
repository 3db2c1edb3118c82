package io.leadflow.export.rest;

import io.leadflow.access.AuditLog;
import io.leadflow.export.ExportFormat;
import io.leadflow.export.ExportRequest;
import io.leadflow.export.service.Export;
import io.leadflow.export.service.LeadExports;
import io.leadflow.export.service.ShareLinks;
import io.leadflow.leadquery.SharedView;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import java.util.Locale;
import java.util.Map;

/**
 * Downloads of a share link's leads, for its visitors, who sign in nowhere: the link is the key. The file holds
 * exactly the link's leads (a visitor may choose the order, nothing else), contacts masked if the link says so;
 * a GET marks nothing, and there is no POST. Each delivered file is audited as the link's ({@code share:<id>}).
 * Blocking signatures, as {@link ExportResource}'s: the file is written on a worker thread over JDBC.
 */
@Path("/api/shared/{token}/export")
@PermitAll
public class SharedExportResource {

    private static final String SCOPE = "The leads of the share link, whatever other parameters say; sort (as in GET "
            + "/api/leads) is the one a visitor may give. 404 for an unknown link, 410 for one revoked or expired, 403 "
            + "for one that does not allow downloads.";

    private final ShareLinks links;
    private final LeadExports exports;
    private final AuditLog audit;

    public SharedExportResource(ShareLinks links, LeadExports exports, AuditLog audit) {
        this.links = links;
        this.exports = exports;
        this.audit = audit;
    }

    @GET
    @Path("/leads.csv")
    @Produces("text/csv; charset=UTF-8")
    @Operation(summary = "A share link's leads as CSV", description = SCOPE + " The same file as GET /api/export/leads.csv, "
            + "with phones, emails and the contacts in messages masked when the link masks contacts.")
    public Response leadsCsv(@Parameter(description = "the link's token") @PathParam("token") String token,
                             @QueryParam("sort") String sort, @Context RoutingContext routing) {
        return download(ExportFormat.CSV, token, sort, routing);
    }

    @GET
    @Path("/leads.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "A share link's leads as an Excel workbook", description = SCOPE + " The same workbook as GET "
            + "/api/export/leads.xlsx, masked as the CSV.")
    public Response leadsXlsx(@Parameter(description = "the link's token") @PathParam("token") String token,
                              @QueryParam("sort") String sort, @Context RoutingContext routing) {
        return download(ExportFormat.XLSX, token, sort, routing);
    }

    private Response download(ExportFormat format, String token, String sort, RoutingContext routing) {
        // A worker thread (the file is written here over JDBC): waiting for the link's lookup blocks no event loop.
        SharedView link = links.openForDownload(token).await().indefinitely();
        Export export = exports.open(ExportRequest.shared(link, sort, exports.zone()), format);
        return Attachments.audited(export, routing, audit, link.actor(), "share_used",
                rows -> Map.of("format", format.name().toLowerCase(Locale.ROOT), "rows", rows, "filters", link.filters()));
    }
}
