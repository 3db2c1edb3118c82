package io.leadflow.export.health;

import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Ready only once scoring-service has applied the schema, up to the score summary the exports read (V30): this
 * service reads the schema and never migrates it.
 */
@Readiness
@Blocking
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    private final AgroalDataSource dataSource;

    public SchemaReadiness(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        boolean present;
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM information_schema.columns "
                     + "WHERE table_schema = current_schema() AND table_name = 'leads' AND column_name = 'score_summary')")) {
            present = rows.next() && rows.getBoolean(1);
        } catch (Exception e) {
            present = false;
        }
        return HealthCheckResponse.named("schema").status(present)
                .withData("leads", present ? "present" : "missing or older than V30: waiting for scoring-service").build();
    }
}
