package io.leadflow.export.rest;

import io.leadflow.export.service.CsvExporter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Downloads of the leads. */
@Path("/api/export")
public class ExportResource {

    private final CsvExporter csv;

    public ExportResource(CsvExporter csv) {
        this.csv = csv;
    }

    /** Runs on a worker thread (a blocking signature): the rows stream from a JDBC cursor. */
    @GET
    @Path("/leads.csv")
    @Produces("text/csv; charset=UTF-8")
    @Operation(summary = "Every lead as CSV, newest first", description = "UTF-8 with a BOM, RFC 4180 quoting, formula cells neutralised.")
    public Response leadsCsv() {
        StreamingOutput body = csv::write;
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"leads-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"")
                .build();
    }
}
