package io.leadflow.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.leadflow.events.Topics;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.CommandLine;
import org.testcontainers.utility.LogUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The real {@code docker-compose.yml}, brought up as a user brings it up, on this machine's container engine: Kafka,
 * PostgreSQL, the topics, the five service images built from {@code src/main/docker/Dockerfile.jvm}; signed WhatsApp
 * webhooks in through ingest's published port, the scored leads out through query-service's, one service container
 * stopped and started again in between, and nothing lost.
 *
 * <p><b>How it runs here.</b> No image registry is reachable, so {@code apache/kafka}, {@code postgres} and
 * {@code eclipse-temurin} cannot be pulled: the compose file's image keys ({@code KAFKA_IMAGE}, {@code POSTGRES_IMAGE},
 * {@code JRE_IMAGE}) name local stand-ins that honour the same environment keys ({@link StandInImages}); everything
 * else is the file as committed, with {@code .env.example} as its {@code .env} and the secrets this test sets. The
 * engine is Podman's Docker API ({@link ContainerEngine}); Podman on a machine without systemd does not schedule
 * healthchecks, so {@link PodmanHealthchecks} runs each container's own healthcheck command.
 *
 * <p><b>Testcontainers.</b> {@link DockerComposeContainer} drives the file with a local {@code docker-compose} (v1,
 * Debian's 1.29, over Podman's socket): up with {@code --build}, waiting for every service's healthcheck, down with its
 * volumes. {@code ComposeContainer}, the Compose v2 variant, cannot run here: it runs {@code docker compose}, a plugin
 * this machine's Docker client lacks, or else a {@code docker} image that cannot be pulled. Ryuk is off (its image
 * cannot be pulled either): this class removes what it starts, also when a step fails, and what a killed earlier run
 * left behind.
 *
 * <p>Skipped, saying why, on a machine without Podman or Docker, or without {@code docker-compose}.
 */
@EnabledIf(value = "containerToolsInstalled", disabledReason = "needs docker-compose, and Podman or Docker. "
        + ComposeStackIT.TOOLS)
class ComposeStackIT {

    static final String TOOLS = "apt-get install podman runc debootstrap docker-compose (.ci/run installs them)";

    private static final Logger LOG = Logger.getLogger(ComposeStackIT.class.getName());

    private static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String LEADFLOW_IMAGES = StandInImages.REPOSITORY.replaceAll("/$", "");
    private static final String VERSION = System.getProperty("leadflow.version", "0.1.0-SNAPSHOT");
    /**
     * This run's name, carrying this JVM's pid in its compose project ({@code leadflowit<pid>x…}) and in its images'
     * tag ({@code <version>-it<pid>}): runs from several worktrees on one machine keep apart, and a later run removes
     * only what a run whose JVM is gone left behind.
     */
    private static final long PID = ProcessHandle.current().pid();
    private static final String RUN = "leadflowit" + PID + "x";
    private static final String IMAGE_TAG = VERSION + "-it" + PID;
    private static final Pattern RUN_PROJECT = Pattern.compile("^leadflowit(\\d+)x");
    private static final Pattern RUN_IMAGE_TAG = Pattern.compile("-it(\\d+)$");
    private static final List<String> INFRASTRUCTURE = List.of("kafka", "postgres");
    /** The services that face users; the rest is reachable only inside the compose network. */
    private static final List<String> PUBLISHED = List.of("ingest", "query");
    private static final List<String> SERVICES = Stream.of(Service.values())
            .map(service -> service.name().toLowerCase()).toList();
    private static final int CONTACTS_PER_ROUND = 20;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(2);

    private static final String WHATSAPP_APP_SECRET = UUID.randomUUID().toString();
    private static final String ADMIN_PASSWORD = "compose " + UUID.randomUUID();
    private static final String FIXTURE_MESSAGE_ID =
            "wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA";

    private static ContainerEngine engine;
    private static DockerClient docker;
    private static PodmanHealthchecks healthchecks;
    private static DockerComposeContainer<?> compose;
    private static Path logs;
    private static boolean tornDown;
    /** A run interrupted (Ctrl-C, a fork's exit) leaves neither containers nor Podman's service running. */
    private static final Thread TEAR_DOWN_ON_EXIT = new Thread(() -> {
        try {
            tearDownOnce();
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "Tear-down at exit failed: " + e);
        }
    }, "compose-tear-down");

    @BeforeAll
    static void bringTheComposeFileUp() throws IOException {
        Runtime.getRuntime().addShutdownHook(TEAR_DOWN_ON_EXIT);
        Path root = LeadflowStack.repositoryRoot();
        logs = Files.createDirectories(Path.of(System.getProperty("leadflow.container-test.logs",
                "target/compose-logs")));
        Path podmanSettings = root.resolve("container-tests/src/test/podman/containers.conf");
        engine = ContainerEngine.start(podmanSettings, logs);
        docker = DockerClientFactory.instance().client();
        LOG.info(() -> "Container engine: " + docker.versionCmd().exec().getVersion() + " at " + engine.dockerHost());
        removeLeftovers();

        long started = System.nanoTime();
        Path standInWork = Files.createDirectories(logs.resolve("stand-ins"));
        StandInImages.Names standIns = new StandInImages(docker, root, standInWork).prepare();
        healthchecks = PodmanHealthchecks.startIfNeeded(engine, docker, RUN);
        compose = new DockerComposeContainer<>(RUN, List.of(root.resolve("docker-compose.yml").toFile()))
                // .env.example as the .env: every documented key, none of a developer's own .env.
                .withOptions("--env-file " + root.resolve(".env.example"))
                .withEnv(environment(standIns))
                .withBuild(true)
                .withPull(false)
                .withRemoveVolumes(true)
                .withStartupTimeout(START_TIMEOUT);
        longRunning().forEach(service ->
                compose.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(START_TIMEOUT)));
        compose.start();
        LOG.info(() -> String.format("docker-compose.yml is up: images built and every service healthy in %d s",
                secondsSince(started)));
    }

    /** The compose file's keys as a user sets them in .env, with the stand-ins for the public images. */
    private static Map<String, String> environment(StandInImages.Names standIns) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_IMAGE", standIns.kafka());
        environment.put("POSTGRES_IMAGE", standIns.postgres());
        environment.put("JRE_IMAGE", standIns.jre());
        environment.put("LEADFLOW_IMAGE_GROUP", LEADFLOW_IMAGES);
        environment.put("LEADFLOW_VERSION", IMAGE_TAG);
        environment.put("POSTGRES_PASSWORD", UUID.randomUUID().toString());
        environment.put("LEADFLOW_WHATSAPP_APP_SECRET", WHATSAPP_APP_SECRET);
        environment.put("LEADFLOW_WHATSAPP_VERIFY_TOKEN", UUID.randomUUID().toString());
        environment.put("LEADFLOW_JWT_PRIVATE_KEY", TestAccess.privateKey());
        environment.put("LEADFLOW_JWT_PUBLIC_KEY", TestAccess.publicKey());
        environment.put("LEADFLOW_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // Port 0: the engine picks free ports, read back from the containers.
        environment.put("LEADFLOW_QUERY_PORT", "0");
        environment.put("LEADFLOW_INGEST_PORT", "0");
        // Seven JVMs on two cores: small heaps, and the quick compiler.
        environment.put("LEADFLOW_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        environment.put("KAFKA_HEAP_OPTS", "-Xms128m -Xmx384m");
        return environment;
    }

    @Test
    void everyService_isHealthy_theTopicsAreCreated_andOnlyQueryAndIngestArePublished_onLoopback() {
        Map<String, String> health = new LinkedHashMap<>();
        longRunning().forEach(service -> health.put(service, health(service)));
        InspectContainerResponse.ContainerState topics = inspect("kafka-init").getState();
        LOG.info(() -> "Compose services: " + health + "; kafka-init " + topics.getStatus()
                + " with " + topics.getExitCodeLong());
        assertThat(health).as("every long-running service's healthcheck")
                .allSatisfy((service, status) -> assertThat(status).isEqualTo("healthy"));
        assertThat(topics.getExitCodeLong()).as("kafka-init, which creates the topics").isZero();
        assertThat(LogUtils.getOutput(docker, containerId("kafka-init")))
                .as("kafka-init's output: every topic, with the launcher's partition count")
                .contains(Topics.ALL.stream()
                        .map(topic -> "Created topic " + topic + " with " + Topics.PARTITIONS + " partitions")
                        .toList());
        Map<String, List<String>> published = longRunning()
                .collect(toMap(service -> service, ComposeStackIT::publishedOn));
        assertThat(published).as("the host addresses each service is published on")
                .isEqualTo(longRunning().collect(toMap(service -> service,
                        service -> PUBLISHED.contains(service) ? List.of("127.0.0.1") : List.<String>of())));
    }

    @Test
    void webhookSignedWithAnotherSecret_isRefused_asIngestHasTheSecretFromEnv() {
        byte[] forged = whatsApp("923005599999", "I want to buy %d sofa", 1);
        given().baseUri(url("ingest")).contentType(ContentType.JSON).body(forged)
                .header("X-Hub-Signature-256", PlatformSignatures.meta("not-" + WHATSAPP_APP_SECRET, forged))
                .post("/api/webhook/whatsapp")
                .then().statusCode(403);
    }

    @Test
    void signedWebhooks_becomeScoredLeads_andNoneIsLost_whileScoringRestarts() {
        List<String> phones = IntStream.range(0, 2 * CONTACTS_PER_ROUND)
                .mapToObj(i -> String.format("92300550%04d", i)).toList();
        List<String> firstRound = phones.subList(0, CONTACTS_PER_ROUND);
        List<String> secondRound = phones.subList(CONTACTS_PER_ROUND, phones.size());

        postSigned(firstRound, "I want to buy %d sofas today, it is urgent");
        awaitLeads(firstRound);
        LOG.info(() -> firstRound.size() + " webhooks acked, " + firstRound.size()
                + " leads stored and scored (query-service)");

        String scoring = containerId("scoring");
        docker.stopContainerCmd(scoring).exec();
        postSigned(secondRound, "Do you have %d chairs? I need them this week");
        assertThat(storedPhones()).as("no lead is written while scoring is down: the messages wait in Kafka")
                .doesNotContainAnyElementsOf(withPlus(secondRound));
        long restarted = System.nanoTime();
        docker.startContainerCmd(scoring).exec();
        await("scoring healthy again").atMost(START_TIMEOUT).until(() -> "healthy".equals(health("scoring")));
        LOG.info(() -> String.format("1 container restarted: scoring, stopped while %d webhooks were acked, "
                + "healthy again in %d s", secondRound.size(), secondsSince(restarted)));

        awaitLeads(phones);
        List<Map<String, Object>> leads = leads();
        assertThat(leads).as("one lead per contact, each scored").hasSize(phones.size()).allSatisfy(lead -> {
            assertThat(lead.get("channel")).isEqualTo("whatsapp");
            assertThat(lead.get("message_count")).isEqualTo(1);
            assertThat(lead.get("quality")).isIn("HOT", "WARM", "COLD");
            assertThat((Integer) lead.get("score")).isBetween(0, 100);
        });
        assertThat(leads).extracting(lead -> lead.get("user_phone"))
                .containsExactlyInAnyOrderElementsOf(withPlus(phones));
        LOG.info(() -> String.format("%d webhooks acked, %d leads stored, %d lost", phones.size(), leads.size(),
                phones.size() - leads.size()));
    }

    /** One WhatsApp Cloud API notification per phone, signed as Meta signs it, each answered 200 by ingest. */
    private static void postSigned(List<String> phones, String text) {
        for (int i = 0; i < phones.size(); i++) {
            byte[] body = whatsApp(phones.get(i), text, i + 1);
            given().baseUri(url("ingest")).contentType(ContentType.JSON).body(body)
                    .header("X-Hub-Signature-256", PlatformSignatures.meta(WHATSAPP_APP_SECRET, body))
                    .post("/api/webhook/whatsapp")
                    .then().statusCode(200).body("status", equalTo("accepted"));
        }
    }

    /** A WhatsApp Cloud API notification of one text message from a phone (its WhatsApp id, no +). */
    private static byte[] whatsApp(String phone, String text, int number) {
        return WebhookFixtures.replacing("whatsapp/text.json", Map.of(
                "923001112233", phone,
                FIXTURE_MESSAGE_ID, "wamid.compose-" + phone,
                "Is the blue sofa in stock? I want to buy 2 this week, urgent.", String.format(text, number)));
    }

    private static void awaitLeads(List<String> phones) {
        await("leads of " + phones.size() + " contacts").atMost(PIPELINE_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> storedPhones().containsAll(withPlus(phones)));
    }

    private static List<Object> storedPhones() {
        return leads().stream().map(lead -> lead.get("user_phone")).toList();
    }

    /** The E.164 form of WhatsApp ids, as leads store them. */
    private static List<String> withPlus(List<String> phones) {
        return phones.stream().map(phone -> "+" + phone).toList();
    }

    /** The leads, read as the admin that .env names, signed in through query-service. */
    private static List<Map<String, Object>> leads() {
        String token = given().baseUri(url("query")).contentType("application/json")
                .body(Map.of("username", "admin", "password", ADMIN_PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("token");
        given().baseUri(url("query")).get("/api/leads").then().statusCode(401);
        return given().baseUri(url("query")).header("Authorization", "Bearer " + token).get("/api/leads?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("leads");
    }

    /** {@code http://127.0.0.1:PORT} of a service's published port. */
    private static String url(String service) {
        return "http://127.0.0.1:" + inspect(service).getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(8080))[0].getHostPortSpec();
    }

    /** The host addresses a service's ports are published on. */
    private static List<String> publishedOn(String service) {
        return inspect(service).getNetworkSettings().getPorts().getBindings().values().stream()
                .filter(Objects::nonNull).flatMap(Arrays::stream).map(Ports.Binding::getHostIp).toList();
    }

    private static String health(String service) {
        InspectContainerResponse.ContainerState state = inspect(service).getState();
        return state.getHealth() == null ? "no healthcheck" : state.getHealth().getStatus();
    }

    private static InspectContainerResponse inspect(String service) {
        return docker.inspectContainerCmd(containerId(service)).exec();
    }

    private static String containerId(String service) {
        return compose.getContainerByServiceName(service)
                .orElseThrow(() -> new IllegalStateException("No container for the compose service " + service))
                .getContainerId();
    }

    @AfterAll
    static void tearDown() throws IOException {
        tearDownOnce();
        Runtime.getRuntime().removeShutdownHook(TEAR_DOWN_ON_EXIT);
    }

    /** Down with the volumes, the built images removed, the healthchecks and Podman's service stopped; once. */
    private static synchronized void tearDownOnce() throws IOException {
        if (tornDown) {
            return;
        }
        tornDown = true;
        try {
            if (compose != null) {
                saveLogs();
                compose.stop();
                LOG.info(() -> "docker-compose down -v: " + runContainers().size() + " containers left");
            }
        } finally {
            try {
                if (docker != null) {
                    removeServiceImages();
                }
            } finally {
                if (healthchecks != null) {
                    healthchecks.close();
                }
                if (engine != null) {
                    engine.close();
                }
            }
        }
    }

    /** Each container's output, for a failure's diagnosis: {@code target/compose-logs/SERVICE.log}. */
    private static void saveLogs() throws IOException {
        for (Container container : runContainers()) {
            String service = container.getLabels().get("com.docker.compose.service");
            Files.writeString(logs.resolve(service + ".log"), LogUtils.getOutput(docker, container.getId()),
                    StandardCharsets.UTF_8);
        }
    }

    /** What runs whose JVM died before their tear-down left: containers, networks, volumes and images. */
    private static void removeLeftovers() {
        composeContainers().stream()
                .filter(container -> leftBehind(RUN_PROJECT, container.getLabels().get(PROJECT_LABEL)))
                .forEach(container -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
        docker.listNetworksCmd().exec().stream().filter(network -> leftBehind(RUN_PROJECT, network.getName()))
                .forEach(network -> docker.removeNetworkCmd(network.getId()).exec());
        Optional.ofNullable(docker.listVolumesCmd().exec().getVolumes()).orElse(List.of()).stream()
                .filter(volume -> leftBehind(RUN_PROJECT, volume.getName()))
                .forEach(volume -> docker.removeVolumeCmd(volume.getName()).exec());
        docker.listImagesCmd().exec().stream()
                .flatMap(image -> Stream.of(Optional.ofNullable(image.getRepoTags()).orElse(new String[0])))
                .filter(tag -> tag.startsWith(LEADFLOW_IMAGES + "/") && leftBehind(RUN_IMAGE_TAG, tag))
                .forEach(ComposeStackIT::removeImage);
    }

    /** Whether a name carries the pid of a run whose JVM is gone. */
    private static boolean leftBehind(Pattern run, String name) {
        Matcher matcher = run.matcher(name);
        return matcher.find()
                && ProcessHandle.of(Long.parseLong(matcher.group(1))).map(process -> !process.isAlive()).orElse(true);
    }

    private static List<Container> composeContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(PROJECT_LABEL)).exec();
    }

    private static List<Container> runContainers() {
        return composeContainers().stream()
                .filter(container -> container.getLabels().get(PROJECT_LABEL).startsWith(RUN)).toList();
    }

    /** The images docker-compose built from this build's jars: the next run builds them from its own. */
    private static void removeServiceImages() {
        Stream.concat(Stream.of(Service.values()).map(Service::module), Stream.of("kafka-init"))
                .forEach(image -> removeImage(LEADFLOW_IMAGES + "/" + image + ":" + IMAGE_TAG));
    }

    private static void removeImage(String image) {
        try {
            docker.removeImageCmd(image).exec();
        } catch (NotFoundException e) {
            // not built (an earlier step failed) or already removed
        }
    }

    /** The compose services that keep running, each with a healthcheck. */
    private static Stream<String> longRunning() {
        return Stream.concat(INFRASTRUCTURE.stream(), SERVICES.stream());
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    /** What the test needs of the machine; without it the test is skipped, and says what is missing. */
    static boolean containerToolsInstalled() {
        String missing = !CommandLine.executableExists("docker-compose") ? "docker-compose (which Testcontainers' "
                + "DockerComposeContainer runs)" : !ContainerEngine.available() ? "Podman or Docker" : null;
        if (missing != null) {
            LOG.warning(() -> "ComposeStackIT skipped: " + missing + " is not installed. " + TOOLS);
        }
        return missing == null;
    }
}
