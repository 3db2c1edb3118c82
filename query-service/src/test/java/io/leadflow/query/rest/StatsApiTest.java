package io.leadflow.query.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class StatsApiTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    @BeforeEach
    void noLeads() {
        TestLeads.deleteAll();
    }

    @Test
    void totalsAndDays_countEachLeadOnce_withDaysCutInTheAskedZone() {
        // 20:30 UTC on the 20th is already the 21st in Karachi (UTC+5) and still the 20th in New York.
        lead("Ahmed", "whatsapp", "Buy", 84, "HOT", "2026-11-20T20:30:00Z");
        lead("Sara", "email", "Pricing", 51, "WARM", "2026-11-20T10:00:00Z");
        lead("Bilal", "sms", "Other", 30, "COLD", "2026-11-21T03:00:00Z");
        lead("Priya", "whatsapp", "Buy", 65, "HOT", "2026-11-23T12:00:00Z");

        JsonPath utc = stats("from=2026-11-19&to=2026-11-23&tz=UTC");
        assertThat(utc.getLong("total")).isEqualTo(4);
        assertThat(utc.getMap("by_quality")).isEqualTo(Map.of("HOT", 2, "WARM", 1, "COLD", 1));
        assertThat(utc.getMap("by_channel")).isEqualTo(Map.of("whatsapp", 2, "email", 1, "sms", 1, "instagram", 0, "website", 0));
        assertThat(utc.getMap("by_intent")).containsEntry("Buy", 2).containsEntry("Pricing", 1).containsEntry("Other", 1)
                .containsEntry("Spam", 0).hasSize(7);
        assertThat(utc.getMap("by_status")).isEqualTo(Map.of("new", 4, "contacted", 0, "qualified", 0, "won", 0, "lost", 0));
        assertThat(utc.getString("timezone")).isEqualTo("UTC");
        assertThat(utc.getList("days.date")).containsExactly("2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23");
        assertThat(utc.getList("days.hot", Integer.class)).containsExactly(0, 1, 0, 0, 1);
        assertThat(utc.getList("days.warm", Integer.class)).containsExactly(0, 1, 0, 0, 0);
        assertThat(utc.getList("days.cold", Integer.class)).containsExactly(0, 0, 1, 0, 0);
        assertThat(utc.getList("days.total", Integer.class)).containsExactly(0, 2, 1, 0, 1);

        JsonPath karachi = stats("from=2026-11-20&to=2026-11-21&tz=Asia/Karachi");
        assertThat(karachi.getList("days.hot", Integer.class)).containsExactly(0, 1);
        assertThat(karachi.getList("days.total", Integer.class)).containsExactly(1, 2);

        // India is UTC+05:30: the bucket of 20:30 UTC is 02:00 on the 21st there.
        JsonPath kolkata = stats("from=2026-11-20&to=2026-11-21&tz=Asia/Kolkata");
        assertThat(kolkata.getList("days.total", Integer.class)).containsExactly(1, 2);
    }

    @Test
    void statusChangesAndDeletions_moveTheCounts() {
        long sara = lead("Sara", "email", "Pricing", 51, "WARM", "2026-11-20T10:00:00Z");
        long bilal = lead("Bilal", "sms", "Other", 30, "COLD", "2026-11-21T03:00:00Z");

        given().contentType(ContentType.JSON).body(Map.of("status", "qualified")).patch("/api/leads/" + sara).then().statusCode(200);
        TestPostgres.execute("UPDATE leads SET quality = 'HOT', score = 70 WHERE id = " + bilal);
        TestPostgres.execute("DELETE FROM leads WHERE id = " + sara);

        JsonPath stats = stats("from=2026-11-20&to=2026-11-21&tz=UTC");
        assertThat(stats.getLong("total")).isEqualTo(1);
        assertThat(stats.getMap("by_quality")).isEqualTo(Map.of("HOT", 1, "WARM", 0, "COLD", 0));
        assertThat(stats.getMap("by_status")).containsEntry("qualified", 0).containsEntry("new", 1);
        assertThat(stats.getList("days.hot", Integer.class)).containsExactly(0, 1);
        assertThat(stats.getList("days.warm", Integer.class)).containsExactly(0, 0);
    }

    @Test
    void rollups_matchACountOfTheLeads_onceFolded() {
        QueryTestData.generate(600, 5, Instant.parse("2026-11-25T18:00:00Z"));
        TestPostgres.execute("UPDATE leads SET status = 'lost' WHERE id % 7 = 0", "UPDATE leads SET quality = 'COLD' WHERE id % 11 = 0");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM lead_rollup_delta") == 0);

        JsonPath stats = stats("from=2026-10-27&to=2026-11-25&tz=Asia/Karachi");
        assertThat(stats.getLong("total")).isEqualTo(count("SELECT count(*) FROM leads"));
        assertThat(stats.getMap("by_quality", String.class, Long.class)).isEqualTo(grouped("quality"));
        assertThat(stats.getMap("by_channel", String.class, Long.class)).containsAllEntriesOf(grouped("channel"));
        assertThat(stats.getMap("by_intent", String.class, Long.class)).containsAllEntriesOf(grouped("intent"));
        assertThat(stats.getMap("by_status", String.class, Long.class)).containsAllEntriesOf(grouped("status"));
        List<Integer> totals = stats.getList("days.total", Integer.class);
        assertThat(totals).hasSize(30);
        assertThat(totals.get(29)).isEqualTo((int) count("SELECT count(*) FROM leads WHERE (created_at AT TIME ZONE "
                + "'Asia/Karachi')::date = DATE '2026-11-25'"));
        assertThat(totals.stream().mapToLong(Integer::longValue).sum()).isEqualTo(count("SELECT count(*) FROM leads "
                + "WHERE (created_at AT TIME ZONE 'Asia/Karachi')::date BETWEEN DATE '2026-10-27' AND DATE '2026-11-25'"));
    }

    @Test
    void defaults_areThirtyDaysEndingToday_andWrongParametersAre400s() {
        given().get("/api/stats").then().statusCode(200).body("days", hasSize(30)).body("timezone", equalTo("UTC"));
        given().get("/api/stats?tz=Nowhere/Else").then().statusCode(400).body("field", equalTo("tz"));
        given().get("/api/stats?from=2026-11-30&to=2026-11-01").then().statusCode(400).body("field", equalTo("to"));
        given().get("/api/stats?from=2024-01-01&to=2026-11-01").then().statusCode(400).body("field", equalTo("from"));
        given().get("/api/stats?from=last-week").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("from"));
    }

    private static long lead(String name, String channel, String intent, int score, String quality, String at) {
        return TestLeads.insert(new TestLeads.Lead(name, null, "+9230012" + Math.abs(name.hashCode() % 100000), channel,
                "hello", intent, "Low", score, quality, Instant.parse(at)));
    }

    private static JsonPath stats(String query) {
        return given().get("/api/stats?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static long count(String sql) {
        try (Connection db = TestPostgres.connect(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> grouped(String column) {
        Map<String, Long> counts = new HashMap<>();
        try (Connection db = TestPostgres.connect(); Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery("SELECT " + column + ", count(*) FROM leads GROUP BY 1")) {
            while (result.next()) {
                counts.put(result.getString(1), result.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }
}
