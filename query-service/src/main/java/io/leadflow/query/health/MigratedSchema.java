package io.leadflow.query.health;

import io.leadflow.leadquery.SchemaReadiness;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once scoring-service has migrated the schema up to the share links (V35), the newest migration
 * this service reads; this service never migrates.
 */
@Readiness
@Singleton
public class MigratedSchema extends SchemaReadiness {

    public MigratedSchema(Pool pool) {
        super(35, query -> pool.query(query).execute().map(rows -> rows.iterator().next().getBoolean(0)));
    }
}
