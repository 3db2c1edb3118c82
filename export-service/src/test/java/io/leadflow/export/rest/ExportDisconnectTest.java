package io.leadflow.export.rest;

import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that goes away mid-download: the query stops, the connection goes back to the pool, temporary files
 * go, and nothing is marked. The leads are many and long enough (about 25 MB of CSV) that the server is still
 * at work when the client leaves: a client that stops reading holds the query back, as it should.
 */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "migrated"))
class ExportDisconnectTest {

    private static final int LEADS = 20_000;
    private static final Path XLSX_TEMP = Path.of(System.getProperty("java.io.tmpdir"), "leadflow-export");

    @TestHTTPResource("/")
    URL server;

    @BeforeEach
    void signIn() {
        TestAccess.actAs("admin");
    }

    @BeforeAll
    static void manyLongLeads() {
        TestLeads.deleteAll();
        TestPostgres.execute("INSERT INTO leads (user_name, user_email, user_phone, channel, message, intent, urgency, score, "
                + "quality, created_at, last_message_at, message_count, lead_key) "
                + "SELECT 'Customer ' || g, 'c' || g || '@example.com', '+92300' || lpad(g::text, 7, '0'), 'whatsapp', "
                + "repeat('I want to buy 3 units today, please call me back. ', 20) || g, 'Buy', 'High', 84, 'HOT', "
                + "timestamptz '2026-11-01' + g * interval '1 minute', timestamptz '2026-11-01' + g * interval '1 minute', 1, "
                + "'+92300' || lpad(g::text, 7, '0') FROM generate_series(1, " + LEADS + ") g");
    }

    @Test
    void csvClientThatLeaves_stopsTheQuery_andMarksNothing() throws IOException, SQLException {
        try (Socket client = markingDownload("/api/export/leads.csv")) {
            InputStream in = client.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            in.readNBytes(4096);
            // The client reads no further: the server waits on it with the query still open.
            await().atMost(Duration.ofSeconds(30)).until(() -> exportSessions("state = 'active' AND query LIKE 'COPY%'") == 1);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> exportSessions("state <> 'idle'") == 0);
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void aCsvClientThatLeaves_leavesNoConnectionBehindThatWouldFailTheNextExports() throws IOException {
        for (int round = 0; round < 3; round++) {
            try (Socket client = markingDownload("/api/export/leads.csv")) {
                client.getInputStream().readNBytes(4096);
                await().atMost(Duration.ofSeconds(30)).until(() -> exportSessions("state = 'active' AND query LIKE 'COPY%'") == 1);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> exportSessions("state <> 'idle'") == 0);
            // The pool hands out the connection it got back last: a broken one would fail these.
            assertThat(Downloads.csv(Map.of("q", List.of("Customer 12345")))).hasSize(1);
            assertThat(Downloads.xlsx(Map.of("q", List.of("Customer 12345")))).hasSize(1);
        }
    }

    @Test
    void xlsxClientThatLeaves_stopsTheQuery_removesTheTemporaryFiles_andMarksNothing() throws IOException, SQLException {
        try (Socket ignored = markingDownload("/api/export/leads.xlsx")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> temporaryFiles() > 0);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> temporaryFiles() == 0 && exportSessions("state <> 'idle'") == 0);
        assertThat(Downloads.exportedIds()).isEmpty();
    }

    @Test
    void aMaskedCsvClientThatLeaves_endsTheExportAsCancelled_andGivesTheConnectionBack() throws IOException {
        TestLinks.Link link = TestLinks.create("{}", true, true);
        double cancelled = cancelledCsvFiles();
        try (Socket client = new Socket(server.getHost(), server.getPort())) {
            client.setReceiveBufferSize(8192);
            client.getOutputStream().write(("GET " + link.file("leads.csv") + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
            in.readNBytes(4096);
            // The client reads no further: the server waits on it between two fetches of the cursor.
            await().atMost(Duration.ofSeconds(30)).until(() -> exportSessions("state = 'idle in transaction'") == 1);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> exportSessions("state <> 'idle'") == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> cancelledCsvFiles() == cancelled + 1);
    }

    @Test
    void aClientThatReadsItAll_getsEveryLead() throws IOException {
        assertThat(Downloads.csv(Map.of())).hasSize(LEADS);
    }

    /** A download that would mark its leads exported, were it delivered whole. */
    private Socket markingDownload(String path) throws IOException {
        Socket client = new Socket(server.getHost(), server.getPort());
        client.setReceiveBufferSize(8192);
        OutputStream out = client.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 0\r\n"
                + "Authorization: " + TestAccess.bearer("agent") + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return client;
    }

    /** Sessions of export-service in the database that match {@code condition}. */
    private static int exportSessions(String condition) throws SQLException {
        try (Connection db = TestPostgres.connect(); Statement statement = db.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE application_name = 'export-service' AND " + condition)) {
            count.next();
            return count.getInt(1);
        }
    }

    /** CSV exports stopped because their client went away, as /q/metrics counts them. */
    private static double cancelledCsvFiles() {
        Matcher count = Pattern.compile("(?m)^leadflow_export_files_total\\{format=\"csv\",outcome=\"cancelled\",?} (\\S+)$")
                .matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }

    private static long temporaryFiles() throws IOException {
        if (!Files.isDirectory(XLSX_TEMP)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(XLSX_TEMP)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
