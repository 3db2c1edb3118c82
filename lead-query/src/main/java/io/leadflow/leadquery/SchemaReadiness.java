package io.leadflow.leadquery;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.util.function.Function;

/**
 * Readiness of a service that reads the schema scoring-service migrates, and never migrates it: ready once Flyway's
 * history holds the migration the service needs, applied. Which service's needs each migration serves is in
 * scoring-service's {@code db/migration/README.md}. A service's readiness bean extends this with its own database
 * client.
 */
public class SchemaReadiness implements AsyncHealthCheck {

    private final String requiredVersion;
    private final Function<String, Uni<Boolean>> applied;

    /**
     * @param requiredVersion the newest migration whose tables, columns or functions the service reads, e.g. 33
     * @param applied         runs a statement that answers one row of one boolean column with the service's database
     *                        client; a failure (the database or the history table not there yet) means not ready
     */
    protected SchemaReadiness(int requiredVersion, Function<String, Uni<Boolean>> applied) {
        this.requiredVersion = String.valueOf(requiredVersion);
        this.applied = applied;
    }

    /** Whether the required migration is applied: one row, one boolean column. */
    String query() {
        return "SELECT EXISTS (SELECT 1 FROM flyway_schema_history WHERE version = '" + requiredVersion
                + "' AND success)";
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().deferred(() -> applied.apply(query()))
                .onFailure().recoverWithItem(false)
                .map(applied -> HealthCheckResponse.named("schema").status(applied)
                        .withData("migration", applied ? "V" + requiredVersion + " applied"
                                : "V" + requiredVersion + " not applied yet: waiting for scoring-service")
                        .build());
    }
}
