package io.leadflow.query.rest;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadScored;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.SseReader;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class LeadStreamTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    @TestHTTPResource("/api/leads/stream")
    URI stream;

    @BeforeEach
    void noLeads() {
        TestLeads.deleteAll();
    }

    @Test
    void scoredLead_reachesAnOpenStream_asTheListItemJson() throws Exception {
        LeadView lead = new LeadView(4242, "Ahmed <img src=x onerror=alert(1)>", null, "+923001234567", Channel.WHATSAPP,
                "I want to buy 3 units today", Intent.BUY, Urgency.HIGH, 84, Quality.HOT, LeadStatus.NEW, 1,
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:00Z"), false);
        String event = EventJson.write(new LeadScored("m-1", "+923001234567", Channel.WHATSAPP, Instant.now(), lead,
                new ScoreBreakdown(84, Quality.HOT, List.of())));
        try (SseReader client = new SseReader(stream, null, TestAccess.bearer("viewer"))) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            client.await(e -> "ready".equals(e.name()), Duration.ofSeconds(20));
            // The replica's consumer joins its own group when the service starts: send until it hears one.
            SseReader.Event received = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                TestKafka.send(Topics.SCORED, "+923001234567", event);
                try {
                    return client.await(e -> "lead".equals(e.name()), Duration.ofSeconds(2));
                } catch (AssertionError notYet) {
                    return null;
                }
            }, found -> found != null);
            assertThat(EventJson.mapper().readTree(received.data())).isEqualTo(EventJson.mapper().readTree(EventJson.write(lead)));
            assertThat(Long.parseLong(received.id())).isGreaterThan(0);
        }
    }

    @Test
    void statusChange_reachesAnOpenStream() throws Exception {
        long id = TestLeads.insert(new TestLeads.Lead("Sara", "sara@example.com", null, "email", "Price?", "Pricing", "Low",
                51, "WARM", Instant.now()));
        try (SseReader client = new SseReader(stream, null, TestAccess.bearer("viewer"))) {
            client.await(e -> "ready".equals(e.name()), Duration.ofSeconds(20));
            SseReader.Event received = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                given().contentType(ContentType.JSON).body(Map.of("note", "still waiting")).patch("/api/leads/" + id)
                        .then().statusCode(200);
                try {
                    return client.await(e -> "lead".equals(e.name()) && e.data().contains("\"id\":" + id + ","), Duration.ofSeconds(2));
                } catch (AssertionError notYet) {
                    return null;
                }
            }, found -> found != null);
            assertThat(received.data()).contains("\"user_name\":\"Sara\"");
        }
    }

    @Test
    void reconnect_withLastEventId_replaysTheLeadsChangedMeanwhile_thenIsLive() throws Exception {
        long before = Instant.now().toEpochMilli();
        long first = TestLeads.insert(new TestLeads.Lead("Omar", null, "+971501234567", "whatsapp", "Price?", "Pricing",
                "Medium", 45, "WARM", Instant.now()));
        long second = TestLeads.insert(new TestLeads.Lead("Lucía", "lucia@example.es", null, "website", "Quiero comprar",
                "Buy", "High", 72, "HOT", Instant.now()));
        TestPostgres.execute("UPDATE leads SET updated_at = now() - interval '2 hours' WHERE id = " + first);

        try (SseReader client = new SseReader(stream, String.valueOf(before), TestAccess.bearer("viewer"))) {
            SseReader.Event ready = client.await(e -> "ready".equals(e.name()), Duration.ofSeconds(20));
            List<SseReader.Event> replayed = client.seen().stream().filter(e -> "lead".equals(e.name())).toList();
            assertThat(replayed).singleElement().satisfies(e -> assertThat(e.data()).contains("\"id\":" + second + ","));
            assertThat(ready.data()).isEqualTo("{\"replayed\":1}");
            assertThat(Long.parseLong(ready.id())).isGreaterThanOrEqualTo(before);
        }
    }

    @Test
    void reconnect_afterMoreChangesThanAReplaySends_isToldToReload() throws Exception {
        long before = Instant.now().minus(1, ChronoUnit.MINUTES).toEpochMilli();
        QueryTestData.generate(60, 3, Instant.now());
        TestPostgres.execute("UPDATE leads SET updated_at = now()");
        try (SseReader client = new SseReader(stream, String.valueOf(before), TestAccess.bearer("viewer"))) {
            client.await(e -> "ready".equals(e.name()), Duration.ofSeconds(20));
            assertThat(client.seen().stream().map(SseReader.Event::name).filter(java.util.Objects::nonNull).toList())
                    .containsExactly("reload", "ready");
        }
    }

    @Test
    void idleStream_sendsHeartbeats() throws Exception {
        try (SseReader client = new SseReader(stream, null, TestAccess.bearer("viewer"))) {
            assertThat(client.await(e -> "heartbeat".equals(e.comment()), Duration.ofSeconds(10)).name()).isNull();
        }
    }
}
