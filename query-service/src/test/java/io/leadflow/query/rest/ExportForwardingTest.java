package io.leadflow.query.rest;

import io.leadflow.leadquery.SharedViews;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
@WithTestResource(ExportServiceStub.class)
class ExportForwardingTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    @TestHTTPResource("/")
    URI base;

    @Test
    void csv_isStreamedThrough_beforeExportServiceHasFinished() throws Exception {
        ExportServiceStub.holdSecondHalf();
        try {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(base.resolve("/api/export/leads.csv?quality=HOT&q=caf%C3%A9"))
                            .header("Authorization", TestAccess.bearer("agent")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8");
            assertThat(answer.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"leads-all-2026-11-26.csv\"");
            try (InputStream body = answer.body()) {
                byte[] firstHalf = ExportServiceStub.csvFirstHalf().getBytes(StandardCharsets.UTF_8);
                // export-service holds the rest until this half has reached the browser: a buffering proxy never gets here.
                byte[] received = CompletableFuture.supplyAsync(() -> readExactly(body, firstHalf.length)).get(20, TimeUnit.SECONDS);
                assertThat(received).isEqualTo(firstHalf);
                ExportServiceStub.releaseSecondHalf();
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ExportServiceStub.csvSecondHalf());
            }
            assertThat(ExportServiceStub.requests()).contains("/api/export/leads.csv?quality=HOT&q=caf%C3%A9");
        } finally {
            ExportServiceStub.releaseSecondHalf();
        }
    }

    @Test
    void aPost_reachesExportServiceAsAPostWithItsContentType_andItsFileComesBack() {
        String csv = given().contentType("application/json").post("/api/export/leads.csv?quality=HOT").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"leads-all-2026-11-26.csv\"")
                .extract().asString();
        assertThat(csv).isEqualTo(ExportServiceStub.csvFirstHalf() + ExportServiceStub.csvSecondHalf());
        assertThat(ExportServiceStub.received()).anySatisfy(received -> {
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.uri()).isEqualTo("/api/export/leads.csv?quality=HOT");
            assertThat(received.contentType()).startsWith("application/json");
        });
    }

    @Test
    void xlsx_arrivesByteForByte() {
        byte[] file = given().get("/api/export/leads.xlsx?status=new").then().statusCode(200)
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"leads-all-2026-11-26.xlsx\"")
                .extract().asByteArray();
        assertThat(file).isEqualTo(ExportServiceStub.XLSX_BYTES);
    }

    @Test
    void exportServicesProblem_reachesTheBrowserUnchanged() {
        given().get("/api/export/leads.csv?quality=LUKEWARM").then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("quality"))
                .body("detail", equalTo("unknown quality 'LUKEWARM'"));
    }

    @Test
    void exportServiceDown_isA503Problem() throws Exception {
        ExportServiceStub.goAway();
        try {
            given().get("/api/export/leads.csv").then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("status", equalTo(503));
        } finally {
            ExportServiceStub.comeBack();
        }
    }

    @Test
    void aShareLinksDownload_needsNoLogin_andReachesExportServiceWithItsTokenAndSort() {
        String token = shareLink();
        TestAccess.anonymous();
        String file = "/api/shared/" + token + "/export/leads.csv?sort=-score";
        String csv = given().get(file).then().statusCode(200)
                .header("Content-Type", "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"leads-all-2026-11-26.csv\"")
                .extract().asString();

        assertThat(csv).isEqualTo(ExportServiceStub.csvFirstHalf() + ExportServiceStub.csvSecondHalf());
        assertThat(ExportServiceStub.received()).contains(new ExportServiceStub.Received("GET", file, null));
    }

    @Test
    void theOtherDownloads_stillNeedAnAgentOrAnAdmin_andAShareLinkCannotPost_norAnUnknownLinkDownload() {
        String token = shareLink();
        TestAccess.anonymous();
        int forwarded = ExportServiceStub.requests().size();
        given().get("/api/export/leads.csv").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").post("/api/export/leads.csv").then().statusCode(401);
        given().header("Authorization", TestAccess.bearer("viewer")).get("/api/export/leads.xlsx").then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/json").post("/api/shared/" + token + "/export/leads.csv").then().statusCode(405);
        given().get("/api/shared/" + SharedViews.newToken() + "/export/leads.csv").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(ExportServiceStub.requests()).hasSize(forwarded);
    }

    /** A link that allows downloads, made by the acting admin; its token. */
    private static String shareLink() {
        return given().contentType("application/json").body(Map.of("filters", Map.of(), "allow_export", true))
                .post("/api/shares").then().statusCode(201).extract().jsonPath().getString("url").substring("/s/".length());
    }

    private static byte[] readExactly(InputStream in, int length) {
        try {
            return in.readNBytes(length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
