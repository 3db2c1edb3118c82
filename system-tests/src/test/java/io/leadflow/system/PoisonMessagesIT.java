package io.leadflow.system;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestEvents;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TopicReader;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.leadflow.testinfra.stack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * One message must never stop the pipeline: a website form whose budget is written in another script's digits, and
 * records written straight to the topics that cannot be read or cannot be stored, are analysed or dead-lettered with
 * their reason and counted (the notification topics' readers skip them), the services stay up, and every ordinary
 * message after them is stored.
 */
class PoisonMessagesIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs"), "poison"),
                Map.of());
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
    void budgetsInEveryScriptsDigits_areAnalysed_andTheMessagesAfterThemAreStored() {
        Map<String, String> budgets = new LinkedHashMap<>();
        budgets.put("+923001260001", "budget rs \u09E7,\u09E6\u09E6\u09E6");                  // Bengali, the post
        budgets.put("+923001260002", "budget rs \u0AE7,\u0AE6\u0AE6\u0AE6");                  // Gujarati
        budgets.put("+923001260003", "budget rs \u0E51,\u0E50\u0E50\u0E50");                  // Thai
        budgets.put("+923001260004", "budget rs \u0BE7,\u0BE6\u0BE6\u0BE6");                  // Tamil
        budgets.put("+923001260005", "budget rs \u1041,\u1040\u1040\u1040");                  // Myanmar
        budgets.put("+923001260006", "budget rs \uD801\uDCA1,\uD801\uDCA0\uD801\uDCA0\uD801\uDCA0"); // Osmanya
        budgets.forEach((phone, text) -> post(phone, text));
        List<String> ordinary = List.of("+923001260101", "+923001260102", "+923001260103");
        ordinary.forEach(phone -> post(phone, "I want to buy 3 units today, it is urgent"));

        for (String phone : ordinary) {
            assertThat(awaitLead(phone)).containsEntry("intent", "Buy");
        }
        budgets.forEach((phone, text) -> {
            long id = ((Number) awaitLead(phone).get("id")).longValue();
            String budget = given().baseUri(stack.url(Service.QUERY)).get("/api/leads/" + id)
                    .then().statusCode(200).extract().path("analyses[0].extracted_data.budget");
            assertThat(budget).as(text).isEqualTo("PKR 1000");
        });
        assertAlive(Service.ANALYSIS);
        assertAlive(Service.SCORING);
    }

    @Test
    void poisonOnTheMessagesTopic_isDeadLetteredWithItsReasonAndCounted_andTheMessageAfterItIsStored() {
        String phone = "+923001260201";
        LeadMessage tooLarge = TestEvents.message(Channel.WEBSITE, "Large", phone, null, "Price of the sofa?");
        // Small enough to be dead-lettered as it is, too large once its analysis is added.
        String tooLargeJson = TestEvents.paddedTo(tooLarge, Topics.MAX_RECORD_BYTES - 400);
        String notJson = "{\"text\": Ahmed wants 3 sofas";
        String wrongSchema = "{\"messageId\": {\"id\": \"+923001260201\"}}";
        LeadMessage after = TestEvents.message(Channel.WEBSITE, "After", phone, null, "I want to buy 2 sofas today");
        Map<String, Double> before = deadLetters(Service.ANALYSIS, Topics.MESSAGES);
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.MESSAGES))) {
            TestKafka.sendTogether(Topics.MESSAGES, phone, List.of(notJson, wrongSchema, tooLargeJson, EventJson.write(after)));

            assertThat(reason(deadLetters.await(r -> r.value().equals(notJson), WAIT)))
                    .isEqualTo("not a valid LeadMessage: not JSON, JsonParseException at line 1, column 10");
            assertThat(reason(deadLetters.await(r -> r.value().equals(wrongSchema), WAIT)))
                    .isEqualTo("not a valid LeadMessage: MismatchedInputException at $.messageId: expected String");
            assertThat(reason(deadLetters.await(r -> r.value().equals(tooLargeJson), WAIT))).isEqualTo(
                    "RecordTooLargeException: larger than the producer's max.request.size or the topic's max.message.bytes");
        }
        assertThat(awaitLead(phone)).containsEntry("user_name", "After");
        assertThat(difference(before, deadLetters(Service.ANALYSIS, Topics.MESSAGES)))
                .isEqualTo(Map.of("not_json", 1.0, "wrong_schema", 1.0, "too_large", 1.0));
        assertAlive(Service.ANALYSIS);
    }

    @Test
    void poisonOnTheAnalyzedTopic_isDeadLetteredWithItsReasonAndCounted_andTheMessageAfterItIsStored() {
        String phone = "+923001260301";
        String notJson = "Ahmed wants 3 sofas, call +923001260301";
        String wrongSchema = "[1, 2, 3]";
        LeadMessage nul = TestEvents.message(Channel.SMS, "Nul", "+923001260302", null, "a NUL \u0000 the database refuses");
        String refused = EventJson.write(TestEvents.analyzed(nul, TestEvents.analysis(Intent.OTHER, Urgency.LOW, 40)));
        LeadMessage after = TestEvents.message(Channel.SMS, "After", phone, null, "I want to buy 2 sofas today");
        String afterJson = EventJson.write(TestEvents.analyzed(after, TestEvents.analysis(Intent.BUY, Urgency.HIGH, 90)));
        Map<String, Double> before = deadLetters(Service.SCORING, Topics.ANALYZED);
        double retriesBefore = metric(Service.SCORING, "leadflow_consumer_retries_total{channel=\"lead-analyzed\",kind=\"error\"}");
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.ANALYZED))) {
            TestKafka.sendTogether(Topics.ANALYZED, phone, List.of(notJson, wrongSchema, refused, afterJson));

            assertThat(reason(deadLetters.await(r -> r.value().equals(notJson), WAIT)))
                    .isEqualTo("not a valid LeadAnalyzed: not JSON, JsonParseException at line 1, column 1");
            assertThat(reason(deadLetters.await(r -> r.value().equals(wrongSchema), WAIT)))
                    .isEqualTo("not a valid LeadAnalyzed: MismatchedInputException at $: expected LeadAnalyzed");
            assertThat(reason(deadLetters.await(r -> r.value().equals(refused), WAIT)))
                    .isEqualTo("the database refused it: SQLSTATE 22021");
        }
        assertThat(awaitLead(phone)).containsEntry("user_name", "After").containsEntry("intent", "Buy");
        assertThat(difference(before, deadLetters(Service.SCORING, Topics.ANALYZED)))
                .isEqualTo(Map.of("not_json", 1.0, "wrong_schema", 1.0, "failed", 1.0));
        assertThat(metric(Service.SCORING, "leadflow_consumer_retries_total{channel=\"lead-analyzed\",kind=\"error\"}")
                - retriesBefore).as("attempts at the batch before it was narrowed down").isEqualTo(3);
        assertAlive(Service.SCORING);
    }

    @Test
    void poisonOnTheScoredAndUpdatedTopics_isSkippedByTheirReaders_andAWebhookWaitingForItsScoreStillGetsIt() throws Exception {
        String phone = "+923001260401";
        List<String> poison = List.of("{\"lead\": Ahmed wants 3 sofas", "[\"lead\"]",
                "{\"leadKey\":\"" + phone + "\",\"channel\":\"sms\"}", // no message id, as a rescore's has none
                "{\"leadKey\":\"" + phone + "\",\"note\":\"" + "x".repeat(900_000) + "\"}");
        ServiceProcess analysis = stack.process(Service.ANALYSIS);
        CompletableFuture<ExtractableResponse<Response>> waiting;
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            // Analysis frozen, so the webhook is still waiting for its score when the poison reaches ingest.
            analysis.freeze();
            try {
                waiting = CompletableFuture.supplyAsync(() -> given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                        .body(Map.of("phone", phone, "message", "I want to buy 3 units today, it is urgent", "channel", "sms"))
                        .post("/api/webhook?wait=30").then().extract());
                messages.await(record -> record.value().contains(phone), WAIT);
                for (String topic : List.of(Topics.SCORED, Topics.UPDATED)) {
                    TestKafka.sendTogether(topic, phone, poison);
                }
            } finally {
                analysis.thaw();
            }
        }

        ExtractableResponse<Response> answer = waiting.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        assertThat(answer.<String>path("status")).isEqualTo("success");
        assertThat(answer.<String>path("quality")).isEqualTo("HOT");
        assertAlive(Service.INGEST);
        assertAlive(Service.QUERY);
        given().baseUri(stack.url(Service.INGEST)).get("/q/health/ready").then().statusCode(200);
    }

    private static void post(String phone, String text) {
        given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "message", text, "channel", "website", "sender_name", "Form " + phone))
                .post("/api/webhook")
                .then().statusCode(202);
    }

    private static Map<String, Object> awaitLead(String phone) {
        return await().atMost(WAIT).until(() -> leadWithPhone(phone), lead -> lead != null);
    }

    private static Map<String, Object> leadWithPhone(String phone) {
        List<Map<String, Object>> leads = given().baseUri(stack.url(Service.QUERY)).get("/api/webhook/leads?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("leads");
        return leads.stream().filter(lead -> phone.equals(lead.get("user_phone"))).findFirst().orElse(null);
    }

    private static void assertAlive(Service service) {
        given().baseUri(stack.url(service)).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(stack.process(service).isAlive()).isTrue();
    }

    private static String reason(ConsumerRecord<String, String> deadLetter) {
        return new String(deadLetter.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8);
    }

    /** {@code leadflow_dlq_records_total} of a source topic's dead-letter topic, by reason. */
    private static Map<String, Double> deadLetters(Service service, String sourceTopic) {
        Map<String, Double> byReason = new LinkedHashMap<>();
        for (String reason : List.of("not_json", "wrong_schema", "invalid", "too_large", "refused", "failed")) {
            byReason.put(reason, metric(service, "leadflow_dlq_records_total{reason=\"" + reason + "\",topic=\""
                    + Topics.deadLetter(sourceTopic) + "\"}"));
        }
        return byReason;
    }

    private static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> difference = new LinkedHashMap<>();
        after.forEach((reason, count) -> {
            if (count - before.get(reason) != 0) {
                difference.put(reason, count - before.get(reason));
            }
        });
        return difference;
    }

    private static double metric(Service service, String series) {
        String metrics = given().get(stack.metricsUrl(service)).then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }
}
