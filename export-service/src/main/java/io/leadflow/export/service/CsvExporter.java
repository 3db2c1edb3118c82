package io.leadflow.export.service;

import io.leadflow.export.repository.LeadExportQuery;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/** Writes leads as RFC 4180 CSV in UTF-8 with a BOM, so Excel shows Urdu and Arabic names correctly. */
@ApplicationScoped
public class CsvExporter {

    static final String[] HEADERS = {"Lead ID", "Name", "Email", "Phone", "Channel", "Message", "Intent", "Urgency",
            "Score", "Grade", "Status", "Messages", "Received at", "Last message at", "Exported"};
    private static final char BOM = '\uFEFF';

    private final LeadExportQuery query;

    public CsvExporter(LeadExportQuery query) {
        this.query = query;
    }

    /** Streams every lead to {@code out}. Blocking: call it on a worker thread. */
    public void write(OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(BOM);
        try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADERS).get())) {
            query.forEachLead(row -> printRow(csv, row));
        } catch (SQLException e) {
            throw new IOException("Reading leads failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void printRow(CSVPrinter csv, ResultSet row) {
        try {
            csv.printRecord(
                    row.getLong("id"),
                    CsvCells.safe(row.getString("user_name")),
                    CsvCells.safe(row.getString("user_email")),
                    CsvCells.safe(row.getString("user_phone")),
                    row.getString("channel"),
                    CsvCells.safe(row.getString("message")),
                    row.getString("intent"),
                    row.getString("urgency"),
                    row.getInt("score"),
                    row.getString("quality"),
                    row.getString("status"),
                    row.getInt("message_count"),
                    iso(row.getTimestamp("created_at")),
                    iso(row.getTimestamp("last_message_at")),
                    row.getBoolean("exported") ? "yes" : "no");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String iso(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }
}
