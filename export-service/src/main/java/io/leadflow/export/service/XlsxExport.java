package io.leadflow.export.service;

import io.leadflow.export.ExportColumns;
import io.leadflow.export.ExportFormat;
import io.leadflow.export.repository.LeadExportSession;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * An Excel download. The rows go from a cursor into POI's streaming writer, whose temporary files hold them until
 * the workbook (a zip) is written to the client. A client that goes away stops the cursor at the next row, and
 * the temporary files are removed however the export ends. A share link that masks contacts gets them masked
 * before they reach the workbook ({@link ExportColumns#masked}).
 */
final class XlsxExport extends Export {

    /** What the Excel side of the configuration says. */
    record Settings(int fetchSize, int rowsPerSheet, Path tempRoot, boolean compressTempFiles) {
    }

    private final LeadExportSession session;
    private final Settings settings;
    private final boolean maskContacts;

    XlsxExport(String fileName, LeadExportSession session, Settings settings, boolean maskContacts, ExportMetrics metrics) {
        super(ExportFormat.XLSX, fileName, metrics);
        this.session = session;
        this.settings = settings;
        this.maskContacts = maskContacts;
    }

    @Override
    protected void write(OutputStream out) throws IOException {
        long start = System.nanoTime();
        try (LeadExportSession db = session;
             XlsxWorkbook workbook = new XlsxWorkbook(ExportColumns.ALL, settings.rowsPerSheet(), settings.tempRoot(),
                     settings.compressTempFiles())) {
            Consumer<Object[]> add = maskContacts ? row -> workbook.add(ExportColumns.masked(row)) : workbook::add;
            long rows = db.forEachRow(settings.fetchSize(), this::ended, add);
            if (!db.marking()) {
                db.close(); // every row is read: the connection need not wait for the upload
            }
            BufferedOutputStream buffered = new BufferedOutputStream(out, CsvExport.BUFFER);
            workbook.writeTo(buffered);
            buffered.flush();
            int marked = db.marking() ? commit(db) : 0;
            delivered(rows, marked, start);
        } catch (SQLException | RuntimeException e) {
            throw readFailure(e);
        }
    }

    @Override
    protected void release() {
        Sessions.closeQuietly(session);
    }
}
