package io.leadflow.leadquery;

import io.leadflow.testinfra.TestPostgres;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The check against a real PostgreSQL, with scoring-service's real Flyway history. */
class SchemaReadinessTest {

    @Test
    void aSchemaMigratedToTheRequiredVersion_isReady() {
        TestPostgres.migrate();
        HealthCheckResponse answer = check(33, null);
        assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(answer.getName()).isEqualTo("schema");
        assertThat(answer.getData()).contains(Map.of("migration", "V33 applied"));
        assertThat(check(30, null).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void aSchemaOlderThanTheRequiredVersion_isNotReady() {
        TestPostgres.migrate();
        HealthCheckResponse answer = check(9999, null);
        assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(answer.getData()).contains(Map.of("migration", "V9999 not applied yet: waiting for scoring-service"));
    }

    @Test
    void aDatabaseNobodyMigratedYet_isNotReady() {
        String empty = "not_migrated_" + UUID.randomUUID().toString().replace("-", "");
        TestPostgres.execute("CREATE SCHEMA " + empty);
        try {
            assertThat(check(33, empty).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            TestPostgres.execute("DROP SCHEMA " + empty);
        }
    }

    /** The check as a service runs it, over JDBC, in {@code schema} (null: the default one). */
    private static HealthCheckResponse check(int requiredVersion, String schema) {
        return new SchemaReadiness(requiredVersion, query -> Uni.createFrom().item(() -> {
            try (Connection connection = TestPostgres.connect(); Statement statement = connection.createStatement()) {
                if (schema != null) {
                    connection.setSchema(schema);
                }
                try (ResultSet rows = statement.executeQuery(query)) {
                    return rows.next() && rows.getBoolean(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        })).call().await().indefinitely();
    }
}
