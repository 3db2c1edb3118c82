package io.leadflow.system;

import io.leadflow.events.Topics;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.stack.ServiceProcess;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped as Kubernetes stops a pod (SIGTERM) while messages stream in: it finishes or gives back what it
 * holds, commits, leaves its consumer group and exits well within its grace period; after it comes back every message
 * is stored once.
 */
class GracefulShutdownIT {

    private static final int CONTACTS = 40;
    private static final Duration WAIT = Duration.ofSeconds(150);
    /** Well within scoring's terminationGracePeriodSeconds (60 s in deploy/kubernetes) and the 30 s the stack waits. */
    private static final Duration GRACE = Duration.ofSeconds(20);

    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs"), "shutdown"),
                Map.of());
    }

    @AfterAll
    static void stopTheSystem() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sigtermToScoringMidStream_exitsWithinItsGrace_leavesItsGroup_andEveryMessageIsStoredOnce() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            phones.add(String.format("+9230013%05d", 50_000 + i));
        }
        ServiceProcess scoring = stack.process(Service.SCORING);
        List<String> messageIds;
        String shutdownLog;
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            CompletableFuture<List<String>> posting = CompletableFuture.supplyAsync(() -> post(phones));
            scored.await(record -> phones.stream().anyMatch(phone -> record.value().contains(phone)), WAIT);

            long logBefore = Files.size(scoring.log());
            long stopping = System.nanoTime();
            scoring.stop();
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
            shutdownLog = new String(Files.readAllBytes(scoring.log()), StandardCharsets.UTF_8).substring((int) logBefore);
            assertThat(stopped).as("scoring ended on SIGTERM, not killed after the wait").isLessThan(GRACE);

            messageIds = posting.get();
            scoring.start();
            scoring.awaitReady(WAIT);
            List<ConsumerRecord<String, String>> published = scored.awaitAll(
                    record -> messageIds.stream().anyMatch(id -> record.value().contains(id)), CONTACTS, WAIT);
            assertThat(published).hasSizeGreaterThanOrEqualTo(CONTACTS);
        }

        assertThat(shutdownLog).as("the consumer left its group on the way out")
                .contains("Executing consumer revoked re-balance listener for group 'scoring-service'");
        // A batch in flight at SIGTERM fails on scoring's own closing database connections: it is given back, not
        // retried (which held the shutdown for the commit interval, or until the process was killed) nor dead-lettered.
        assertThat(shutdownLog).as("nothing was retried during the shutdown").doesNotContain("failed, retrying");
        assertThat(shutdownLog).as("nothing was dead-lettered by the shutdown").doesNotContain("Dead-lettering");
        Map<String, List<Map<String, Object>>> leadsByPhone = StoredLeads.byPhone(stack, phones);
        assertThat(leadsByPhone).as("one lead per contact, none missing").hasSize(CONTACTS);
        leadsByPhone.forEach((phone, leads) -> assertThat(leads).as(phone).singleElement()
                .satisfies(lead -> assertThat(lead.get("message_count")).as("its message, once").isEqualTo(1)));
    }

    /** Posts one webhook per phone, one after the other, and answers the message ids ingest gave them. */
    private static List<String> post(List<String> phones) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            ids.add(given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                    .body(Map.of("phone", phones.get(i), "message", "I want to buy " + (i + 1) + " units today, it is urgent",
                            "channel", "whatsapp", "sender_name", "Shutdown test " + i))
                    .post("/api/webhook")
                    .then().statusCode(202).extract().path("message_id"));
        }
        return ids;
    }
}
