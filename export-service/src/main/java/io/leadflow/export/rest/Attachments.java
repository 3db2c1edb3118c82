package io.leadflow.export.rest;

import io.leadflow.access.AuditLog;
import io.leadflow.export.service.Export;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.util.Map;
import java.util.function.LongFunction;

/**
 * The answer that streams an export's file as an attachment, and what follows once the response ends: the export
 * is released and, if the whole file went out, written to the audit log.
 */
final class Attachments {

    private Attachments() {
    }

    /**
     * @param actor   who downloads, in the audit log
     * @param action  the audit log's action
     * @param details the audit log's details, given the rows of the delivered file
     */
    static Response audited(Export export, RoutingContext routing, AuditLog audit, String actor, String action,
                            LongFunction<Map<String, ?>> details) {
        String address = routing.request().remoteAddress() == null ? null : routing.request().remoteAddress().hostAddress();
        routing.addEndHandler(ended -> {
            export.responseEnded(Infrastructure.getDefaultWorkerPool());
            export.rowsDelivered().ifPresent(rows -> audit.record(actor, action, export.fileName(), address, details.apply(rows))
                    .subscribe().with(ok -> { }, failure -> Log.warnf("The export of %s was not audited: %s", actor, failure)));
        });
        StreamingOutput body = export::writeTo;
        return Response.ok(body, export.format().mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + export.fileName() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
