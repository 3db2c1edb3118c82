package io.leadflow.query.health;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once scoring-service has migrated the schema up to the search by day (V31): this service reads it and
 * never migrates.
 */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements AsyncHealthCheck {

    private final Pool pool;

    public SchemaReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT to_regclass('public.leads') IS NOT NULL "
                        + "AND to_regprocedure('public.lead_day(timestamptz)') IS NOT NULL AS present").execute()
                .map(rows -> rows.iterator().next().getBoolean("present"))
                .onFailure().recoverWithItem(false)
                .map(present -> HealthCheckResponse.named("schema").status(present)
                        .withData("leads", present ? "present" : "missing or older than V31: waiting for scoring-service").build());
    }
}
