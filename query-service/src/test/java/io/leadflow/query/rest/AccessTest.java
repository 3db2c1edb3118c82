package io.leadflow.query.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Who may call what: every endpoint with lead data, by role, without a token, and with tokens that no longer count. */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class AccessTest {

    @TestHTTPResource("/")
    URI root;
    private static int port;

    private long lead;

    /** An endpoint and the roles that may call it. */
    private record Endpoint(String method, String path, String body, List<String> allowed) {
    }

    private List<Endpoint> endpoints() {
        List<String> read = List.of("admin", "agent", "viewer");
        List<String> work = List.of("admin", "agent");
        List<String> admin = List.of("admin");
        return List.of(
                new Endpoint("GET", "/api/leads", null, read),
                new Endpoint("GET", "/api/leads/" + lead, null, read),
                new Endpoint("PATCH", "/api/leads/" + lead, "{\"note\":\"called\"}", work),
                new Endpoint("GET", "/api/stats", null, read),
                new Endpoint("GET", "/api/webhook/leads", null, read),
                new Endpoint("GET", "/api/webhook/stats", null, read),
                new Endpoint("GET", "/api/export/leads.csv", null, work),
                new Endpoint("GET", "/api/users", null, admin),
                new Endpoint("POST", "/api/users", "{\"username\":\"x\",\"password\":\"short\",\"role\":\"viewer\"}", admin),
                new Endpoint("PATCH", "/api/users/nobody", "{\"role\":\"viewer\"}", admin),
                new Endpoint("DELETE", "/api/users/nobody", null, admin),
                new Endpoint("GET", "/api/audit", null, admin),
                new Endpoint("POST", "/api/shares", "{\"filters\":{\"quality\":\"HOT\"}}", work),
                new Endpoint("GET", "/api/shares", null, work),
                new Endpoint("DELETE", "/api/shares/999999", null, work),
                new Endpoint("GET", "/api/auth/me", null, read),
                new Endpoint("POST", "/api/auth/logout", null, read));
    }

    @BeforeEach
    void oneLead() {
        port = root.getPort();
        TestAccess.anonymous();
        TestLeads.deleteAll();
        lead = TestLeads.insert(new TestLeads.Lead("Ahmed", null, "+923001234567", "whatsapp", "I want to buy today",
                "Buy", "High", 84, "HOT", Instant.now()));
    }

    @Test
    void everyEndpoint_refusesAnonymousWith401_andARoleThatMayNotWith403_asProblems() {
        for (Endpoint endpoint : endpoints()) {
            call(given(), endpoint).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401));
            for (String role : List.of("admin", "agent", "viewer")) {
                Response answer = call(given().header("Authorization", TestAccess.bearer(role)), endpoint);
                if (endpoint.allowed().contains(role)) {
                    assertThat(answer.statusCode()).as(role + " " + endpoint.method() + " " + endpoint.path())
                            .isNotIn(401, 403);
                } else {
                    assertThat(answer.statusCode()).as(role + " " + endpoint.method() + " " + endpoint.path())
                            .isEqualTo(403);
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                }
            }
        }
    }

    @Test
    void theLiveStream_needsASignIn() throws Exception {
        assertThat(streamStatus("other=1")).isEqualTo(401);
    }

    @Test
    void healthStaysOpen() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void expiredTamperedAndForeignTokens_areRefused() {
        String expired = TestAccess.token("test-viewer", "viewer", Instant.now().minusSeconds(60));
        given().header("Authorization", "Bearer " + expired).get("/api/leads").then().statusCode(401);

        String good = TestAccess.token("test-viewer", "viewer");
        String[] parts = good.split("\\.");
        String otherRole = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"viewer\"", "\"admin\"").getBytes());
        given().header("Authorization", "Bearer " + parts[0] + "." + otherRole + "." + parts[2])
                .get("/api/users").then().statusCode(401);

        String unknownUser = TestAccess.sign("nobody-here", "admin", 0, Instant.now().plusSeconds(60));
        given().header("Authorization", "Bearer " + unknownUser).get("/api/leads").then().statusCode(401);
    }

    @Test
    void firstAdmin_signsInWithTheConfiguredPassword_andGetsATokenAndAStrictHttpOnlyCookie() throws Exception {
        TestPostgres.execute("DELETE FROM users");
        Response login = login(TestAccess.FIRST_ADMIN, TestAccess.FIRST_ADMIN_PASSWORD);
        login.then().statusCode(200)
                .body("role", equalTo("admin"))
                .body("token", notNullValue())
                .body("expires_at", notNullValue())
                .header("Set-Cookie", containsString("leadflow_session="))
                .header("Set-Cookie", containsString("HttpOnly"))
                .header("Set-Cookie", containsString("SameSite=Strict"));
        String token = login.path("token");
        given().header("Authorization", "Bearer " + token).get("/api/auth/me")
                .then().statusCode(200).body("username", equalTo(TestAccess.FIRST_ADMIN)).body("role", equalTo("admin"));
        // The dashboard's way: the cookie alone.
        given().cookie("leadflow_session", token).get("/api/leads").then().statusCode(200);
        assertThat(streamStatus("leadflow_session=" + token)).isEqualTo(200);
    }

    /** The live stream's status for a Cookie header, without reading the endless body. */
    private static int streamStatus(String cookie) throws Exception {
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads/stream"))
                        .header("Cookie", cookie).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        answer.body().close();
        return answer.statusCode();
    }

    @Test
    void logout_revokesEveryTokenOfTheUser() {
        String token = adminCreates("agent-logout", "agent");
        given().header("Authorization", "Bearer " + token).get("/api/leads").then().statusCode(200);
        given().header("Authorization", "Bearer " + token).post("/api/auth/logout").then().statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));
        given().header("Authorization", "Bearer " + token).get("/api/leads").then().statusCode(401);
    }

    @Test
    void anAdmin_managesUsers_andEachChangeEndsTheUsersSessions() {
        String admin = TestAccess.bearer("admin");
        String agentToken = adminCreates("agent-managed", "agent");
        given().header("Authorization", admin).get("/api/users").then().statusCode(200)
                .body("find { it.username == 'agent-managed' }.role", equalTo("agent"))
                .body("find { it.username == 'agent-managed' }.password_hash", org.hamcrest.Matchers.nullValue());
        // A duplicate and a weak password are refused, naming the field.
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "agent-managed", "password", "long enough password", "role", "agent"))
                .post("/api/users").then().statusCode(409).body("field", equalTo("username"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "weak", "password", "short", "role", "agent"))
                .post("/api/users").then().statusCode(400).body("field", equalTo("password"));

        // Demoted to viewer: the old token is dead; a new sign-in may read but not change a lead.
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .patch("/api/users/agent-managed").then().statusCode(200).body("role", equalTo("viewer"));
        given().header("Authorization", "Bearer " + agentToken).get("/api/leads").then().statusCode(401);
        String viewer = login("agent-managed", "agent-managed password").path("token");
        given().header("Authorization", "Bearer " + viewer).get("/api/leads").then().statusCode(200);
        given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON).body("{\"note\":\"x\"}")
                .patch("/api/leads/" + lead).then().statusCode(403);

        // A password reset: the old password no longer signs in, the new one does.
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("password", "a brand new password")).patch("/api/users/agent-managed").then().statusCode(200);
        login("agent-managed", "agent-managed password").then().statusCode(401);
        login("agent-managed", "a brand new password").then().statusCode(200);

        // Deleted: its tokens die with it.
        String last = login("agent-managed", "a brand new password").path("token");
        given().header("Authorization", admin).delete("/api/users/agent-managed").then().statusCode(204);
        given().header("Authorization", "Bearer " + last).get("/api/leads").then().statusCode(401);
    }

    @Test
    void theLastAdmin_cannotBeDemotedOrDeleted() {
        TestPostgres.execute("DELETE FROM users");
        String admin = TestAccess.bearer("admin");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("role", "agent"))
                .patch("/api/users/test-admin").then().statusCode(409);
        given().header("Authorization", admin).delete("/api/users/test-admin").then().statusCode(409);
    }

    @Test
    void failedSignIns_areAudited_andSlowedDownWith429AndRetryAfter() {
        adminCreates("guessed", "viewer");
        for (int i = 0; i < 5; i++) {
            login("guessed", "wrong password " + i).then().statusCode(401).contentType("application/problem+json");
        }
        login("guessed", "guessed password").then().statusCode(429).header("Retry-After", notNullValue());
        List<String> actions = given().header("Authorization", TestAccess.bearer("admin")).get("/api/audit?limit=20")
                .then().statusCode(200).extract().path("entries.findAll { it.target == 'guessed' }.action");
        assertThat(actions).contains("login_failed", "user_created");
    }

    @Test
    void theAuditLog_recordsSignInsUserChangesAndLeadChanges_newestFirst_inPages() {
        String admin = TestAccess.bearer("admin");
        adminCreates("audited", "agent");
        String agent = login("audited", "audited password").path("token");
        given().header("Authorization", "Bearer " + agent).contentType(ContentType.JSON)
                .body("{\"status\":\"contacted\"}").patch("/api/leads/" + lead).then().statusCode(200);

        Response first = given().header("Authorization", admin).get("/api/audit?limit=2");
        first.then().statusCode(200);
        List<Map<String, Object>> entries = first.path("entries");
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).get("action")).isEqualTo("lead_changed");
        assertThat(entries.get(0).get("actor")).isEqualTo("audited");
        assertThat(entries.get(0).get("target")).isEqualTo(String.valueOf(lead));
        assertThat(((Map<?, ?>) entries.get(0).get("details")).get("status")).isEqualTo("contacted");
        assertThat(entries.get(1).get("action")).isEqualTo("login");
        Number next = first.path("next_before");
        List<String> older = given().header("Authorization", admin).get("/api/audit?limit=5&before=" + next)
                .then().statusCode(200).extract().path("action");
        List<Map<String, Object>> olderEntries = given().header("Authorization", admin)
                .get("/api/audit?limit=5&before=" + next).path("entries");
        assertThat(olderEntries).allSatisfy(entry -> assertThat(((Number) entry.get("id")).longValue())
                .isLessThan(next.longValue()));
        assertThat(olderEntries).anySatisfy(entry -> {
            assertThat(entry.get("action")).isEqualTo("user_created");
            assertThat(entry.get("target")).isEqualTo("audited");
        });
    }

    /** Creates the user through the API as an admin, password "{@code <name> password}"; signs in as them. */
    private static String adminCreates(String username, String role) {
        given().header("Authorization", TestAccess.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", username + " password", "role", role))
                .post("/api/users").then().statusCode(201).body("role", equalTo(role));
        return login(username, username + " password").then().statusCode(200).extract().path("token");
    }

    private static Response login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }

    private static Response call(RequestSpecification request, Endpoint endpoint) {
        if (endpoint.body() != null) {
            request = request.contentType(ContentType.JSON).body(endpoint.body());
        }
        return request.request(endpoint.method(), endpoint.path());
    }
}
