package io.leadflow.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay, rendered as kubectl apply -k renders it, is true to the services it deploys. */
class OverlaysTest {

    /** The custom resources the manifests use, each with the operator that serves it. */
    private static final Map<String, String> CUSTOM_RESOURCES = Map.of(
            "Kafka", "kafka.strimzi.io/v1beta2", "KafkaNodePool", "kafka.strimzi.io/v1beta2",
            "KafkaTopic", "kafka.strimzi.io/v1beta2", "Cluster", "postgresql.cnpg.io/v1",
            "ScheduledBackup", "postgresql.cnpg.io/v1", "ScaledObject", "keda.sh/v1alpha1");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void overlay_matchesTheServicesConfigurationComposeImagesTopicsAndSecretTemplate(String overlay) {
        List<Map<String, Object>> objects = render(overlay);

        assertThat(new ManifestCheck(objects, ServiceConfig::of, ManifestCheck.secretTemplate()).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void overlay_everyObjectParsesIntoItsTypedModelWithNoUnknownField(String overlay) {
        Map<String, List<String>> unknown = new TreeMap<>();
        for (Map<String, Object> object : render(overlay)) {
            HasMetadata typed = TypedModel.parse(object);
            String name = object.get("kind") + "/" + typed.getMetadata().getName();
            if (typed instanceof GenericKubernetesResource) {
                assertThat(CUSTOM_RESOURCES).as(name + " is a kind with no typed model").containsEntry(typed.getKind(), typed.getApiVersion());
            } else if (!TypedModel.unknownFields(typed).isEmpty()) {
                unknown.put(name, TypedModel.unknownFields(typed));
            }
        }
        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void ingress_sendsWebhooksToIngestAndEverythingElseToQuery(String overlay) {
        Map<String, Object> ingress = new Cluster(render(overlay)).all("Ingress").get(0);

        for (String path : IngressRoutes.resourcePaths("ingest")) {
            assertThat(IngressRoutes.serviceFor(ingress, path)).as(path).contains("ingest");
            assertThat(IngressRoutes.serviceFor(ingress, path + "/")).as(path + "/").contains("ingest");
        }
        for (String path : IngressRoutes.resourcePaths("query")) {
            assertThat(IngressRoutes.serviceFor(ingress, path)).as(path).contains("query");
        }
        assertThat(IngressRoutes.resourcePaths("query")).contains("/api/webhook/leads", "/api/webhook/stats");
        for (String path : Set.of("/", "/static/app.js", "/api/export/leads.csv", "/api/webhooks")) {
            assertThat(IngressRoutes.serviceFor(ingress, path)).as(path).contains("query");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void ingest_believesXForwardedForFromThePrivateRanges_whereTheIngressControllerConnectsFrom(String overlay) {
        Cluster cluster = new Cluster(render(overlay));
        Object variable = Yaml.list(Cluster.container(cluster.find("Deployment", "ingest").orElseThrow()), "env").stream()
                .filter(env -> "LEADFLOW_INGEST_TRUSTED_PROXIES".equals(Yaml.text(env, "name"))).findFirst().orElseThrow();
        String configMap = Yaml.text(variable, "valueFrom", "configMapKeyRef", "name");
        String key = Yaml.text(variable, "valueFrom", "configMapKeyRef", "key");

        String ranges = Yaml.text(cluster.find("ConfigMap", configMap).orElseThrow(), "data", key);
        assertThat(ranges.split(",")).contains("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");
    }

    static List<Map<String, Object>> render(String overlay) {
        return Kustomize.render(Repository.KUBERNETES.resolve("overlays").resolve(overlay));
    }
}
