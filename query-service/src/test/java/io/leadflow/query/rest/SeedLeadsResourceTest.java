package io.leadflow.query.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class SeedLeadsResourceTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    private static final Instant T = Instant.parse("2026-11-20T10:30:00Z");

    private long ahmed;

    @BeforeEach
    void threeLeads() {
        TestLeads.deleteAll();
        ahmed = TestLeads.insert(new TestLeads.Lead("Ahmed", null, "+923001234567", "whatsapp",
                "I want to buy 3 units today", "Buy", "High", 84, "HOT", T.plusSeconds(120)));
        TestLeads.insert(new TestLeads.Lead("Sara", "sara@example.com", null, "email", "Price?", "Pricing", "Low", 51,
                "WARM", T.plusSeconds(60)));
        TestLeads.insert(new TestLeads.Lead("Bilal", null, "+923331234567", "sms", "ok", "Other", "Low", 30, "COLD", T));
    }

    @Test
    void leads_newestFirstWithTheSeedsFieldNames() {
        given().get("/api/webhook/leads")
                .then().statusCode(200)
                .body("status", equalTo("success"))
                .body("leads.user_name", contains("Ahmed", "Sara", "Bilal"))
                .body("leads[0].id", equalTo((int) ahmed))
                .body("leads[0].user_phone", equalTo("+923001234567"))
                .body("leads[0].user_email", nullValue())
                .body("leads[0].channel", equalTo("whatsapp"))
                .body("leads[0].message", equalTo("I want to buy 3 units today"))
                .body("leads[0].intent", equalTo("Buy"))
                .body("leads[0].urgency", equalTo("High"))
                .body("leads[0].score", equalTo(84))
                .body("leads[0].quality", equalTo("HOT"))
                .body("leads[0].status", equalTo("new"))
                .body("leads[0].message_count", equalTo(1))
                .body("leads[0].created_at", equalTo("2026-11-20T10:32:00Z"))
                .body("leads[0].exported", equalTo(false));
    }

    @Test
    void limit_isClampedAndNeverAnError() {
        given().get("/api/webhook/leads?limit=2").then().statusCode(200).body("leads", hasSize(2));
        given().get("/api/webhook/leads?limit=0").then().statusCode(200).body("leads", hasSize(1));
        given().get("/api/webhook/leads?limit=-5").then().statusCode(200).body("leads", hasSize(1));
        given().get("/api/webhook/leads?limit=99999999999").then().statusCode(200).body("leads", hasSize(3));
        given().get("/api/webhook/leads?limit=lots").then().statusCode(200).body("leads", hasSize(3));
    }

    @Test
    void stats_countLeadsPerGrade() {
        given().get("/api/webhook/stats")
                .then().statusCode(200)
                .body("status", equalTo("success"))
                .body("total_leads", equalTo(3))
                .body("hot_leads", equalTo(1))
                .body("warm_leads", equalTo(1))
                .body("cold_leads", equalTo(1));
    }

    @Test
    void health_isReadyWithTheDatabaseAndItsSchema() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'schema' }.status", equalTo("UP"));
    }

    @Test
    void health_isNotReadyUntilTheNewestMigrationItReadsIsApplied() {
        // As if scoring-service had applied everything up to V34 only: share links read V35's shares.
        TestPostgres.execute("UPDATE flyway_schema_history SET success = false WHERE version = '35'");
        try {
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'schema' }.status", equalTo("DOWN"));
        } finally {
            TestPostgres.execute("UPDATE flyway_schema_history SET success = true WHERE version = '35'");
        }
    }
}
