package io.leadflow.export.health;

import io.agroal.api.AgroalDataSource;
import io.leadflow.leadquery.SchemaReadiness;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Ready once scoring-service has migrated the schema up to the share links (V35), the newest migration this
 * service reads; this service never migrates.
 */
@Readiness
@Singleton
public class MigratedSchema extends SchemaReadiness {

    public MigratedSchema(AgroalDataSource dataSource) {
        // JDBC blocks: on a worker thread, never the event loop the health check is called on.
        super(35, query -> Uni.createFrom().item(() -> applied(dataSource, query))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private static boolean applied(DataSource dataSource, String query) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            return rows.next() && rows.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
