package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.export.repository.LeadExportSession;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;

/**
 * A CSV download: UTF-8 with a byte order mark (so Excel reads Urdu and Arabic right), then PostgreSQL's own CSV
 * writer ({@code COPY … TO STDOUT}) straight to the client, records ended with CRLF. Memory stays flat: rows pass
 * through a fixed buffer, and the client's pace holds back the query; if the client goes away, the driver
 * cancels the query.
 */
final class CsvExport extends Export {

    static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final int BUFFER = 64 * 1024;

    private final LeadExportSession session;

    CsvExport(String fileName, LeadExportSession session, ExportMetrics metrics) {
        super(ExportFormat.CSV, fileName, metrics);
        this.session = session;
    }

    @Override
    protected void write(OutputStream out) throws IOException {
        long start = System.nanoTime();
        try (LeadExportSession db = session) {
            BufferedOutputStream buffered = new BufferedOutputStream(out, BUFFER);
            buffered.write(UTF8_BOM);
            long rows = db.copyCsv(new CrlfRecords(buffered));
            buffered.flush();
            // Marked only once every byte is out; should this fail, the download breaks off rather than end quietly.
            int marked = commit(db);
            delivered(rows, marked, start);
        } catch (SQLException e) {
            metrics.failed(this, e);
            throw new IOException("The export failed", e);
        }
    }

    @Override
    protected void release() {
        Sessions.closeQuietly(session);
    }
}
