package io.leadflow.export.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestLeads;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
class ExportResourceTest {

    private static final Instant T = Instant.parse("2026-11-20T10:30:00Z");

    @BeforeEach
    void leads() {
        TestLeads.deleteAll();
        TestLeads.insert(new TestLeads.Lead("Bilal", null, "+923331234567", "sms", "ok", "Other", "Low", 30, "COLD", T));
        TestLeads.insert(new TestLeads.Lead("=cmd|' /C calc'!A0", "evil@example.com", null, "website",
                "Hello, \"friend\"\nsecond line", "Question", "Low", 45, "WARM", T.plusSeconds(60)));
        TestLeads.insert(new TestLeads.Lead("احمد خان", null, "+923001234567", "whatsapp", "میں خریدنا چاہتا ہوں",
                "Buy", "High", 84, "HOT", T.plusSeconds(120)));
    }

    @Test
    void csv_isUtf8WithBomNewestFirstAndRoundTrips() throws IOException {
        byte[] body = given().get("/api/export/leads.csv")
                .then().statusCode(200)
                .header("Content-Type", equalTo("text/csv;charset=UTF-8"))
                .header("Content-Disposition", org.hamcrest.Matchers.matchesPattern("attachment; filename=\"leads-\\d{4}-\\d{2}-\\d{2}\\.csv\""))
                .extract().asByteArray();

        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(body, StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();

        assertThat(rows).extracting(r -> r.get("Name")).containsExactly("احمد خان", "'=cmd|' /C calc'!A0", "Bilal");
        assertThat(rows.get(0).get("Message")).isEqualTo("میں خریدنا چاہتا ہوں");
        assertThat(rows.get(0).get("Grade")).isEqualTo("HOT");
        assertThat(rows.get(0).get("Received at")).isEqualTo("2026-11-20T10:32:00Z");
        assertThat(rows.get(1).get("Message")).isEqualTo("Hello, \"friend\"\nsecond line");
        assertThat(rows.get(2).get("Phone")).isEqualTo("'+923331234567");
    }

    @Test
    void health_isReadyWithTheDatabaseAndItsSchema() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
