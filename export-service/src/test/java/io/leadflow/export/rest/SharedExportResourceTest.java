package io.leadflow.export.rest;

import io.leadflow.export.FormulaGuard;
import io.leadflow.leadquery.ContactMask;
import io.leadflow.leadquery.SharedViews;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import static io.leadflow.export.rest.Downloads.XlsxCell;
import static io.leadflow.export.rest.TestLinks.Link;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Downloads of a share link's leads: no login, the link's scope only, contacts masked when it says so, audited. */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
class SharedExportResourceTest {

    /** A message that quotes a phone and an email, which a masked link must not give away either. */
    private static final String MESSAGE_WITH_CONTACTS = "Call me on +92 300 7654321 or write to omar.k@example.com, thanks";
    private static final Map<String, UnaryOperator<String>> MASKED = Map.of(
            "Email", ContactMask::email, "Phone", ContactMask::phone, "Message", ContactMask::text);

    private ExportFixture leads;

    @BeforeEach
    void leadsAndNoLinks() {
        leads = ExportFixture.insert();
        TestPostgres.execute("UPDATE leads SET message = '" + MESSAGE_WITH_CONTACTS + "' WHERE id = " + leads.id(7),
                "DELETE FROM shares", "DELETE FROM audit_log");
        TestAccess.anonymous(); // a link's visitor signs in nowhere
    }

    @Test
    void aLinkThatMasksContacts_givesNoPhoneOrEmailAway_inEitherFormat() throws IOException, SQLException {
        Link link = TestLinks.create("{}", true, true);
        List<String> contacts = new ArrayList<>(TestPostgres.column(
                "SELECT user_phone FROM leads WHERE user_phone IS NOT NULL UNION ALL SELECT user_email FROM leads WHERE user_email IS NOT NULL"));
        contacts.addAll(List.of("7654321", "omar.k@example.com"));
        assertThat(contacts).hasSize(14);

        String csv = new String(csvBytes(link, Map.of()), StandardCharsets.UTF_8);
        assertThat(contacts).allSatisfy(contact -> assertThat(csv).doesNotContain(contact));
        assertThat(row(Downloads.csvRecords(csv.getBytes(StandardCharsets.UTF_8)), leads.id(3)))
                .containsEntry("Phone", "'+92300*****67");
        assertThat(row(Downloads.csvRecords(csv.getBytes(StandardCharsets.UTF_8)), leads.id(4)))
                .containsEntry("Email", "s***@example.com");
        assertThat(csv).contains("o***@example.com, thanks");

        List<Map<String, XlsxCell>> xlsx = Downloads.xlsxRows(xlsxBytes(link, Map.of()));
        String cells = String.join("\n", xlsx.stream().flatMap(r -> r.values().stream()).map(XlsxCell::text).toList());
        assertThat(contacts).allSatisfy(contact -> assertThat(cells).doesNotContain(contact));
        assertThat(xlsxRow(xlsx, leads.id(3)).get("Phone")).isEqualTo(new XlsxCell("+92300*****67", true));
        assertThat(xlsxRow(xlsx, leads.id(4)).get("Email")).isEqualTo(new XlsxCell("s***@example.com", false));
        assertThat(xlsxRow(xlsx, leads.id(7)).get("Message").text()).contains("o***@example.com, thanks");
    }

    @Test
    void aMaskedCsv_readsAsTheSignedInUsersFile_apartFromTheMaskedCells() throws IOException {
        Link link = TestLinks.create("{\"quality\":[\"HOT\",\"WARM\"]}", true, true);
        List<Map<String, String>> signedIn = Downloads.csvRecords(adminFile("leads.csv", Map.of("quality", List.of("HOT,WARM"))));

        List<Map<String, String>> expected = withMasked(signedIn, (cell, mask) -> {
            String stored = unguarded(cell);
            return stored.isEmpty() ? "" : FormulaGuard.neutralised(mask.apply(stored));
        });
        assertThat(expected).hasSize(7);
        assertThat(Downloads.csvRecords(csvBytes(link, Map.of()))).isEqualTo(expected);
    }

    @Test
    void aMaskedWorkbook_holdsTheSignedInUsersWorkbook_apartFromTheMaskedCells() throws IOException {
        Link link = TestLinks.create("{\"quality\":[\"HOT\",\"WARM\"]}", true, true);
        List<Map<String, XlsxCell>> signedIn = Downloads.xlsxRows(adminFile("leads.xlsx", Map.of("quality", List.of("HOT,WARM"))));

        List<Map<String, XlsxCell>> expected = withMasked(signedIn, (cell, mask) -> {
            String shown = cell.text().isEmpty() ? "" : mask.apply(cell.text());
            return new XlsxCell(shown, FormulaGuard.triggers(shown));
        });
        assertThat(expected).hasSize(7);
        assertThat(Downloads.xlsxRows(xlsxBytes(link, Map.of()))).isEqualTo(expected);
    }

    @Test
    void aMaskedCsvWithNothingToMask_isByteForByteTheFileThatPostgresqlWrites() {
        // No contact left to mask; an empty name and a missing one, which CSV tells apart ("" and nothing).
        TestPostgres.execute("UPDATE leads SET message = 'Call me' WHERE id = " + leads.id(7),
                "UPDATE leads SET user_email = NULL, user_phone = NULL",
                "UPDATE leads SET user_name = '' WHERE id = " + leads.id(1),
                "UPDATE leads SET user_name = NULL WHERE id = " + leads.id(9));
        Link link = TestLinks.create("{}", true, true);

        byte[] byPostgresql = adminFile("leads.csv", Map.of());
        assertThat(new String(byPostgresql, StandardCharsets.UTF_8)).contains(",\"\",").contains("\r\n" + leads.id(9) + ",,");
        assertThat(csvBytes(link, Map.of())).isEqualTo(byPostgresql);
    }

    @Test
    void aLinkThatDoesNotMask_showsContactsAsTheSignedInUsersFileDoes() throws IOException {
        Link link = TestLinks.create("{\"quality\":[\"HOT\"]}", false, true);
        Map<String, List<String>> hot = Map.of("quality", List.of("HOT"));

        List<Map<String, String>> csv = Downloads.csvRecords(csvBytes(link, Map.of()));
        assertThat(csv).isEqualTo(Downloads.csvRecords(adminFile("leads.csv", hot)));
        assertThat(row(csv, leads.id(3))).containsEntry("Phone", "'+923001234567");
        assertThat(row(csv, leads.id(7))).containsEntry("Message", MESSAGE_WITH_CONTACTS);
        List<Map<String, XlsxCell>> xlsx = Downloads.xlsxRows(xlsxBytes(link, Map.of()));
        assertThat(xlsx).isEqualTo(Downloads.xlsxRows(adminFile("leads.xlsx", hot)));
        assertThat(xlsxRow(xlsx, leads.id(4)).get("Email")).isEqualTo(new XlsxCell("sara@example.com", false));
    }

    @Test
    void requestParameters_neverWidenOrChangeTheLinksLeads_onlyTheirOrder() throws IOException, SQLException {
        Link hot = TestLinks.create("{\"quality\":[\"HOT\"]}", false, true);
        Map<String, List<String>> widen = Map.of("quality", List.of("COLD"), "channel", List.of("sms"), "q", List.of("Bilal"),
                "min_score", List.of("0"), "from", List.of("2020-01-01"), "tz", List.of("UTC"));

        assertThat(csvIds(hot, widen)).isEqualTo(Downloads.apiIds(Map.of("quality", List.of("HOT"))))
                .containsExactly(leads.id(8), leads.id(4), leads.id(3), leads.id(7));
        assertThat(xlsxIds(hot, widen)).isEqualTo(Downloads.apiIds(Map.of("quality", List.of("HOT"))));
        Map<String, List<String>> sorted = new LinkedHashMap<>(widen);
        sorted.put("sort", List.of("-score"));
        assertThat(csvIds(hot, sorted)).containsExactly(leads.id(7), leads.id(3), leads.id(4), leads.id(8));
        assertThat(xlsxIds(hot, sorted)).containsExactly(leads.id(7), leads.id(3), leads.id(4), leads.id(8));

        // The 20th of November in the link's Karachi, whatever zone and days the request names.
        Link day = TestLinks.create("{\"from\":[\"2026-11-20\"],\"to\":[\"2026-11-20\"],\"tz\":[\"Asia/Karachi\"]}", false, true);
        assertThat(csvIds(day, Map.of("tz", List.of("UTC"), "from", List.of("2026-11-01"), "to", List.of("2026-11-30"))))
                .containsExactly(leads.id(4), leads.id(3), leads.id(2), leads.id(1), leads.id(6));
    }

    @Test
    void aGet_marksNothing_andThereIsNoPost() throws SQLException {
        Link link = TestLinks.create("{}", false, true);
        Downloads.request(Map.of("mark_exported", List.of("true"))).get(link.file("leads.csv")).then().statusCode(200);
        given().contentType("application/json").post(link.file("leads.xlsx")).then().statusCode(405);
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void downloads_areNamedAsTheSignedInUsers_andNotCached() {
        Link link = TestLinks.create("{\"quality\":[\"HOT\"]}", true, true);
        String today = LocalDate.now(Downloads.ZONE).toString();
        given().get(link.file("leads.csv")).then().statusCode(200)
                .header("Content-Type", equalTo("text/csv; charset=UTF-8"))
                .header("Content-Disposition", equalTo("attachment; filename=\"leads-hot-" + today + ".csv\""))
                .header("Cache-Control", equalTo("no-store"));
        given().get(link.file("leads.xlsx")).then().statusCode(200)
                .header("Content-Type", equalTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header("Content-Disposition", equalTo("attachment; filename=\"leads-hot-" + today + ".xlsx\""));
    }

    @Test
    void eachDeliveredFile_isAuditedAsTheLinksUse_withItsFormatRowsAndFilters() {
        Link link = TestLinks.create("{\"quality\":[\"HOT\"],\"tz\":[\"Asia/Karachi\"]}", true, true);
        String file = given().get(link.file("leads.xlsx")).then().statusCode(200).extract().header("Content-Disposition")
                .replaceAll(".*filename=\"(.*)\"", "$1");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestPostgres.column(
                "SELECT actor || ' ' || action || ' ' || target FROM audit_log")).containsExactly("share:" + link.id() + " share_used " + file));
        assertThat(new JsonObject(TestPostgres.column("SELECT details FROM audit_log").get(0))).isEqualTo(new JsonObject(
                "{\"format\":\"xlsx\",\"rows\":4,\"filters\":{\"quality\":[\"HOT\"],\"tz\":[\"Asia/Karachi\"]}}"));
    }

    @Test
    void noLoginIsNeeded_butALinkIs() {
        Link link = TestLinks.create("{}", false, true);
        given().get(link.file("leads.csv")).then().statusCode(200);
        given().get("/api/export/leads.csv").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/shared//export/leads.csv").then().statusCode(404);
        given().get("/api/shared/" + SharedViews.newToken() + "/export/leads.csv").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"leads.csv", "leads.xlsx"})
    void linksThatDoNotAnswer_areProblems_andNoFile(String file) {
        assertProblem("/api/shared/" + SharedViews.newToken() + "/export/" + file, 404, "share-not-found");
        assertProblem("/api/shared/not-a-token/export/" + file, 404, "share-not-found");
        Link revoked = TestLinks.create("{}", false, true);
        TestPostgres.execute("UPDATE shares SET revoked_at = now() WHERE id = " + revoked.id());
        assertProblem(revoked.file(file), 410, "share-revoked");
        Link expired = TestLinks.create("{}", false, true);
        TestPostgres.execute("UPDATE shares SET expires_at = now() - interval '1 minute' WHERE id = " + expired.id());
        assertProblem(expired.file(file), 410, "share-expired");
        assertProblem(TestLinks.create("{}", false, false).file(file), 403, "share-export-not-allowed");

        assertThat(TestPostgres.column("SELECT count(*) FROM audit_log")).containsExactly("0");
    }

    private static void assertProblem(String path, int status, String kind) {
        given().get(path).then().statusCode(status)
                .contentType("application/problem+json")
                .header("Content-Disposition", nullValue())
                .body("status", equalTo(status))
                .body("type", equalTo("https://leadflow.io/problems/" + kind));
    }

    private static byte[] csvBytes(Link link, Map<String, List<String>> parameters) {
        return download(link.file("leads.csv"), parameters);
    }

    private static byte[] xlsxBytes(Link link, Map<String, List<String>> parameters) {
        return download(link.file("leads.xlsx"), parameters);
    }

    private static byte[] download(String path, Map<String, List<String>> parameters) {
        Response answer = Downloads.request(parameters).get(path);
        answer.then().statusCode(200);
        return answer.asByteArray();
    }

    /** The file a signed-in admin downloads from {@code /api/export}. */
    private static byte[] adminFile(String file, Map<String, List<String>> parameters) {
        return Downloads.request(parameters).header("Authorization", TestAccess.bearer("admin")).get("/api/export/" + file)
                .then().statusCode(200).extract().asByteArray();
    }

    private static List<Long> csvIds(Link link, Map<String, List<String>> parameters) throws IOException {
        return Downloads.csvRecords(csvBytes(link, parameters)).stream().map(row -> Long.valueOf(row.get("Lead ID"))).toList();
    }

    private static List<Long> xlsxIds(Link link, Map<String, List<String>> parameters) throws IOException {
        return Downloads.xlsxRows(xlsxBytes(link, parameters)).stream().map(row -> Long.valueOf(row.get("Lead ID").text())).toList();
    }

    /** The rows with their Email, Phone and Message cells as {@code mask} shows them, given ContactMask's rule. */
    private static <T> List<Map<String, T>> withMasked(List<Map<String, T>> rows, BiFunction<T, UnaryOperator<String>, T> mask) {
        return rows.stream().map(row -> {
            Map<String, T> masked = new LinkedHashMap<>(row);
            MASKED.forEach((header, rule) -> masked.put(header, mask.apply(row.get(header), rule)));
            return masked;
        }).toList();
    }

    /** A CSV cell as stored: without the apostrophe the formula guard adds. */
    private static String unguarded(String cell) {
        return cell.startsWith("'") && FormulaGuard.triggers(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static Map<String, String> row(List<Map<String, String>> rows, long id) {
        return rows.stream().filter(row -> row.get("Lead ID").equals(String.valueOf(id))).findFirst().orElseThrow();
    }

    private static Map<String, XlsxCell> xlsxRow(List<Map<String, XlsxCell>> rows, long id) {
        return rows.stream().filter(row -> row.get("Lead ID").text().equals(String.valueOf(id))).findFirst().orElseThrow();
    }
}
