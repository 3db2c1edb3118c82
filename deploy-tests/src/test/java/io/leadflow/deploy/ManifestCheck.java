package io.leadflow.deploy;

import io.leadflow.events.Topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An overlay's rendered objects against what the services, docker-compose.yml, lead-events and the Secret template
 * say. Each problem is one line that names the object and what is wrong; none means the manifests are true.
 */
final class ManifestCheck {

    static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready", "livenessProbe", "/q/health/live");

    private final Cluster cluster;
    private final Function<String, ServiceConfig> configs;
    private final Map<String, Set<String>> secrets;
    private final List<String> problems = new ArrayList<>();
    /** Each Deployment's container environment, read once (its references checked once). */
    private final Map<String, Map<String, String>> environments = new TreeMap<>();

    /**
     * @param objects an overlay's rendered objects
     * @param configs each service's own configuration, by short name
     * @param secrets the Secret template's Secrets: their names and keys
     */
    ManifestCheck(List<Map<String, Object>> objects, Function<String, ServiceConfig> configs, Map<String, Set<String>> secrets) {
        this.cluster = new Cluster(objects);
        this.configs = configs;
        this.secrets = secrets;
    }

    /** The Secrets of deploy/kubernetes/secrets/secrets.template.yaml, each with its keys. */
    static Map<String, Set<String>> secretTemplate() {
        Map<String, Set<String>> secrets = new TreeMap<>();
        for (Map<String, Object> secret : Yaml.documents(Repository.read(Repository.KUBERNETES.resolve("secrets/secrets.template.yaml")))) {
            secrets.put(Yaml.text(secret, "metadata", "name"), new TreeSet<>(Yaml.map(secret, "stringData").keySet()));
        }
        return secrets;
    }

    List<String> problems() {
        for (Map<String, Object> deployment : cluster.all("Deployment")) {
            String name = Yaml.text(deployment, "metadata", "name");
            environments.put(name, environment(name, Cluster.container(deployment)));
        }
        for (String service : Repository.SERVICES) {
            cluster.find("Deployment", service).ifPresentOrElse(deployment -> deployment(service, deployment),
                    () -> problems.add(service + ": no Deployment"));
        }
        topics();
        databaseClients();
        return problems;
    }

    private void deployment(String service, Map<String, Object> deployment) {
        ServiceConfig config = configs.apply(service);
        Map<String, Object> container = Cluster.container(deployment);
        Map<String, String> environment = environments.get(service);

        if (!Compose.image(service).equals(container.get("image"))) {
            problems.add(service + ": image " + container.get("image") + ", docker-compose.yml builds " + Compose.image(service));
        }
        missing(service, "environment key the service needs", config.requiredEnvironment(), environment.keySet());
        missing(service, "environment key docker-compose.yml gives it", Compose.environmentKeys(service), environment.keySet());
        probes(service, container, config.httpPort(environment));
        metrics(service, deployment, container, config.httpPort(environment), config.metricsPort(environment));
        hardening(service, deployment, container);
        companions(service, deployment);
        consumerGroups(service, config, environment);
    }

    /** The container's environment, plain values as they are and references (Secret, ConfigMap) checked and marked. */
    private Map<String, String> environment(String service, Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object variable : Yaml.list(container, "env")) {
            String name = Yaml.text(variable, "name");
            Object secret = Yaml.at(variable, "valueFrom", "secretKeyRef");
            Object configMap = Yaml.at(variable, "valueFrom", "configMapKeyRef");
            if (secret != null) {
                secretKey(service + " " + name, Yaml.text(secret, "name"), Yaml.text(secret, "key"));
                environment.put(name, "(secret)");
            } else if (configMap != null) {
                configMapKey(service + " " + name, Yaml.text(configMap, "name"), Yaml.text(configMap, "key"));
                environment.put(name, Yaml.text(cluster.find("ConfigMap", Yaml.text(configMap, "name")).orElse(Map.of()),
                        "data", Yaml.text(configMap, "key")));
            } else {
                environment.put(name, Objects.toString(Yaml.at(variable, "value"), ""));
            }
        }
        for (Object source : Yaml.list(container, "envFrom")) {
            String secret = Yaml.text(source, "secretRef", "name");
            if (secret != null) {
                secretKey(service + " envFrom", secret, null);
                secrets.getOrDefault(secret, Set.of()).forEach(key -> environment.put(key, "(secret)"));
            }
            String configMap = Yaml.text(source, "configMapRef", "name");
            if (configMap != null) {
                Map<String, Object> data = Yaml.map(cluster.find("ConfigMap", configMap).orElse(Map.of()), "data");
                configMapKey(service + " envFrom", configMap, null);
                data.forEach((key, value) -> environment.put(key, String.valueOf(value)));
            }
        }
        return environment;
    }

    private void secretKey(String who, String secret, String key) {
        if (!secrets.containsKey(secret)) {
            problems.add(who + ": Secret " + secret + " is not in secrets.template.yaml");
        } else if (key != null && !secrets.get(secret).contains(key)) {
            problems.add(who + ": Secret " + secret + " has no key " + key + " in secrets.template.yaml");
        }
    }

    private void configMapKey(String who, String name, String key) {
        var configMap = cluster.find("ConfigMap", name);
        if (configMap.isEmpty()) {
            problems.add(who + ": no ConfigMap " + name);
        } else if (key != null && !Yaml.map(configMap.get(), "data").containsKey(key)) {
            problems.add(who + ": ConfigMap " + name + " has no key " + key);
        }
    }

    private void missing(String service, String what, Set<String> expected, Set<String> present) {
        for (String key : expected) {
            if (!present.contains(key)) {
                problems.add(service + ": no " + key + " in the Deployment (" + what + ")");
            }
        }
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        return Yaml.list(container, "ports").stream().collect(Collectors.toMap(
                port -> Yaml.text(port, "name"), port -> Integer.valueOf(Yaml.text(port, "containerPort"))));
    }

    /** A port as a probe or Service names it: a container port's name, or a number. */
    private static Integer portNumber(Map<String, Integer> containerPorts, String nameOrNumber) {
        return containerPorts.getOrDefault(nameOrNumber, nameOrNumber.matches("\\d+") ? Integer.valueOf(nameOrNumber) : null);
    }

    private void probes(String service, Map<String, Object> container, int httpPort) {
        Map<String, Integer> ports = containerPorts(container);
        if (!ports.containsValue(httpPort)) {
            problems.add(service + ": no container port " + httpPort + ", where the service listens");
        }
        PROBES.forEach((probe, path) -> {
            Object get = Yaml.at(container, probe, "httpGet");
            if (get == null) {
                problems.add(service + ": no " + probe);
                return;
            }
            if (!path.equals(Yaml.text(get, "path"))) {
                problems.add(service + ": " + probe + " on " + Yaml.text(get, "path") + ", SmallRye Health answers on " + path);
            }
            String port = Yaml.text(get, "port");
            if (!Objects.equals(portNumber(ports, port), httpPort)) {
                problems.add(service + ": " + probe + " on port " + port + ", the service listens on " + httpPort);
            }
        });
    }

    /** Prometheus is pointed at the port the metrics are on, and no Service publishes it (unless it is the HTTP port). */
    private void metrics(String service, Map<String, Object> deployment, Map<String, Object> container, int httpPort,
                         int metricsPort) {
        String scraped = Yaml.text(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port");
        if (!String.valueOf(metricsPort).equals(scraped)) {
            problems.add(service + ": Prometheus scrapes port " + scraped + ", the service serves /q/metrics on " + metricsPort);
        }
        Map<String, Integer> ports = containerPorts(container);
        if (!ports.containsValue(metricsPort)) {
            problems.add(service + ": no container port " + metricsPort + ", where the service serves /q/metrics");
        }
        cluster.find("Service", service).ifPresent(published -> Yaml.list(published, "spec", "ports").forEach(port -> {
            String target = Yaml.text(port, "targetPort");
            if (metricsPort != httpPort && Objects.equals(portNumber(ports, target), metricsPort)) {
                problems.add(service + ": the Service publishes port " + target + ", where /q/metrics is served");
            }
        }));
    }

    private void hardening(String service, Map<String, Object> deployment, Map<String, Object> container) {
        Map<String, Object> pod = Yaml.map(deployment, "spec", "template", "spec");
        if (!Boolean.TRUE.equals(Yaml.at(pod, "securityContext", "runAsNonRoot"))) {
            problems.add(service + ": not runAsNonRoot");
        }
        if (!Boolean.TRUE.equals(Yaml.at(container, "securityContext", "readOnlyRootFilesystem"))) {
            problems.add(service + ": root filesystem not read-only");
        }
        boolean tmp = Yaml.list(container, "volumeMounts").stream().anyMatch(mount -> "/tmp".equals(Yaml.text(mount, "mountPath"))
                && Yaml.list(pod, "volumes").stream().anyMatch(volume -> Objects.equals(Yaml.text(volume, "name"), Yaml.text(mount, "name"))
                        && Yaml.at(volume, "emptyDir") != null));
        if (!tmp) {
            problems.add(service + ": no emptyDir on /tmp, the only place a service writes to");
        }
        for (String resource : List.of("cpu", "memory")) {
            if (Yaml.at(container, "resources", "requests", resource) == null) {
                problems.add(service + ": no " + resource + " request");
            }
        }
        if (Yaml.at(container, "resources", "limits", "memory") == null) {
            problems.add(service + ": no memory limit");
        }
        if (Yaml.at(pod, "terminationGracePeriodSeconds") == null) {
            problems.add(service + ": no terminationGracePeriodSeconds");
        }
    }

    /** The Service and PodDisruptionBudget that go with a Deployment, selecting its pods. */
    private void companions(String service, Map<String, Object> deployment) {
        Map<String, Object> podLabels = Yaml.map(deployment, "spec", "template", "metadata", "labels");
        var kubeService = cluster.find("Service", service);
        if (kubeService.isEmpty() || !podLabels.entrySet().containsAll(Yaml.map(kubeService.get(), "spec", "selector").entrySet())) {
            problems.add(service + ": no Service selecting its pods");
        } else {
            Set<String> portNames = Yaml.list(Cluster.container(deployment), "ports").stream()
                    .map(port -> Yaml.text(port, "name")).collect(Collectors.toSet());
            for (Object port : Yaml.list(kubeService.get(), "spec", "ports")) {
                if (!portNames.contains(Yaml.text(port, "targetPort"))) {
                    problems.add(service + ": Service targets port " + Yaml.text(port, "targetPort") + ", which the pod does not name");
                }
            }
        }
        var budget = cluster.find("PodDisruptionBudget", service);
        if (budget.isEmpty() || !podLabels.entrySet().containsAll(Yaml.map(budget.get(), "spec", "selector", "matchLabels").entrySet())) {
            problems.add(service + ": no PodDisruptionBudget selecting its pods");
        }
    }

    /**
     * A service that reads a topic in a group all its replicas share scales on that group's lag (KEDA), up to the
     * topic's partitions, asking the broker the service itself uses; any other service scales on CPU.
     */
    private void consumerGroups(String service, ServiceConfig config, Map<String, String> environment) {
        Map<String, String> groups = config.sharedGroupTopics();
        var scaledObject = cluster.find("ScaledObject", Cluster.targeting(service));
        if (groups.isEmpty()) {
            if (cluster.find("HorizontalPodAutoscaler", Cluster.targeting(service)).isEmpty() && Set.of("ingest", "query").contains(service)) {
                problems.add(service + ": no HorizontalPodAutoscaler");
            }
            return;
        }
        if (scaledObject.isEmpty()) {
            problems.add(service + ": reads in consumer group " + groups.keySet() + " but has no ScaledObject");
            return;
        }
        Map<String, String> triggers = new TreeMap<>();
        for (Object trigger : Yaml.list(scaledObject.get(), "spec", "triggers")) {
            if ("kafka".equals(Yaml.text(trigger, "type"))) {
                triggers.put(Yaml.text(trigger, "metadata", "consumerGroup"), Yaml.text(trigger, "metadata", "topic"));
                if (!Objects.equals(Yaml.text(trigger, "metadata", "bootstrapServers"), environment.get("KAFKA_BOOTSTRAP_SERVERS"))) {
                    problems.add(service + ": ScaledObject asks " + Yaml.text(trigger, "metadata", "bootstrapServers")
                            + " for the lag, the service uses " + environment.get("KAFKA_BOOTSTRAP_SERVERS"));
                }
            }
        }
        if (!triggers.equals(new TreeMap<>(groups))) {
            problems.add(service + ": ScaledObject scales on groups and topics " + triggers + ", the service reads " + groups);
        }
        if (!Objects.equals(Yaml.text(scaledObject.get(), "spec", "maxReplicaCount"), String.valueOf(Topics.PARTITIONS))) {
            problems.add(service + ": ScaledObject maxReplicaCount " + Yaml.text(scaledObject.get(), "spec", "maxReplicaCount")
                    + ", the topics have " + Topics.PARTITIONS + " partitions");
        }
    }

    /** Every topic lead-events names, as Topics.definition creates it, on the Kafka cluster the services use. */
    private void topics() {
        var kafka = cluster.all("Kafka").stream().findFirst();
        if (kafka.isEmpty()) {
            problems.add("no Kafka");
            return;
        }
        String kafkaName = Yaml.text(kafka.get(), "metadata", "name");
        Map<String, Map<String, Object>> declared = new TreeMap<>();
        for (Map<String, Object> topic : cluster.all("KafkaTopic")) {
            declared.put(Objects.requireNonNullElse(Yaml.text(topic, "spec", "topicName"), Yaml.text(topic, "metadata", "name")), topic);
        }
        if (!declared.keySet().equals(new TreeSet<>(Topics.ALL))) {
            problems.add("KafkaTopics " + declared.keySet() + ", lead-events' Topics.ALL is " + new TreeSet<>(Topics.ALL));
        }
        declared.forEach((name, topic) -> {
            if (!kafkaName.equals(Yaml.text(topic, "metadata", "labels", "strimzi.io/cluster"))) {
                problems.add("KafkaTopic " + name + ": not on Kafka cluster " + kafkaName);
            }
            if (!String.valueOf(Topics.PARTITIONS).equals(Yaml.text(topic, "spec", "partitions"))) {
                problems.add("KafkaTopic " + name + ": " + Yaml.text(topic, "spec", "partitions") + " partitions, Topics.PARTITIONS is " + Topics.PARTITIONS);
            }
            Topics.definition(name).configs().forEach((key, value) -> {
                if (!value.equals(Yaml.text(topic, "spec", "config", key))) {
                    problems.add("KafkaTopic " + name + ": " + key + "=" + Yaml.text(topic, "spec", "config", key) + ", Topics.definition says " + value);
                }
            });
        });
        Object plain = Yaml.list(kafka.get(), "spec", "kafka", "listeners").stream()
                .filter(listener -> "false".equals(Yaml.text(listener, "tls"))).findFirst().orElse(null);
        String bootstrap = kafkaName + "-kafka-bootstrap:" + Yaml.text(plain, "port");
        Set<String> clients = new TreeSet<>();
        for (var deployment : environments.entrySet()) {
            String service = deployment.getKey();
            Map<String, String> environment = deployment.getValue();
            if (environment.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                clients.add(service);
                if (!bootstrap.equals(environment.get("KAFKA_BOOTSTRAP_SERVERS"))) {
                    problems.add(service + ": KAFKA_BOOTSTRAP_SERVERS " + environment.get("KAFKA_BOOTSTRAP_SERVERS") + ", Strimzi's bootstrap is " + bootstrap);
                }
            }
        }
        Set<String> peers = peerNames(Yaml.list(plain, "networkPolicyPeers"));
        if (!peers.equals(clients)) {
            problems.add("Kafka listener lets in " + peers + ", the services that use Kafka are " + clients);
        }
    }

    /** PostgreSQL lets in exactly the services that have its URL, which names CloudNativePG's read-write Service. */
    private void databaseClients() {
        var database = cluster.all("Cluster").stream().findFirst();
        if (database.isEmpty()) {
            problems.add("no CloudNativePG Cluster");
            return;
        }
        String name = Yaml.text(database.get(), "metadata", "name");
        secretKey("Cluster " + name + " bootstrap", Yaml.text(database.get(), "spec", "bootstrap", "initdb", "secret", "name"), "password");
        for (String credential : List.of("accessKeyId", "secretAccessKey")) {
            Object reference = Yaml.at(database.get(), "spec", "backup", "barmanObjectStore", "s3Credentials", credential);
            if (reference != null) {
                secretKey("Cluster " + name + " backup", Yaml.text(reference, "name"), Yaml.text(reference, "key"));
            }
        }
        Set<String> clients = new TreeSet<>();
        for (var deployment : environments.entrySet()) {
            String service = deployment.getKey();
            String url = deployment.getValue().get("LEADFLOW_DB_URL");
            if (url != null) {
                clients.add(service);
                if (!url.startsWith("postgresql://" + name + "-rw:5432/")) {
                    problems.add(service + ": LEADFLOW_DB_URL " + url + " is not the read-write Service of " + name);
                }
            }
        }
        var policy = cluster.find("NetworkPolicy", object -> name.equals(Yaml.text(object, "spec", "podSelector", "matchLabels", "cnpg.io/cluster")));
        Set<String> peers = new TreeSet<>();
        policy.ifPresent(found -> Yaml.list(found, "spec", "ingress").stream()
                .filter(rule -> Yaml.list(rule, "ports").stream().anyMatch(port -> "5432".equals(Yaml.text(port, "port"))))
                .forEach(rule -> peers.addAll(peerNames(Yaml.list(rule, "from")))));
        if (!peers.equals(clients)) {
            problems.add("PostgreSQL lets in " + peers + ", the services that use it are " + clients);
        }
    }

    private static Set<String> peerNames(List<Object> peers) {
        return peers.stream().map(peer -> Yaml.text(peer, "podSelector", "matchLabels", "app.kubernetes.io/name"))
                .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }
}
