package io.leadflow.export.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.leadflow.export.rest.Downloads.XlsxCell;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
class ExportResourceTest {

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    @TestHTTPResource("/api/export/")
    URI export;

    private ExportFixture leads;

    @BeforeEach
    void leads() {
        leads = ExportFixture.insert();
    }

    @Test
    void csv_isUtf8WithABomAndRoundTripsUrduArabicCommasQuotesAndLineFeeds() throws IOException {
        List<Map<String, String>> rows = Downloads.csv(Map.of());

        assertThat(rows).extracting(row -> Long.valueOf(row.get("Lead ID"))).containsExactly(
                leads.id(9), leads.id(8), leads.id(4), leads.id(3), leads.id(2), leads.id(1), leads.id(6), leads.id(7),
                leads.id(5), leads.id(10));
        assertThat(row(rows, 3)).containsExactlyEntriesOf(expected(
                leads.id(3), "احمد خان", "", "'+923001234567", "whatsapp", "میں خریدنا چاہتا ہوں", "Buy", "High", "84", "HOT",
                "intent 30/30 (Buy intent from offline, confidence 80); contact quality 10/15 (valid phone)", "won", "1",
                "2026-11-20T15:32:00+05:00", "2026-11-20T15:32:00+05:00", "no"));
        assertThat(row(rows, 4).get("Name")).isEqualTo("سارة");
        assertThat(row(rows, 4).get("Message")).isEqualTo("أريد شراء ثلاث وحدات، من فضلك");
        assertThat(row(rows, 2).get("Message")).isEqualTo(ExportFixture.MESSY_MESSAGE);
        assertThat(row(rows, 7).get("Message")).isEqualTo("Need 10 units, budget 50,000");
        assertThat(row(rows, 1).get("Last message at")).isEqualTo("2026-11-25T15:30:00+05:00");
        assertThat(row(rows, 1).get("Messages")).isEqualTo("3");
    }

    @Test
    void formulaPayloads_areNeutralisedInBothFormats() throws IOException {
        List<Map<String, String>> csv = Downloads.csv(Map.of());
        assertThat(row(csv, 2).get("Name")).isEqualTo("'" + ExportFixture.PAYLOAD);
        assertThat(row(csv, 5).get("Name")).isEqualTo("'@SUM(A1)");
        assertThat(row(csv, 5).get("Message")).isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(row(csv, 5).get("Phone")).isEqualTo("'+923009999999");
        assertThat(row(csv, 6).get("Message")).isEqualTo("50% off? Reply_now");

        List<Map<String, XlsxCell>> xlsx = Downloads.xlsx(Map.of());
        Map<String, XlsxCell> payload = xlsx.stream().filter(r -> r.get("Lead ID").text().equals(String.valueOf(leads.id(2))))
                .findFirst().orElseThrow();
        assertThat(payload.get("Name")).isEqualTo(new XlsxCell(ExportFixture.PAYLOAD, true));
        assertThat(payload.get("Email")).isEqualTo(new XlsxCell("evil@example.com", false));
        Map<String, XlsxCell> others = xlsx.stream().filter(r -> r.get("Lead ID").text().equals(String.valueOf(leads.id(5))))
                .findFirst().orElseThrow();
        assertThat(others.get("Name")).isEqualTo(new XlsxCell("@SUM(A1)", true));
        assertThat(others.get("Message")).isEqualTo(new XlsxCell("-2+3+cmd|' /C calc'!A0", true));
        assertThat(others.get("Phone")).isEqualTo(new XlsxCell("+923009999999", true));
    }

    @Test
    void fullWidthFormulaPayloads_areNeutralisedInBothFormats() throws IOException {
        TestPostgres.execute(
                "UPDATE leads SET user_name = '＝HYPERLINK(\"http://x\")', message = '＋1＋1' WHERE id = " + leads.id(9),
                "UPDATE leads SET user_name = '＠SUM(A1)', message = '－2＋3+cmd|'' /C calc''!A0' WHERE id = " + leads.id(10));

        List<Map<String, String>> csv = Downloads.csv(Map.of());
        assertThat(row(csv, 9)).containsEntry("Name", "'＝HYPERLINK(\"http://x\")").containsEntry("Message", "'＋1＋1");
        assertThat(row(csv, 10)).containsEntry("Name", "'＠SUM(A1)").containsEntry("Message", "'－2＋3+cmd|' /C calc'!A0");

        List<Map<String, XlsxCell>> xlsx = Downloads.xlsx(Map.of());
        assertThat(xlsxRow(xlsx, 9)).containsEntry("Name", new XlsxCell("＝HYPERLINK(\"http://x\")", true))
                .containsEntry("Message", new XlsxCell("＋1＋1", true));
        assertThat(xlsxRow(xlsx, 10)).containsEntry("Name", new XlsxCell("＠SUM(A1)", true))
                .containsEntry("Message", new XlsxCell("－2＋3+cmd|' /C calc'!A0", true));
    }

    @Test
    void xlsx_opensWithPoiAndHoldsTheCsvsRowsCellForCell() throws IOException {
        List<Map<String, String>> csv = Downloads.csv(Map.of("sort", List.of("-score")));
        List<Map<String, XlsxCell>> xlsx = Downloads.xlsx(Map.of("sort", List.of("-score")));

        assertThat(xlsx).hasSize(10);
        for (int i = 0; i < csv.size(); i++) {
            Map<String, String> asCsvWouldShowIt = new LinkedHashMap<>();
            xlsx.get(i).forEach((header, cell) -> asCsvWouldShowIt.put(header, cell.quotePrefixed() ? "'" + cell.text() : cell.text()));
            assertThat(asCsvWouldShowIt).containsExactlyEntriesOf(csv.get(i));
        }
    }

    static Stream<Map<String, List<String>>> filters() {
        return Stream.of(
                Map.of(),
                Map.of("quality", List.of("HOT")),
                Map.of("quality", List.of("hot,warm")),
                Map.of("channel", List.of("whatsapp", "email")),
                Map.of("intent", List.of("Buy")),
                Map.of("status", List.of("won")),
                Map.of("from", List.of("2026-11-20"), "to", List.of("2026-11-20")),
                Map.of("from", List.of("2026-11-20T10:31:00Z")),
                Map.of("to", List.of("2026-11-19T19:00:00+05:00")),
                Map.of("min_score", List.of("40"), "max_score", List.of("62")),
                Map.of("q", List.of("AHMED")),
                Map.of("q", List.of("احمد")),
                Map.of("q", List.of("50%")),
                Map.of("q", List.of("y_n")),
                Map.of("q", List.of("+9230011")),
                Map.of("q", List.of("example.com")),
                Map.of("sort", List.of("-score")),
                Map.of("sort", List.of("score")),
                Map.of("sort", List.of("created_at")),
                Map.of("sort", List.of("-last_message_at")),
                Map.of("sort", List.of("last_message_at")),
                Map.of("quality", List.of("HOT,WARM"), "channel", List.of("whatsapp,website"), "min_score", List.of("45"),
                        "sort", List.of("-score"), "q", List.of("exa")));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void everyFilterAndSort_matchesTheQueryApiRowForRow(Map<String, List<String>> parameters) throws IOException, SQLException {
        List<Long> api = Downloads.apiIds(parameters);

        assertThat(Downloads.csv(parameters)).extracting(row -> Long.valueOf(row.get("Lead ID"))).isEqualTo(api);
        assertThat(Downloads.xlsx(parameters)).extracting(row -> Long.valueOf(row.get("Lead ID").text())).isEqualTo(api);
    }

    @Test
    void filters_selectTheLeadsTheySay() throws IOException {
        assertThat(ids(Map.of("quality", List.of("HOT")))).containsExactly(leads.id(8), leads.id(4), leads.id(3), leads.id(7));
        // The 20th of November in Karachi runs from 19:00 UTC on the 19th to 19:00 UTC on the 20th.
        assertThat(ids(Map.of("from", List.of("2026-11-20"), "to", List.of("2026-11-20"))))
                .containsExactly(leads.id(4), leads.id(3), leads.id(2), leads.id(1), leads.id(6));
        assertThat(ids(Map.of("q", List.of("50%")))).containsExactly(leads.id(6));
        assertThat(ids(Map.of("sort", List.of("score"), "max_score", List.of("30"))))
                .containsExactly(leads.id(5), leads.id(1), leads.id(10));
    }

    @Test
    void aPost_marksExactlyTheExportedLeads_inBothFormats() throws IOException, SQLException {
        assertThat(Downloads.csvMarked(Map.of("quality", List.of("HOT"))))
                .extracting(row -> row.get("Exported before")).containsOnly("no");
        assertThat(Downloads.exportedIds()).containsExactly(leads.id(3), leads.id(4), leads.id(7), leads.id(8));

        assertThat(Downloads.xlsxMarked(Map.of("channel", List.of("sms"), "mark_exported", List.of("true"))))
                .extracting(row -> row.get("Exported before").text()).containsOnly("no");
        assertThat(Downloads.exportedIds()).containsExactly(leads.id(1), leads.id(3), leads.id(4), leads.id(7), leads.id(8), leads.id(9));

        assertThat(Downloads.csv(Map.of("intent", List.of("Buy"))))
                .extracting(row -> row.get("Exported before")).containsExactly("yes", "yes");
    }

    @Test
    void aGet_marksNothing() throws IOException, SQLException {
        Downloads.csv(Map.of());
        Downloads.xlsx(Map.of("mark_exported", List.of("false")));
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void aGetAskingToMark_isAProblemSayingToPost_andMarksNothing() throws SQLException {
        for (String path : List.of("/api/export/leads.csv", "/api/export/leads.xlsx")) {
            Downloads.request(Map.of("quality", List.of("HOT"), "mark_exported", List.of("true"))).get(path).then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .header("Content-Disposition", nullValue())
                    .body("field", equalTo("mark_exported"))
                    .body("detail", containsString("POST to the same address"));
        }
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void exports_areForAgentsAndAdmins_andEachDeliveredFileIsAudited() {
        TestAccess.anonymous();
        for (String file : List.of("leads.csv", "leads.xlsx")) {
            given().get(export.resolve(file)).then().statusCode(401).contentType("application/problem+json");
            given().header("Authorization", TestAccess.bearer("viewer")).get(export.resolve(file)).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        TestPostgres.execute("DELETE FROM audit_log");
        given().header("Authorization", TestAccess.bearer("agent")).get(export.resolve("leads.csv?quality=HOT"))
                .then().statusCode(200);
        String hot = TestPostgres.column("SELECT count(*) FROM leads WHERE quality = 'HOT'").get(0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestPostgres.column(
                "SELECT actor || ' ' || action || ' ' || (details->>'rows') || ' ' || (details->>'filters') FROM audit_log"))
                .containsExactly("test-agent export " + hot + " quality=HOT"));
    }

    @Test
    void aPostThatAnyWebPageMaySendCrossOrigin_isA415_andMarksNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        // A body-less POST and the three content types a page on another origin may post without a CORS preflight.
        for (String contentType : new String[] {null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            for (String file : List.of("leads.csv", "leads.xlsx")) {
                HttpRequest.Builder post = HttpRequest.newBuilder(export.resolve(file)).POST(HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", TestAccess.bearer("admin"));
                if (contentType != null) {
                    post.header("Content-Type", contentType);
                }
                HttpResponse<String> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s with Content-Type %s", file, contentType).isEqualTo(415);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(answer.body()).contains("\"field\":\"Content-Type\"");
            }
        }
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void downloads_areNamedForTheirGradesAndDay_andNotCached() {
        String today = LocalDate.now(Downloads.ZONE).toString();
        Downloads.request(Map.of("quality", List.of("hot"))).get("/api/export/leads.csv").then().statusCode(200)
                .header("Content-Type", equalTo("text/csv; charset=UTF-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"leads-hot-" + today + ".csv\""))
                .header("Cache-Control", equalTo("no-store"));
        Downloads.request(Map.of()).get("/api/export/leads.xlsx").then().statusCode(200)
                .header("Content-Type", equalTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header("Content-Disposition", equalTo("attachment; filename=\"leads-all-" + today + ".xlsx\""));
    }

    @Test
    void badFilters_areProblemsNamingTheParameter_andNoFile() throws SQLException {
        assertProblem("/api/export/leads.csv", Map.of("quality", List.of("BOILING")), "quality");
        assertProblem("/api/export/leads.xlsx", Map.of("min_score", List.of("lots")), "min_score");
        assertProblem("/api/export/leads.csv", Map.of("from", List.of("yesterday")), "from");
        assertProblem("/api/export/leads.xlsx", Map.of("sort", List.of("name")), "sort");
        assertProblem("/api/export/leads.csv", Map.of("quality", List.of("HOT"), "mark_exported", List.of("yes")), "mark_exported");
        Downloads.request(Map.of("quality", List.of("BOILING"))).contentType("application/json").post("/api/export/leads.xlsx")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("quality"));
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void health_isReadyWithTheDatabaseAndItsSchema() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void noLeads_isAFileWithHeadersOnly() throws IOException {
        TestLeads.deleteAll();
        assertThat(Downloads.csv(Map.of())).isEmpty();
        assertThat(Downloads.xlsx(Map.of())).isEmpty();
    }

    private static void assertProblem(String path, Map<String, List<String>> parameters, String field) {
        Downloads.request(parameters).get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .header("Content-Disposition", nullValue())
                .body("status", equalTo(400))
                .body("field", equalTo(field));
    }

    private List<Long> ids(Map<String, List<String>> parameters) throws IOException {
        return Downloads.csv(parameters).stream().map(row -> Long.valueOf(row.get("Lead ID"))).toList();
    }

    private Map<String, XlsxCell> xlsxRow(List<Map<String, XlsxCell>> rows, int lead) {
        return rows.stream().filter(row -> row.get("Lead ID").text().equals(String.valueOf(leads.id(lead)))).findFirst().orElseThrow();
    }

    private Map<String, String> row(List<Map<String, String>> rows, int lead) {
        return rows.stream().filter(row -> row.get("Lead ID").equals(String.valueOf(leads.id(lead)))).findFirst().orElseThrow();
    }

    private static Map<String, String> expected(Object... values) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            row.put(Downloads.HEADERS.get(i), String.valueOf(values[i]));
        }
        return row;
    }
}
