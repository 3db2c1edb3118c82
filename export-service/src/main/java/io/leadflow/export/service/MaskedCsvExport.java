package io.leadflow.export.service;

import io.leadflow.export.ExportColumns;
import io.leadflow.export.ExportFormat;
import io.leadflow.export.repository.LeadExportSession;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * A CSV download of a share link that masks contacts: the rows come from a cursor and are masked here
 * ({@link ExportColumns#masked}), so PostgreSQL's {@code COPY} cannot write them. The file reads as {@link CsvExport}'s
 * would apart from the masked cells: the same byte order mark, header line, quoting, formula guard and CRLF
 * ({@link CsvRecordWriter}). Memory stays flat: the cursor fetches a batch at a time, at the client's pace.
 */
final class MaskedCsvExport extends Export {

    private final LeadExportSession session;
    private final int fetchSize;

    MaskedCsvExport(String fileName, LeadExportSession session, int fetchSize, ExportMetrics metrics) {
        super(ExportFormat.CSV, fileName, metrics);
        this.session = session;
        this.fetchSize = fetchSize;
    }

    @Override
    protected void write(OutputStream out) throws IOException {
        long start = System.nanoTime();
        try (LeadExportSession db = session) {
            BufferedOutputStream buffered = new BufferedOutputStream(out, CsvExport.BUFFER);
            buffered.write(CsvExport.UTF8_BOM);
            Writer text = new OutputStreamWriter(buffered, StandardCharsets.UTF_8);
            CsvRecordWriter csv = new CsvRecordWriter(text, ExportColumns.ALL);
            csv.header();
            long rows = db.forEachRow(fetchSize, this::ended, row -> {
                try {
                    csv.record(ExportColumns.masked(row));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            text.flush();
            int marked = commit(db);
            delivered(rows, marked, start);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away (ClientGone): the only stream written to is the client's
        } catch (SQLException | RuntimeException e) {
            throw readFailure(e);
        }
    }

    @Override
    protected void release() {
        Sessions.closeQuietly(session);
    }
}
