package io.leadflow.export.rest;

import io.leadflow.export.ExportFormat;
import io.leadflow.export.ExportRequest;
import io.leadflow.export.service.Export;
import io.leadflow.export.service.LeadExports;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Downloads of the leads, with the filters of {@code GET /api/leads}. The methods have blocking signatures, so
 * they run on worker threads: the database session opens there, and the file is written there over JDBC.
 */
@Path("/api/export")
public class ExportResource {

    private static final String FILTERS = "The filters and sort of GET /api/leads (quality, channel, intent, status, "
            + "from, to, min_score, max_score, q, sort), so the file holds the same leads in the same order; "
            + "mark_exported=true marks exactly those leads once the file is delivered.";

    private final LeadExports exports;

    public ExportResource(LeadExports exports) {
        this.exports = exports;
    }

    @GET
    @Path("/leads.csv")
    @Produces("text/csv; charset=UTF-8")
    @Operation(summary = "Leads as CSV", description = FILTERS + " UTF-8 with a byte order mark, RFC 4180, streamed. "
            + "Text that a spreadsheet would run as a formula starts with an apostrophe.")
    public Response leadsCsv(@Context UriInfo uri, @Context RoutingContext routing) {
        return download(ExportFormat.CSV, uri, routing);
    }

    @GET
    @Path("/leads.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    @Operation(summary = "Leads as an Excel workbook", description = FILTERS + " Continues on a new sheet past "
            + "leadflow.export.xlsx.rows-per-sheet rows (default: Excel's limit).")
    public Response leadsXlsx(@Context UriInfo uri, @Context RoutingContext routing) {
        return download(ExportFormat.XLSX, uri, routing);
    }

    private Response download(ExportFormat format, UriInfo uri, RoutingContext routing) {
        // A bad filter is a 400 problem here, before the response, and so before any byte of the file.
        ExportRequest request = ExportRequest.parse(uri.getQueryParameters(), exports.zone());
        Export export = exports.open(request, format);
        routing.addEndHandler(ended -> export.responseEnded(Infrastructure.getDefaultWorkerPool()));
        StreamingOutput body = export::writeTo;
        return Response.ok(body, format.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
