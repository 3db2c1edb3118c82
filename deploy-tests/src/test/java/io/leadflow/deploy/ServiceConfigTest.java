package io.leadflow.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceConfigTest {

    private static final String MAPPING = """
            @ConfigMapping(prefix = "leadflow.scoring")
            public interface ScoringConfig {
                interface Intake {
                    /** How often. */
                    @WithDefault("5000")
                    int commitIntervalMs();
                }
            }
            """;

    @Test
    void requiredEnvironment_isEveryProductionReferenceWithoutAValueOrDefault() {
        ServiceConfig config = ServiceConfig.of("""
                %dev.leadflow.db.url=postgresql://localhost/leadflow
                quarkus.datasource.reactive.url=${leadflow.db.url}
                quarkus.datasource.password=${LEADFLOW_DB_PASSWORD}
                leadflow.export.url=${LEADFLOW_EXPORT_URL:http://localhost:8084}
                group.id=ingest-${quarkus.uuid}
                leadflow.timezone=UTC
                zone=${leadflow.timezone}
                %prod.leadflow.region=PK
                region=${leadflow.region}
                %test.secret=${LEADFLOW_TEST_ONLY}
                %prod.signing=${leadflow.auth.signing-key}
                interval=${leadflow.scoring.intake.commit-interval-ms}
                """, MAPPING, "ENV QUARKUS_HTTP_PORT=8080\n");

        assertThat(config.requiredEnvironment()).containsExactly("LEADFLOW_AUTH_SIGNING_KEY", "LEADFLOW_DB_PASSWORD", "LEADFLOW_DB_URL");
    }

    @Test
    void httpPort_isTheDeploymentsThenTheImagesThenTheApplicationsOwn() {
        ServiceConfig image = ServiceConfig.of("quarkus.http.port=8083\n", "", "ENV QUARKUS_HTTP_PORT=8080\n");
        ServiceConfig noImagePort = ServiceConfig.of("quarkus.http.port=8083\n", "", "");

        assertThat(image.httpPort(Map.of())).isEqualTo(8080);
        assertThat(image.httpPort(Map.of("QUARKUS_HTTP_PORT", "9000"))).isEqualTo(9000);
        assertThat(noImagePort.httpPort(Map.of())).isEqualTo(8083);
    }

    @Test
    void sharedGroupTopics_leavesOutGroupsOfOneInstance() {
        ServiceConfig config = ServiceConfig.of("""
                mp.messaging.incoming.lead-analyzed.topic=lead.analyzed.v1
                mp.messaging.incoming.lead-analyzed.group.id=scoring-service
                mp.messaging.incoming.lead-scored.topic=lead.scored.v1
                mp.messaging.incoming.lead-scored.group.id=ingest-wait-${quarkus.uuid}
                """, "", "");

        assertThat(config.sharedGroupTopics()).containsExactly(Map.entry("scoring-service", "lead.analyzed.v1"));
    }

    @Test
    void theRealServices_needTheirDatabaseCredentials() {
        assertThat(ServiceConfig.of("scoring").requiredEnvironment()).containsExactly("LEADFLOW_DB_PASSWORD", "LEADFLOW_DB_URL", "LEADFLOW_DB_USER");
        assertThat(ServiceConfig.of("analysis").sharedGroupTopics()).containsExactly(Map.entry("analysis-service", "lead.messages.v1"));
    }
}
