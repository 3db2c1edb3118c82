package io.leadflow.system;

import io.leadflow.events.Topics;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.stack.ServiceProcess;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scoring killed with SIGKILL after it has written messages to the database but before their Kafka offsets are
 * committed: after a restart nothing is missing and nothing is doubled.
 */
class ScoringCrashIT {

    private static final int CONTACTS = 20;
    private static final Duration WAIT = Duration.ofSeconds(150);

    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        // Scoring commits its offsets every 10 minutes here, so every message it writes before the kill is written
        // and not yet committed: the kill falls between the database commit and the offset commit, for all of them.
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs"), "crash"),
                Map.of("LEADFLOW_SCORING_INTAKE_COMMIT_INTERVAL_MS", "600000"));
        // Reads of the leads go as an admin would, with a token (ingest ignores it).
        TestAccess.actAs("admin");
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void scoringKilledBetweenDatabaseCommitAndOffsetCommit_restartsWithNoDuplicateAndNoGap() {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            phones.add(String.format("+9230012%05d", 40_000 + i));
        }
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            List<String> before = post(phones, "I want to buy %d units today, it is urgent");
            scored.awaitAll(record -> before.stream().anyMatch(id -> record.value().contains(id)), before.size(), WAIT);

            ServiceProcess scoring = stack.process(Service.SCORING);
            scoring.kill();
            List<String> whileDown = post(phones, "thanks! (%d)");
            scoring.start();
            scoring.awaitReady(WAIT);

            scored.awaitAll(record -> whileDown.stream().anyMatch(id -> record.value().contains(id)), whileDown.size(), WAIT);
            // Every message written before the kill was redelivered after it, and published again.
            await().atMost(WAIT).until(() -> timesPublished(scored.collectFor(Duration.ofMillis(200)), before).values()
                    .stream().allMatch(times -> times >= 2));
        }

        Map<String, List<Map<String, Object>>> leadsByPhone = StoredLeads.byPhone(stack, phones);
        assertThat(leadsByPhone).as("one lead per contact, none missing").hasSize(CONTACTS);
        leadsByPhone.forEach((phone, leads) -> assertThat(leads).as(phone).singleElement().satisfies(lead -> {
            assertThat(lead.get("message_count")).as("both messages, each once").isEqualTo(2);
            assertThat(lead.get("quality")).as("a thanks keeps a buyer HOT").isEqualTo("HOT");
            assertThat((String) lead.get("message")).startsWith("thanks!");
        }));
    }

    private static Map<String, Long> timesPublished(List<ConsumerRecord<String, String>> records, List<String> messageIds) {
        return messageIds.stream().collect(Collectors.toMap(id -> id,
                id -> records.stream().filter(record -> record.value().contains(id)).count()));
    }

    /** Posts one webhook per phone and answers the message ids ingest gave them. */
    private static List<String> post(List<String> phones, String text) {
        Function<Integer, String> send = i -> given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body(Map.of("phone", phones.get(i), "message", String.format(text, i + 1), "channel", "whatsapp",
                        "sender_name", "Crash test " + i))
                .post("/api/webhook")
                .then().statusCode(202).extract().path("message_id");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            ids.add(send.apply(i));
        }
        return ids;
    }
}
