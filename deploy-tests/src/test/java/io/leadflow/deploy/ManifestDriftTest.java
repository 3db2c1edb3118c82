package io.leadflow.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The check catches drift: each test changes one thing in the rendered production overlay or in a service's configuration. */
class ManifestDriftTest {

    private static String rendered;
    private List<Map<String, Object>> objects;
    private Cluster cluster;

    @BeforeAll
    static void renderOnce() {
        rendered = new org.yaml.snakeyaml.Yaml().dumpAll(OverlaysTest.render("production").iterator());
    }

    @BeforeEach
    void freshCopy() {
        objects = Yaml.documents(rendered);
        cluster = new Cluster(objects);
    }

    @Test
    void unchangedOverlay_hasNoProblem() {
        assertThat(problems()).isEmpty();
    }

    @Test
    void scaledObjectOnAnotherGroup_isDrift() {
        trigger("analysis").put("consumerGroup", "analysis");

        assertThat(problems()).containsExactly("analysis: ScaledObject scales on groups and topics {analysis=lead.messages.v1}, "
                + "the service reads {analysis-service=lead.messages.v1}");
    }

    @Test
    void scaledObjectOnAnotherTopic_isDrift() {
        trigger("scoring").put("topic", "lead.messages.v1");

        assertThat(problems()).containsExactly("scoring: ScaledObject scales on groups and topics {scoring-service=lead.messages.v1}, "
                + "the service reads {scoring-service=lead.analyzed.v1}");
    }

    @Test
    void moreWorkersThanPartitions_isDrift() {
        Yaml.map(cluster.find("ScaledObject", "scoring").orElseThrow(), "spec").put("maxReplicaCount", 24);

        assertThat(problems()).containsExactly("scoring: ScaledObject maxReplicaCount 24, the topics have 12 partitions");
    }

    @Test
    void missingDatabasePassword_isDrift() {
        removeEnvironment("scoring", "LEADFLOW_DB_PASSWORD");

        assertThat(problems()).containsExactly("scoring: no LEADFLOW_DB_PASSWORD in the Deployment (environment key the service needs)",
                "scoring: no LEADFLOW_DB_PASSWORD in the Deployment (environment key docker-compose.yml gives it)");
    }

    @Test
    void missingWebhookSecret_isDriftFromCompose() {
        removeEnvironment("ingest", "LEADFLOW_TWILIO_AUTH_TOKEN");

        assertThat(problems()).containsExactly("ingest: no LEADFLOW_TWILIO_AUTH_TOKEN in the Deployment (environment key docker-compose.yml gives it)");
    }

    @Test
    void aKeyAServiceNewlyRequires_isDrift() {
        Function<String, ServiceConfig> configs = service -> service.equals("query")
                ? withProperties(service, "smallrye.jwt.sign.key=${leadflow.auth.signing-key}\n"
                        + "leadflow.audit.retention=${LEADFLOW_AUDIT_RETENTION}\n")
                : ServiceConfig.of(service);

        assertThat(new ManifestCheck(objects, configs, ManifestCheck.secretTemplate()).problems()).containsExactlyInAnyOrder(
                "query: no LEADFLOW_AUDIT_RETENTION in the Deployment (environment key the service needs)",
                "query: no LEADFLOW_AUTH_SIGNING_KEY in the Deployment (environment key the service needs)");
    }

    @Test
    void secretKeyNotInTheTemplate_isDrift() {
        Map<String, Set<String>> template = new HashMap<>(ManifestCheck.secretTemplate());
        template.put("leadflow-llm", Set.of("LEADFLOW_MISTRAL_API_KEY", "LEADFLOW_GEMINI_API_KEY"));

        assertThat(new ManifestCheck(objects, ServiceConfig::of, template).problems())
                .containsExactly("analysis LEADFLOW_OPENAI_API_KEY: Secret leadflow-llm has no key LEADFLOW_OPENAI_API_KEY in secrets.template.yaml");
    }

    @Test
    void probeOnAPathHealthDoesNotServe_isDrift() {
        Yaml.map(container("export"), "readinessProbe", "httpGet").put("path", "/health/ready");

        assertThat(problems()).containsExactly("export: readinessProbe on /health/ready, SmallRye Health answers on /q/health/ready");
    }

    @Test
    void containerPortTheServiceDoesNotListenOn_isDrift() {
        Yaml.map(container("query"), "ports", 0).put("containerPort", 8080 + 1);

        assertThat(problems()).contains("query: no container port 8080, where the service listens",
                "query: readinessProbe on port http, the service listens on 8080");
    }

    @Test
    void prometheusPointedAtThePublicPort_orTheMetricsPortPublished_isDrift() {
        Map<String, Object> deployment = cluster.find("Deployment", "query").orElseThrow();
        Yaml.map(deployment, "spec", "template", "metadata", "annotations").put("prometheus.io/port", "8080");
        Yaml.map(cluster.find("Service", "export").orElseThrow(), "spec", "ports", 0).put("targetPort", "management");

        assertThat(problems()).containsExactlyInAnyOrder(
                "query: Prometheus scrapes port 8080, the service serves /q/metrics on 9000",
                "export: the Service publishes port management, where /q/metrics is served");
    }

    @Test
    void imageComposeDoesNotBuild_isDrift() {
        container("ingest").put("image", "leadflow/ingest-service:latest");

        assertThat(problems()).containsExactly("ingest: image leadflow/ingest-service:latest, docker-compose.yml builds leadflow/ingest-service:0.1.0-SNAPSHOT");
    }

    @Test
    void topicWithFewerPartitions_andAMissingTopic_areDrift() {
        Yaml.map(cluster.find("KafkaTopic", "lead-scored-v1").orElseThrow(), "spec").put("partitions", 3);
        objects.remove(cluster.find("KafkaTopic", "lead-updated-v1-dlq").orElseThrow());

        assertThat(problems()).containsExactly(
                "KafkaTopics [lead.analyzed.v1, lead.analyzed.v1.dlq, lead.messages.v1, lead.messages.v1.dlq, lead.scored.v1, "
                        + "lead.scored.v1.dlq, lead.updated.v1], lead-events' Topics.ALL is [lead.analyzed.v1, lead.analyzed.v1.dlq, "
                        + "lead.messages.v1, lead.messages.v1.dlq, lead.scored.v1, lead.scored.v1.dlq, lead.updated.v1, lead.updated.v1.dlq]",
                "KafkaTopic lead.scored.v1: 3 partitions, Topics.PARTITIONS is 12");
    }

    @Test
    void kafkaClosedToAServiceThatUsesIt_isDrift() {
        Map<String, Object> kafka = cluster.all("Kafka").get(0);
        Yaml.list(kafka, "spec", "kafka", "listeners", 0, "networkPolicyPeers").remove(0);

        assertThat(problems()).containsExactly("Kafka listener lets in [analysis, query, scoring], the services that use Kafka are "
                + "[analysis, ingest, query, scoring]");
    }

    @Test
    void databaseOpenToAServiceThatDoesNotUseIt_isDrift() {
        Map<String, Object> policy = cluster.find("NetworkPolicy", "leadflow-db").orElseThrow();
        Yaml.list(policy, "spec", "ingress", 0, "from").add(Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "ingest"))));

        assertThat(problems()).containsExactly("PostgreSQL lets in [export, ingest, query, scoring], the services that use it are [export, query, scoring]");
    }

    @Test
    void ingressWithoutTheExactReadRules_sendsTheReadEndpointsToIngest() {
        Map<String, Object> ingress = cluster.all("Ingress").get(0);
        assertThat(IngressRoutes.serviceFor(ingress, "/api/webhook/leads")).contains("query");

        Yaml.list(ingress, "spec", "rules", 0, "http", "paths").removeIf(path -> "Exact".equals(Yaml.text(path, "pathType")));

        assertThat(IngressRoutes.serviceFor(ingress, "/api/webhook/leads")).contains("ingest");
    }

    @Test
    void misspelledField_isAnUnknownFieldOfTheTypedModel() {
        Map<String, Object> deployment = cluster.find("Deployment", "scoring").orElseThrow();
        assertThat(TypedModel.unknownFields(TypedModel.parse(deployment))).isEmpty();

        container("scoring").put("readinesProbe", container("scoring").remove("readinessProbe"));

        assertThat(TypedModel.unknownFields(TypedModel.parse(deployment))).containsExactly("Deployment.Spec.Template.Spec.Containers[0].readinesProbe");
    }

    private List<String> problems() {
        return new ManifestCheck(objects, ServiceConfig::of, ManifestCheck.secretTemplate()).problems();
    }

    private Map<String, Object> container(String service) {
        return Cluster.container(cluster.find("Deployment", service).orElseThrow());
    }

    private void removeEnvironment(String service, String name) {
        Yaml.list(container(service), "env").removeIf(variable -> name.equals(Yaml.text(variable, "name")));
    }

    private Map<String, Object> trigger(String service) {
        return Yaml.map(cluster.find("ScaledObject", service).orElseThrow(), "spec", "triggers", 0, "metadata");
    }

    private static ServiceConfig withProperties(String service, String extra) {
        ServiceConfig config = ServiceConfig.of(service);
        ServiceConfig added = ServiceConfig.of(extra, "", "");
        config.properties().putAll(added.properties());
        return config;
    }

}
