package io.leadflow.system.reliability;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.testinfra.DbCoordinates;
import io.leadflow.testinfra.KafkaBrokerProcess;
import io.leadflow.testinfra.PostgresProcess;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.stack.ServiceProcess;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * SPEC §13 under faults: a stream of uniquely identified webhooks while a service is killed with SIGKILL, the broker
 * or the database is stopped, every LLM provider fails, or a second instance of a service dies; then PostgreSQL is read, and every message that
 * got a 2xx is stored exactly once, on its sender's lead. Each scenario prints
 * {@code RELIABILITY scenario=… sent=… acked=… stored=… duplicates=… lost=…} (and appends it to
 * {@code target/reliability-results.txt}).
 *
 * <p>The build runs scenarios 1, 2 and 4 with {@code leadflow.reliability.messages} (150) messages each; the
 * {@code reliability} profile ({@code ./leadflow reliability [MESSAGES]}) sets {@code leadflow.reliability.full} and
 * runs every scenario with thousands.
 */
class ReliabilityIT {

    private static final int MESSAGES = Integer.getInteger("leadflow.reliability.messages", 150);
    private static final int CONTACTS = Math.max(10, MESSAGES / 10);
    private static final int PER_SECOND = Integer.getInteger("leadflow.reliability.per-second", 50);
    private static final Duration SENT = Duration.ofSeconds(120 + MESSAGES / 5);
    private static final Duration STORED = Duration.ofSeconds(180 + MESSAGES / 10);
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Path RESULTS = Paths.get("target", "reliability-results.txt");

    private static KafkaBrokerProcess broker;
    private static PostgresProcess database;
    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() throws IOException {
        Files.deleteIfExists(RESULTS);
        broker = KafkaBrokerProcess.start();
        database = PostgresProcess.start();
        // Offsets of what scoring wrote are committed every 15 s: a kill within that falls between its database commit
        // and its offset commit for every message written since, so the writes after the restart must be idempotent.
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs"), "reliability"),
                Map.of("LEADFLOW_SCORING_INTAKE_COMMIT_INTERVAL_MS", "15000"),
                broker.bootstrapServers(), database.coordinates());
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void s1_analysisKilledMidStream_andRestarted_losesNothingAndDoublesNothing() throws Exception {
        try (WebhookStream stream = stream(1)) {
            stream.awaitAcknowledged(MESSAGES / 3, SENT);
            crashAndRestart(stack.process(Service.ANALYSIS), Duration.ofSeconds(3));
            assertEveryAcknowledgedMessageStoredOnce(stream);
            assertAlive(services());
        }
    }

    @Test
    void s2_scoringKilledMidStream_betweenItsDatabaseAndOffsetCommits_losesNothingAndDoublesNothing() throws Exception {
        try (WebhookStream stream = stream(2)) {
            stream.awaitAcknowledged(MESSAGES / 3, SENT);
            crashAndRestart(stack.process(Service.SCORING), Duration.ofSeconds(3));
            assertEveryAcknowledgedMessageStoredOnce(stream);
            assertAlive(services());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "leadflow.reliability.full", matches = "true")
    void s3_ingestKilledWithRequestsInFlight_theRedeliveriesLoseNothingAndDoubleNothing() throws Exception {
        try (WebhookStream stream = stream(3)) {
            stream.awaitAcknowledged(MESSAGES / 3, SENT);
            crashAndRestart(stack.process(Service.INGEST), Duration.ofSeconds(2));
            assertEveryAcknowledgedMessageStoredOnce(stream);
            assertAlive(services());
            assertThat(stream.redeliveries()).as("requests that got no answer while ingest was down").isPositive();
        }
    }

    @Test
    void s4_brokerStoppedMidStream_ingestAnswers503WithRetryAfter_andNothingAcknowledgedIsLost() throws Exception {
        try (WebhookStream stream = stream(4)) {
            stream.awaitAcknowledged(MESSAGES / 3, SENT);
            broker.stop();
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        given().baseUri(stack.url(Service.INGEST)).get("/q/health/ready").then().statusCode(503));
                given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                        .body(Map.of("phone", "+923009999999", "message", "while the broker is away", "channel", "sms"))
                        .post("/api/webhook")
                        .then().statusCode(503)
                        .header("Retry-After", notNullValue())
                        .contentType("application/problem+json");
            } finally {
                broker.startAgain();
            }
            stack.process(Service.INGEST).awaitReady(READY);
            assertEveryAcknowledgedMessageStoredOnce(stream);
            assertAlive(services());
            assertThat(stream.unavailableAnswers()).as("503s with Retry-After the stream got and redelivered").isPositive();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "leadflow.reliability.full", matches = "true")
    void s5_databaseStoppedFor30Seconds_scoringSaysSoAndCatchesUp_losingNothing() throws Exception {
        try (WebhookStream stream = stream(5)) {
            stream.awaitAcknowledged(MESSAGES / 3, SENT);
            database.stop();
            try {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        given().baseUri(stack.url(Service.SCORING)).get("/q/health/ready").then().statusCode(503));
                Thread.sleep(Duration.ofSeconds(30).toMillis());
            } finally {
                database.startAgain();
            }
            stack.process(Service.SCORING).awaitReady(READY);
            assertEveryAcknowledgedMessageStoredOnce(stream);
            assertAlive(services());
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "leadflow.reliability.full", matches = "true")
    void s6_everyLlmProviderFailingSlowOrRateLimited_theOfflineAnalyzerCarriesTheStream() throws Exception {
        WireMockServer providers = new WireMockServer(options().dynamicPort());
        providers.start();
        ServiceProcess analysis = stack.process(Service.ANALYSIS);
        ServiceProcess withProviders = null;
        try {
            providers.stubFor(post(urlPathMatching("/mistral/.*")).willReturn(aResponse().withStatus(500)));
            providers.stubFor(post(urlPathMatching("/gemini/.*"))
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
            providers.stubFor(post(urlPathMatching("/ollama/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
            providers.stubFor(post(urlPathMatching("/openai/.*"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("not json")));
            String wiremock = "http://localhost:" + providers.port();
            withProviders = stack.startAnother(Service.ANALYSIS, Map.of(
                    "LEADFLOW_MISTRAL_API_KEY", "reliability", "LEADFLOW_MISTRAL_BASE_URL", wiremock + "/mistral",
                    "LEADFLOW_GEMINI_API_KEY", "reliability", "LEADFLOW_GEMINI_BASE_URL", wiremock + "/gemini",
                    "LEADFLOW_OLLAMA_BASE_URL", wiremock + "/ollama", "LEADFLOW_OPENAI_BASE_URL", wiremock + "/openai"));
            analysis.stop();
            try (WebhookStream stream = stream(6)) {
                assertEveryAcknowledgedMessageStoredOnce(stream);
            }
            List<ServiceProcess> running = new ArrayList<>(services(Service.ANALYSIS));
            running.add(withProviders);
            assertAlive(running);
            assertThat(providers.getAllServeEvents()).as("calls the providers got").isNotEmpty();
            assertThat(analysedBy("+923006%")).containsOnly("offline");
        } finally {
            analysis.start();
            analysis.awaitReady(READY);
            if (withProviders != null) {
                withProviders.stop();
            }
            providers.stop();
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "leadflow.reliability.full", matches = "true")
    void s7_twoInstancesOfAnalysisAndScoring_oneOfEachKilled_partitionsMoveAndNothingIsLostOrDoubled() throws Exception {
        ServiceProcess secondAnalysis = stack.startAnother(Service.ANALYSIS, Map.of());
        ServiceProcess secondScoring = stack.startAnother(Service.SCORING, Map.of());
        try (WebhookStream stream = stream(7)) {
            stream.awaitAcknowledged(MESSAGES / 3, SENT);
            secondAnalysis.kill();
            secondScoring.kill();
            assertEveryAcknowledgedMessageStoredOnce(stream);
            assertAlive(services());
        }
    }

    private static WebhookStream stream(int scenario) {
        return WebhookStream.start(scenario, stack.url(Service.INGEST), MESSAGES, CONTACTS, PER_SECOND);
    }

    private static void crashAndRestart(ServiceProcess service, Duration down) throws InterruptedException {
        service.kill();
        Thread.sleep(down.toMillis());
        service.start();
        service.awaitReady(READY);
    }

    private static void assertEveryAcknowledgedMessageStoredOnce(WebhookStream stream) throws Exception {
        stream.awaitSent(SENT);
        StoredMessages.Count count = new StoredMessages(database.coordinates()).await(stream, STORED);
        System.out.println(count.line());
        record(count.line());
        assertThat(count.refused()).as("valid webhooks answered 4xx").isZero();
        assertThat(count.acked()).as("webhooks acknowledged at last (each redelivered until it was)").isEqualTo(count.sent());
        assertThat(count.lost()).as(count.line()).isZero();
        assertThat(count.duplicates()).as(count.line()).isZero();
        assertThat(count.misplaced()).as("messages on another person's lead").isZero();
    }

    private static void assertAlive(List<ServiceProcess> services) {
        for (ServiceProcess service : services) {
            given().baseUri(service.url()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    /** The first instance of each service but {@code except}. */
    private static List<ServiceProcess> services(Service... except) {
        List<Service> left = new ArrayList<>(List.of(Service.values()));
        left.removeAll(List.of(except));
        return left.stream().map(stack::process).toList();
    }

    /** The providers that analysed the leads whose phones are {@code LIKE} the pattern. */
    private static List<String> analysedBy(String phones) throws SQLException {
        DbCoordinates db = database.coordinates();
        List<String> providers = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement query = connection.prepareStatement("SELECT DISTINCT a.provider FROM lead_analysis a "
                     + "JOIN leads l ON l.id = a.lead_id WHERE l.user_phone LIKE ?")) {
            query.setString(1, phones);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    providers.add(rows.getString(1));
                }
            }
        }
        return providers;
    }

    private static void record(String line) throws IOException {
        Files.createDirectories(RESULTS.getParent());
        Files.writeString(RESULTS, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
