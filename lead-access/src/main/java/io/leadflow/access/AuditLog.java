package io.leadflow.access;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes one row of {@code audit_log}: who did what to which, from where. */
@ApplicationScoped
public class AuditLog {

    private final Pool pool;

    public AuditLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String actor, String action, String target, String address, Map<String, ?> details) {
        return pool.preparedQuery("INSERT INTO audit_log (actor, action, target, address, details) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(actor, action, target, address, new JsonObject(new LinkedHashMap<String, Object>(details))))
                .replaceWithVoid();
    }
}
