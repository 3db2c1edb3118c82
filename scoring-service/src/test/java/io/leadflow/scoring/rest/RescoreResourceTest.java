package io.leadflow.scoring.rest;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadScored;
import io.leadflow.events.ScoreBreakdown;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.http.Problem;
import io.leadflow.scoring.AnalyzedMessages;
import io.leadflow.scoring.Db;
import io.leadflow.scoring.service.LeadIntake;
import io.leadflow.scoring.service.RescoreStatus;
import io.leadflow.scoring.service.Rescoring;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.leadflow.scoring.AnalyzedMessages.uniquePhone;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class RescoreResourceTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    LeadIntake intake;

    @Inject
    Rescoring rescoring;

    @TestHTTPResource("/api/admin/rescore")
    URI rescore;

    @Test
    void rescore_isForAdminsOnly_anAgentGets403AndAnonymous401() {
        RescoreStatus before = rescoring.status();
        TestAccess.anonymous();
        given().contentType("application/json").post(rescore).then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", TestAccess.bearer("agent")).contentType("application/json").post(rescore)
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", TestAccess.bearer("agent")).get(rescore).then().statusCode(403);
        assertThat(rescoring.status()).as("no rescoring started").isEqualTo(before);
    }

    @Test
    void rescore_startsOnlyOnAJsonPost_notOnWhatAnyWebPageMaySendCrossOrigin() throws Exception {
        RescoreStatus before = rescoring.status();
        HttpClient http = HttpClient.newHttpClient();
        // A body-less POST and the three content types a page on another origin may post without a CORS preflight.
        for (String contentType : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            HttpRequest.Builder post = HttpRequest.newBuilder(rescore).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", TestAccess.bearer("admin"));
            if (contentType != null) {
                post.header("Content-Type", contentType);
            }
            HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("Content-Type %s", contentType).isEqualTo(415);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
            assertThat(EventJson.read(answer.body(), Problem.class).field()).isEqualTo("Content-Type");
        }
        assertThat(rescoring.status()).as("no rescoring started").isEqualTo(before);
    }

    @Test
    void rescoring_restoresEveryLeadsScoreFromItsConversation_whileIntakeGoesOn() {
        List<LeadScored> stored = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            stored.add(intake.store(List.of(AnalyzedMessages.on(Channel.WHATSAPP).from("Lead " + i, uniquePhone(), null)
                    .says("I want to buy " + i + " units today", Intent.BUY, Urgency.HIGH).build())).await().atMost(WAIT).get(0));
        }
        Long[] ids = stored.stream().map(s -> s.lead().id()).toArray(Long[]::new);
        Db.execute("UPDATE leads SET score = 1, quality = 'COLD', intent = 'Other', score_breakdown = '{}'::jsonb "
                + "WHERE id = ANY(?)", (Object) ids);
        LeadAnalyzed duringRescore = AnalyzedMessages.on(Channel.SMS).from("Walk-in", uniquePhone(), null)
                .says("Price of the sofa?", Intent.PRICING, Urgency.MEDIUM).build();

        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            given().contentType(ContentType.JSON).post("/api/admin/rescore").then().statusCode(202).body("state", equalTo("running"))
                    .body("started_at", notNullValue());
            TestKafka.send(Topics.ANALYZED, duringRescore.message().leadKey(), EventJson.write(duringRescore));
            scored.await(r -> r.value().contains(duringRescore.message().messageId()), WAIT);
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/admin/rescore").then().statusCode(200)
                .body("state", equalTo("finished")));

        for (LeadScored lead : stored) {
            Map<String, Object> row = Db.rows("SELECT score, quality, intent, score_breakdown::text AS breakdown FROM leads "
                    + "WHERE id = ?", lead.lead().id()).get(0);
            assertThat(row).containsEntry("score", lead.lead().score()).containsEntry("quality", "HOT")
                    .containsEntry("intent", "Buy");
            assertThat(EventJson.read((String) row.get("breakdown"), ScoreBreakdown.class)).isEqualTo(lead.scoreBreakdown());
        }
        given().get("/api/admin/rescore").then().body("leads_changed", org.hamcrest.Matchers.greaterThanOrEqualTo(30));
    }

    @Test
    void theDecaySweep_coolsDownALeadThatWentQuiet_withoutANewMessage() {
        LeadScored lead = intake.store(List.of(AnalyzedMessages.on(Channel.WHATSAPP).from("Saima", uniquePhone(), null)
                .says("I want to buy 3 units today, it is urgent", Intent.BUY, Urgency.HIGH)
                .extracted(new Analysis.ExtractedData(null, 3, null, null, null, List.of(), List.of()))
                .build())).await().atMost(WAIT).get(0);
        assertThat(lead.lead().score()).as("the seed example").isEqualTo(84);
        // Five weeks pass for this lead.
        Db.execute("UPDATE leads SET last_message_at = last_message_at - interval '35 days', "
                + "scored_at = scored_at - interval '35 days' WHERE id = ?", lead.lead().id());
        Db.execute("UPDATE message SET created_at = created_at - interval '35 days' WHERE lead_id = ?", lead.lead().id());

        rescoring.sweepDecay(Instant.now()).await().atMost(WAIT);

        Map<String, Object> row = Db.rows("SELECT score, quality, score_breakdown::text AS breakdown FROM leads WHERE id = ?",
                lead.lead().id()).get(0);
        ScoreBreakdown breakdown = EventJson.read((String) row.get("breakdown"), ScoreBreakdown.class);
        assertThat(breakdown.factors()).last().isEqualTo(new ScoreBreakdown.Factor("decay", -40, 50, "quiet for 35 days"));
        assertThat(row).containsEntry("score", 44).containsEntry("quality", "WARM");

        rescoring.sweepDecay(Instant.now()).await().atMost(WAIT);
        assertThat(Db.value("SELECT score FROM leads WHERE id = ?", lead.lead().id())).as("idempotent").isEqualTo(44);
    }
}
