package io.leadflow.export.rest;

import io.leadflow.access.AuditLog;
import io.leadflow.access.Roles;
import io.leadflow.export.ExportFormat;
import io.leadflow.export.ExportRequest;
import io.leadflow.export.service.Export;
import io.leadflow.export.service.LeadExports;
import io.leadflow.http.CrossOriginGuard;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Locale;
import java.util.Map;

/**
 * Downloads of the leads, with the filters of {@code GET /api/leads}: a GET changes nothing; a POST to the same
 * address also marks the leads in the file {@code exported}, once the whole file is delivered. The methods have
 * blocking signatures, so they run on worker threads: the database session opens there, and the file is written
 * there over JDBC.
 */
@Path("/api/export")
@RolesAllowed({Roles.ADMIN, Roles.AGENT})
public class ExportResource {

    private static final String FILTERS = "The filters and sort of GET /api/leads (quality, channel, intent, status, "
            + "from, to, min_score, max_score, q, sort), so the file holds the same leads in the same order.";
    private static final String MARKS = " Marks exactly the leads in the file exported once the whole file is delivered "
            + "(a download that breaks off marks nothing). Content-Type: application/json (no body needed), so that "
            + "no web page on another origin can send it; else a 415.";

    private final LeadExports exports;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    public ExportResource(LeadExports exports, AuditLog audit, SecurityIdentity identity) {
        this.exports = exports;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @Path("/leads.csv")
    @Produces("text/csv; charset=UTF-8")
    @Operation(summary = "Leads as CSV", description = FILTERS + " UTF-8 with a byte order mark, RFC 4180, streamed. "
            + "Text that a spreadsheet would run as a formula starts with an apostrophe.")
    public Response leadsCsv(@Context UriInfo uri, @Context RoutingContext routing) {
        return download(ExportFormat.CSV, false, uri, routing);
    }

    @POST
    @Path("/leads.csv")
    @Produces("text/csv; charset=UTF-8")
    @Operation(summary = "Leads as CSV, marked exported", description = FILTERS + MARKS)
    public Response leadsCsvMarked(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uri,
                                   @Context RoutingContext routing) {
        CrossOriginGuard.requireJson(contentType);
        return download(ExportFormat.CSV, true, uri, routing);
    }

    @GET
    @Path("/leads.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "Leads as an Excel workbook", description = FILTERS + " Continues on a new sheet past "
            + "leadflow.export.xlsx.rows-per-sheet rows (default: Excel's limit).")
    public Response leadsXlsx(@Context UriInfo uri, @Context RoutingContext routing) {
        return download(ExportFormat.XLSX, false, uri, routing);
    }

    @POST
    @Path("/leads.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "Leads as an Excel workbook, marked exported", description = FILTERS + MARKS)
    public Response leadsXlsxMarked(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context UriInfo uri,
                                    @Context RoutingContext routing) {
        CrossOriginGuard.requireJson(contentType);
        return download(ExportFormat.XLSX, true, uri, routing);
    }

    private Response download(ExportFormat format, boolean markExported, UriInfo uri, RoutingContext routing) {
        // A bad filter is a 400 problem here, before the response, and so before any byte of the file.
        ExportRequest request = ExportRequest.parse(uri.getQueryParameters(), exports.zone(), markExported);
        Export export = exports.open(request, format);
        String query = uri.getRequestUri().getRawQuery() == null ? "" : uri.getRequestUri().getRawQuery();
        return Attachments.audited(export, routing, audit, identity.getPrincipal().getName(), "export",
                rows -> Map.of("filters", query, "rows", rows, "format", format.name().toLowerCase(Locale.ROOT),
                        "mark_exported", markExported));
    }
}
