package io.leadflow.query.rest;

import io.leadflow.access.Roles;
import io.leadflow.events.EventJson;
import io.leadflow.http.Problem;
import io.leadflow.query.client.ExportServiceClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestMulti;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /api/export/**} forwarded to export-service, so the dashboard downloads from its own origin (no CORS);
 * and a share link's downloads ({@link SharedLinkDownloads}), the same way. The file streams through as
 * export-service sends it, with back-pressure: nothing is buffered here, and a browser that goes away closes the
 * upstream request.
 */
@Path("/api/export")
@RolesAllowed({Roles.ADMIN, Roles.AGENT})
public class ExportForwardResource {

    /**
     * Request headers worth passing on: the content type too, which export-service checks on a POST, and the token or
     * session cookie, which export-service verifies itself.
     */
    private static final Set<String> REQUEST_HEADERS = Set.of("accept", "accept-language", "content-type", "traceparent",
            "tracestate", "authorization", "cookie");
    /** Response headers worth passing back; hop-by-hop ones and the length (the answer is re-chunked) are not. */
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "content-disposition", "cache-control",
            "retry-after", "etag", "last-modified", "x-content-type-options", "content-language");

    private final ExportServiceClient exportService;

    public ExportForwardResource(ExportServiceClient exportService) {
        this.exportService = exportService;
    }

    @GET
    @Path("/{file: .+}")
    @Operation(summary = "Downloads from export-service, forwarded",
            description = "For example /api/export/leads.csv and /api/export/leads.xlsx with the filters of GET /api/leads. "
                    + "Streamed through unchanged; 503 when export-service does not answer.")
    public RestMulti<Buffer> forward(@Parameter(description = "the file, e.g. leads.csv") @PathParam("file") String file,
                                     @Context HttpServerRequest request) {
        return forward(exportService, request, HttpMethod.GET, new byte[0]);
    }

    @POST
    @Path("/{file: .+}")
    @Operation(summary = "Downloads from export-service that mark the exported leads, forwarded",
            description = "POST /api/export/leads.csv or leads.xlsx with the filters of GET /api/leads and Content-Type: "
                    + "application/json: the file, and its leads marked exported once it is delivered.")
    public RestMulti<Buffer> forwardPost(@Parameter(description = "the file, e.g. leads.csv") @PathParam("file") String file,
                                         @Context HttpServerRequest request, byte[] body) {
        return forward(exportService, request, HttpMethod.POST, body);
    }

    /** A request forwarded to export-service as it came (a path with {@code ..} in it is a 404). */
    static RestMulti<Buffer> forward(ExportServiceClient exportService, HttpServerRequest request, HttpMethod method,
                                             byte[] body) {
        String path = request.path();
        if (path.contains("..") || path.toLowerCase(Locale.ROOT).contains("%2e")) {
            return answer(Uni.createFrom().item(Forwarded.problem(404, "not-found", "Not found", "no such export")));
        }
        String pathAndQuery = request.query() == null ? path : path + "?" + request.query();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().forEach(header -> {
            if (REQUEST_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        return answer(exportService.send(method, pathAndQuery, headers, body)
                .map(Forwarded::of)
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("export-service did not answer %s: %s", path, failure.toString());
                    return Forwarded.problem(503, "unavailable", "Service unavailable",
                            "export-service is not answering; try the download again in a moment");
                }));
    }

    private static RestMulti<Buffer> answer(Uni<Forwarded> forwarded) {
        return RestMulti.fromUniResponse(forwarded, Forwarded::body, Forwarded::headers, Forwarded::status);
    }

    /** What goes back to the browser: export-service's status, headers and streamed body, or a problem. */
    private record Forwarded(int status, Map<String, List<String>> headers, Multi<Buffer> body) {

        static Forwarded of(HttpClientResponse response) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().forEach(header -> {
                if (RESPONSE_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    headers.computeIfAbsent(header.getKey(), key -> new java.util.ArrayList<>()).add(header.getValue());
                }
            });
            Multi<Buffer> body = response.toMulti().map(io.vertx.mutiny.core.buffer.Buffer::getDelegate)
                    // The browser went away: stop export-service's query too.
                    .onCancellation().invoke(() -> response.request().reset());
            return new Forwarded(response.statusCode(), headers, body);
        }

        static Forwarded problem(int status, String kind, String title, String detail) {
            String json = EventJson.write(new Problem(Problem.TYPE_PREFIX + kind, title, status, detail, null));
            return new Forwarded(status, Map.of("Content-Type", List.of(Problem.MEDIA_TYPE)),
                    Multi.createFrom().item(Buffer.buffer(json)));
        }
    }
}
