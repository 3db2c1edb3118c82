package io.leadflow.query.rest;

import io.leadflow.leadquery.SharedViews;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.SseReader;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Share links end to end: made by an agent, opened by anyone holding one, who sees its leads (masked) and nothing
 * else whatever they ask for, until it is revoked or expires.
 */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class SharesApiTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TestHTTPResource("/")
    URI base;

    private long hot;
    private long warm;

    @BeforeEach
    void twoLeads() {
        TestAccess.actAs("agent");
        TestLeads.deleteAll();
        TestPostgres.execute("DELETE FROM shares", "DELETE FROM audit_log");
        hot = TestLeads.insert(new TestLeads.Lead("Ayesha Khan", "ayesha.khan@example.pk", "+923001234567", "whatsapp",
                "I want 3 sofas today, call me on 0333 7654321 or mail ayesha.khan@example.pk", "Buy", "High", 88, "HOT",
                NOW.minus(1, ChronoUnit.HOURS)));
        warm = TestLeads.insert(new TestLeads.Lead("Omar Farooq", "omar@example.ae", "+971501234567", "email",
                "What is the price of the oak table?", "Pricing", "Medium", 55, "WARM", NOW.minus(2, ChronoUnit.HOURS)));
    }

    @AfterEach
    void signOut() {
        TestAccess.anonymous();
    }

    @Test
    void anAgentsMaskedLink_showsAnyoneItsLeadsMasked_andNothingElse_whateverTheyAskFor() {
        String token = share(Map.of("quality", List.of("HOT")), true, false);
        TestAccess.anonymous();

        JsonPath page = given().get(shared(token, "/leads")).then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("leads.id", Long.class)).containsExactly(hot);
        assertThat(page.getString("leads[0].user_phone")).isEqualTo("+92300*****67");
        assertThat(page.getString("leads[0].user_email")).isEqualTo("a***@example.pk");
        assertThat(page.getString("leads[0].message")).isEqualTo(
                "I want 3 sofas today, call me on 0333 *****21 or mail a***@example.pk");
        // Parameters that would widen the view are not the link's filters: still its leads only.
        for (String widening : List.of("?quality=WARM", "?quality=WARM,COLD&sort=-score", "?q=oak", "?min_score=0",
                "?status=new&channel=email")) {
            assertThat(given().get(shared(token, "/leads" + widening)).then().statusCode(200).extract().jsonPath()
                    .getList("leads.id", Long.class)).as(widening).containsExactly(hot);
        }
        // One of its leads, masked, without what stays in the team; a lead outside it is not there.
        JsonPath lead = given().get(shared(token, "/leads/" + hot)).then().statusCode(200).extract().jsonPath();
        assertThat(lead.getString("user_phone")).isEqualTo("+92300*****67");
        assertThat(lead.getMap("")).doesNotContainKeys("notes", "analyses", "activity", "possible_duplicates");
        given().get(shared(token, "/leads/" + warm)).then().statusCode(404)
                .contentType("application/problem+json");
        // Its numbers count its leads only.
        given().get(shared(token, "/stats")).then().statusCode(200)
                .body("total", equalTo(1)).body("by_quality.HOT", equalTo(1)).body("by_quality.WARM", equalTo(0));
        // The banner: who shared what, until when.
        given().get(shared(token, "")).then().statusCode(200)
                .body("created_by", equalTo("test-agent")).body("mask_contacts", equalTo(true))
                .body("allow_export", equalTo(false)).body("filters.quality", equalTo(List.of("HOT")));
    }

    @Test
    void anUnmaskedLink_showsTheContactsAsTheTeamSeesThem() {
        String token = share(Map.of("channel", "whatsapp"), false, true);
        TestAccess.anonymous();

        given().get(shared(token, "/leads")).then().statusCode(200)
                .body("leads[0].user_phone", equalTo("+923001234567"))
                .body("leads[0].user_email", equalTo("ayesha.khan@example.pk"));
    }

    @Test
    void onlyTheTokensHashIsKept_andATamperedOrUnknownTokenOpensNothing() {
        String token = share(Map.of(), true, false);

        assertThat(TestPostgres.column("SELECT encode(token_hash, 'hex') FROM shares"))
                .containsExactly(HexFormat.of().formatHex(SharedViews.hash(token)));
        assertThat(TestPostgres.column("SELECT concat_ws(' ', id, created_by, filters::text) FROM shares"))
                .noneMatch(row -> row.contains(token));
        TestAccess.anonymous();
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String wrong : List.of(tampered, SharedViews.newToken(), "short", token + "x")) {
            given().get(shared(wrong, "/leads")).then().statusCode(404).contentType("application/problem+json")
                    .body("title", equalTo("Share link not found"));
        }
    }

    @Test
    void aRevokedLink_answers410AtOnce_andSoDoesAnExpiredOne() {
        String revoked = share(Map.of(), true, false);
        String expired = share(Map.of(), true, false);
        long revokedId = id(revoked);
        given().delete("/api/shares/" + revokedId).then().statusCode(204);
        TestPostgres.execute("UPDATE shares SET expires_at = now() - interval '1 second' WHERE id = " + id(expired));
        TestAccess.anonymous();

        for (String path : List.of("", "/leads", "/stats", "/leads/" + hot)) {
            given().get(shared(revoked, path)).then().statusCode(410).contentType("application/problem+json")
                    .body("type", endsWith("/share-revoked")).body("detail", equalTo("This share link was revoked."));
            given().get(shared(expired, path)).then().statusCode(410)
                    .body("type", endsWith("/share-expired")).body("detail", startsWith("This share link expired at"));
        }
    }

    @Test
    void theLinksLiveStream_sendsItsLeadsMasked_andEndsWhenTheLinkIsRevoked() throws Exception {
        String token = share(Map.of("quality", List.of("HOT")), true, false);
        long before = NOW.minus(1, ChronoUnit.DAYS).toEpochMilli();
        TestPostgres.execute("UPDATE leads SET updated_at = now()");

        try (SseReader client = new SseReader(base.resolve(shared(token, "/stream").substring(1)), String.valueOf(before), null)) {
            SseReader.Event ready = client.await(e -> "ready".equals(e.name()), Duration.ofSeconds(20));
            List<SseReader.Event> replayed = client.seen().stream().filter(e -> "lead".equals(e.name())).toList();
            assertThat(replayed).singleElement().satisfies(e -> assertThat(e.data())
                    .contains("\"id\":" + hot + ",").contains("+92300*****67").doesNotContain("+923001234567"));
            assertThat(ready.data()).isEqualTo("{\"replayed\":1}");

            given().delete("/api/shares/" + id(token)).then().statusCode(204);
            // The test profile's heartbeat is a second: the next one finds the link revoked and ends the stream.
            assertThat(client.endsWithin(Duration.ofSeconds(10))).isTrue();
        }
        given().get(shared(token, "/stream")).then().statusCode(410);
    }

    @Test
    void linksAreForAdminsAndAgents_eachAgentSeesAndRevokesTheirOwn_anAdminAll() {
        String agents = share(Map.of(), true, false);
        TestAccess.actAs("admin");
        String admins = share(Map.of(), true, false);

        TestAccess.actAs("agent");
        given().get("/api/shares").then().statusCode(200)
                .body("id", equalTo(List.of((int) id(agents))));
        given().delete("/api/shares/" + id(admins)).then().statusCode(403).contentType("application/problem+json");
        given().delete("/api/shares/999999").then().statusCode(404);
        TestAccess.actAs("viewer");
        given().contentType(ContentType.JSON).body(Map.of("filters", Map.of())).post("/api/shares").then().statusCode(403);
        given().get("/api/shares").then().statusCode(403);
        TestAccess.anonymous();
        given().contentType(ContentType.JSON).body(Map.of("filters", Map.of())).post("/api/shares").then().statusCode(401);
        given().get("/api/shares").then().statusCode(401);

        TestAccess.actAs("admin");
        given().get("/api/shares").then().statusCode(200).body("id", equalTo(List.of((int) id(admins), (int) id(agents))));
        given().delete("/api/shares/" + id(agents)).then().statusCode(204);
        given().get("/api/shares").then().statusCode(200).body("id", not(hasItem((int) id(agents))));
    }

    @Test
    void aWrongLink_isA400NamingWhatIsWrong_andNothingIsKept() {
        Map<String, Object> unknownKey = Map.of("filters", Map.of("owner", "me"));
        Map<String, Object> badGrade = Map.of("filters", Map.of("quality", "BOILING"));
        Map<String, Object> tooLong = Map.of("filters", Map.of(), "expires_in_hours", 24 * 31);
        Map<String, Object> none = Map.of("filters", Map.of(), "expires_in_hours", 0);
        Map<String, Object> nested = Map.of("filters", Map.of("quality", Map.of("a", "b")));
        Map<Map<String, Object>, String> cases = Map.of(unknownKey, "filters.owner", badGrade, "quality",
                tooLong, "expires_in_hours", none, "expires_in_hours", nested, "filters.quality");
        cases.forEach((body, field) -> given().contentType(ContentType.JSON).body(body).post("/api/shares")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo(field)));
        assertThat(TestPostgres.column("SELECT id FROM shares")).isEmpty();
    }

    @Test
    void makingOpeningAndRevokingALink_areAudited() {
        String token = share(Map.of("quality", List.of("HOT")), true, false);
        long id = id(token);
        TestAccess.anonymous();
        given().get(shared(token, "")).then().statusCode(200);
        TestAccess.actAs("agent");
        given().delete("/api/shares/" + id).then().statusCode(204);

        assertThat(TestPostgres.column("SELECT actor || ' ' || action || ' ' || target FROM audit_log ORDER BY id"))
                .containsExactly("test-agent share_created " + id, "share:" + id + " share_used " + id,
                        "test-agent share_revoked " + id);
    }

    /** Makes a link as the acting user; answers its token. */
    private static String share(Map<String, Object> filters, boolean mask, boolean export) {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("filters", filters, "expires_in_hours", 24, "mask_contacts", mask, "allow_export", export))
                .post("/api/shares").then().statusCode(201).extract().jsonPath();
        String url = created.getString("url");
        assertThat(url).matches("/s/[A-Za-z0-9_-]{43}");
        assertThat(created.getString("expires_at")).isNotBlank();
        return url.substring("/s/".length());
    }

    private static long id(String token) {
        return Long.parseLong(TestPostgres.column("SELECT id FROM shares WHERE token_hash = decode('"
                + HexFormat.of().formatHex(SharedViews.hash(token)) + "', 'hex')").get(0));
    }

    private static String shared(String token, String path) {
        return "/api/shared/" + token + path;
    }
}
