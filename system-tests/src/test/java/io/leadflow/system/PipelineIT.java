package io.leadflow.system;

import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.stack.LeadflowStack;
import io.leadflow.testinfra.stack.Service;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The whole pipeline, webhook to dashboard API to export, with every service a separate process. */
class PipelineIT {

    private static LeadflowStack stack;

    @BeforeAll
    static void startTheSystem() {
        stack = LeadflowStack.start(Paths.get(System.getProperty("leadflow.system-test.logs", "target/service-logs")), Map.of());
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
    void seedExample_reachesTheDashboardAsHotAndTheExport() throws IOException {
        String phone = "+923001230001";
        given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "message", "I want to buy 3 units today, it is urgent",
                        "channel", "whatsapp", "sender_name", "Ahmed"))
                .post("/api/webhook")
                .then().statusCode(202)
                .body("status", equalTo("accepted"))
                .body("message_id", notNullValue());

        Map<String, Object> lead = await().atMost(Duration.ofSeconds(30)).until(() -> leadWithPhone(phone), found -> found != null);
        assertThat(lead).containsEntry("user_name", "Ahmed")
                .containsEntry("channel", "whatsapp")
                .containsEntry("intent", "Buy")
                .containsEntry("urgency", "High")
                .containsEntry("quality", "HOT")
                .containsEntry("message", "I want to buy 3 units today, it is urgent");
        assertThat((Integer) lead.get("score")).isBetween(80, 89);

        int hot = given().baseUri(stack.url(Service.QUERY)).get("/api/webhook/stats")
                .then().statusCode(200).body("status", equalTo("success")).extract().path("hot_leads");
        assertThat(hot).isPositive();

        String csv = new String(given().baseUri(stack.url(Service.EXPORT)).get("/api/export/leads.csv")
                .then().statusCode(200).extract().asByteArray(), StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).filteredOn(row -> row.get("Lead ID").equals(String.valueOf(lead.get("id"))))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("Name")).isEqualTo("Ahmed");
                    assertThat(row.get("Phone")).isEqualTo("'" + phone);
                    assertThat(row.get("Grade")).isEqualTo("HOT");
                });
    }

    @Test
    void waitParameter_answersTheSeedsSynchronousJson() {
        String phone = "+923001230002";
        JsonPath answer = given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body(Map.of("phone", phone, "message", "I want to buy 3 units today, it is urgent",
                        "channel", "whatsapp", "sender_name", "Ahmed"))
                .post("/api/webhook?wait=20")
                .then().statusCode(200)
                .body("status", equalTo("success"))
                .body("quality", equalTo("HOT"))
                .extract().jsonPath();

        Map<String, Object> lead = leadWithPhone(phone);
        assertThat(lead).isNotNull();
        assertThat(((Number) lead.get("id")).longValue()).isEqualTo(answer.getLong("lead_id"));
        assertThat(lead.get("score")).isEqualTo(answer.getInt("score"));
    }

    @Test
    void redeliveredWebhook_isOneMessageOfOneLead() {
        String phone = "+923001230003";
        for (int i = 0; i < 2; i++) {
            given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON).header("Idempotency-Key", "delivery-77")
                    .body(Map.of("phone", phone, "message", "Price of the blue one?", "channel", "sms"))
                    .post("/api/webhook?wait=20")
                    .then().statusCode(200);
        }
        assertThat(leadWithPhone(phone)).containsEntry("message_count", 1);
    }

    @Test
    void malformedJson_isAProblemAndStoresNothing() {
        given().baseUri(stack.url(Service.INGEST)).contentType(ContentType.JSON)
                .body("{\"phone\":\"+923001230004\",\"message\":")
                .post("/api/webhook")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        assertThat(leadWithPhone("+923001230004")).isNull();
    }

    private static Map<String, Object> leadWithPhone(String phone) {
        List<Map<String, Object>> leads = given().baseUri(stack.url(Service.QUERY)).get("/api/webhook/leads?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("leads");
        return leads.stream().filter(lead -> phone.equals(lead.get("user_phone"))).findFirst().orElse(null);
    }
}
