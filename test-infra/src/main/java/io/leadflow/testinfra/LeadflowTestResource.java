package io.leadflow.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} the JVM's real Kafka broker and, when asked, its real PostgreSQL.
 * Init args: {@code database} = {@code none} (default), {@code empty} (the service migrates it itself)
 * or {@code migrated} (the schema scoring-service owns, applied before the service starts).
 */
public class LeadflowTestResource implements QuarkusTestResourceLifecycleManager {

    private String database = "none";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "none");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        // The broker runs in the test JVM and logs through it: only its warnings are worth reading.
        config.put("quarkus.log.category.\"kafka\".level", "WARN");
        config.put("quarkus.log.category.\"state.change.logger\".level", "WARN");
        config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        // The JVM's signing key pair (tokens from TestAccess are the services' own) and first admin.
        config.putAll(TestAccess.config());
        if (!"none".equals(database)) {
            DbCoordinates db = TestPostgres.coordinates();
            if ("migrated".equals(database)) {
                TestPostgres.migrate();
            }
            config.put("leadflow.db.url", db.url());
            config.put("leadflow.db.user", db.user());
            config.put("leadflow.db.password", db.password());
        }
        return config;
    }

    @Override
    public void stop() {
        // The broker and the database live as long as the JVM, shared by every test in it.
    }
}
