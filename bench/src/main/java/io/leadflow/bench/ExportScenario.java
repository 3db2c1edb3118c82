package io.leadflow.bench;

import io.leadflow.leadquery.LeadRows;
import org.postgresql.PGConnection;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every lead as CSV through export-service, beside PostgreSQL's own {@code COPY … TO STDOUT (FORMAT csv)} of the
 * same rows in the same order: the stored columns the file holds (the lead's, and the score breakdown in words),
 * as PostgreSQL writes them; what the service adds is its own work (times in the business's zone, the formula
 * guard, CRLF records, the HTTP response). The service's resident memory at rest and at its peak in each quarter of
 * the download (flat memory levels off once the service is at its working size; memory that grows with the rows
 * climbs to the end). Then the same for XLSX. Target (SPEC §11): ratio >= 0.5.
 */
final class ExportScenario {

    private final Target target;
    private final Mode mode;
    private final Progress progress;
    private final Database db;
    private String authorization;

    ExportScenario(Target target, Mode mode, Progress progress) {
        this.target = target;
        this.mode = mode;
        this.progress = progress;
        this.db = new Database(target);
    }

    /** CSV: the export_csv line. */
    ScenarioResult csv() throws Exception {
        long rows = db.count("SELECT count(*) FROM leads");
        long pid = target.pid("export").orElseThrow(() -> new IllegalStateException("export-service is not running"));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("rows", rows);
        details.put("quiet_wait_s", Machine.awaitQuiet(progress).toSeconds());

        progress.step("export_csv: COPY of " + rows + " leads (baseline)");
        double copySeconds = copySeconds(LeadRows.COLUMNS + ", score_summary");
        // Earlier runs' baseline left the score breakdown out (60% of the file's bytes): measured beside it.
        double copyWithoutSummarySeconds = copySeconds(LeadRows.COLUMNS);
        Download download = download("/api/export/leads.csv", pid, rows);
        details.putAll(download.details());
        details.put("copy_seconds", copySeconds);
        details.put("copy_without_score_summary_seconds", copyWithoutSummarySeconds);
        details.put("ratio_to_copy_without_score_summary", copyWithoutSummarySeconds / download.seconds);
        double value = rows / download.seconds;
        double baseline = rows / copySeconds;
        double ratio = value / baseline;
        return new ScenarioResult("export_csv", Math.round(value), "rows/s", (double) Math.round(baseline), ratio,
                null, null, "ratio >= 0.50 with memory flat", ratio >= 0.5, details);
    }

    /** XLSX: the export_xlsx line (no baseline: PostgreSQL writes no Excel). */
    ScenarioResult xlsx() throws Exception {
        long rows = db.count("SELECT count(*) FROM leads");
        long pid = target.pid("export").orElseThrow(() -> new IllegalStateException("export-service is not running"));
        Download download = download("/api/export/leads.xlsx", pid, rows);
        return new ScenarioResult("export_xlsx", Math.round(rows / download.seconds), "rows/s", null, null, null, null,
                "completes with memory flat", download.status == 200, download.details());
    }

    private record Download(int status, long bytes, double seconds, long restMb, List<Long> quarterPeaksMb) {
        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", status);
            details.put("bytes", bytes);
            details.put("seconds", seconds);
            details.put("rss_at_rest_mb", restMb);
            details.put("rss_peak_by_quarter_mb", quarterPeaksMb);
            return details;
        }
    }

    /** The admin's token, signed in for once when first needed (the stack is up by then). */
    private String authorization() {
        if (authorization == null) {
            authorization = target.authorization();
        }
        return authorization;
    }

    private Download download(String path, long pid, long rows) throws Exception {
        progress.step("export: GET " + path + " (" + rows + " leads)");
        HttpClient http = HttpClient.newHttpClient();
        long restMb = Memory.rssKb(pid) / 1024;
        try (Memory memory = Memory.sample(pid)) {
            long started = System.nanoTime();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + target.exportPort() + path)).timeout(mode.scenarioLimit())
                            .header("Authorization", authorization()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = response.body()) {
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    bytes += read;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Download(response.statusCode(), bytes, seconds, restMb, memory.quarterPeaksMb());
        }
    }

    /** The faster of two runs of the COPY: the first also brings the table into memory, as the export found it. */
    private double copySeconds(String columns) throws Exception {
        double fastest = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            fastest = Math.min(fastest, copyOnce(columns));
        }
        return fastest;
    }

    private double copyOnce(String columns) throws Exception {
        try (Connection connection = db.connect()) {
            long started = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                    "COPY (SELECT " + columns + " FROM leads ORDER BY created_at DESC, id DESC) TO STDOUT (FORMAT csv, HEADER)",
                    OutputStream.nullOutputStream());
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
