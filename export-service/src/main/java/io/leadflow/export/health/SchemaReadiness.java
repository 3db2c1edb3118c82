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

/** Ready only once scoring-service has created the schema: this service reads it and never migrates. */
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
             ResultSet rows = statement.executeQuery("SELECT to_regclass('public.leads') IS NOT NULL")) {
            present = rows.next() && rows.getBoolean(1);
        } catch (Exception e) {
            present = false;
        }
        return HealthCheckResponse.named("schema").status(present)
                .withData("leads", present ? "present" : "missing: waiting for scoring-service").build();
    }
}
