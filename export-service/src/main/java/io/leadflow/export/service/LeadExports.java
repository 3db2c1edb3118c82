package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.export.ExportRequest;
import io.leadflow.export.config.ExportConfig;
import io.leadflow.export.repository.LeadExportSession;
import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.BusinessZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;

/** Starts exports: each one gets its database transaction before the first byte of its file is sent. */
@Startup
@ApplicationScoped
public class LeadExports {

    /** Seconds a client is asked to wait when the database cannot take another export. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final DataSource dataSource;
    private final ZoneId zone;
    private final ExportMetrics metrics;
    private final XlsxExport.Settings xlsx;
    private final int fetchSize;

    public LeadExports(DataSource dataSource, ExportConfig config, BusinessZone businessZone, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.zone = businessZone.zone();
        this.metrics = new ExportMetrics(registry);
        this.xlsx = new XlsxExport.Settings(config.fetchSize(), config.xlsx().rowsPerSheet(),
                config.xlsx().tempDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir"), "leadflow-export")),
                config.xlsx().compressTempFiles());
        this.fetchSize = config.fetchSize();
        // Wrong settings stop the service at start, not at the first download.
        LeadExportSession.postgresZone(zone);
        XlsxWorkbook.checkRowsPerSheet(xlsx.rowsPerSheet());
    }

    /** The business's time zone ({@code leadflow.timezone}), for requests that name none ({@code tz}). */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Opens the export's transaction (and, to mark them, notes which leads it holds). Blocking: call it on a
     * worker thread.
     *
     * @throws ProblemException 503 when no database connection is free or the database is down
     */
    public Export open(ExportRequest request, ExportFormat format) {
        LeadExportSession session;
        try {
            session = LeadExportSession.open(dataSource, request, request.zone());
        } catch (SQLException e) {
            Log.warnf("No database session for an export: %s", e.getMessage());
            throw ProblemException.unavailable("The database cannot take another export just now; try again shortly.",
                    RETRY_AFTER_SECONDS);
        }
        String fileName = FileNames.of(request.filter(), LocalDate.now(request.zone()), format);
        if (format == ExportFormat.XLSX) {
            return new XlsxExport(fileName, session, xlsx, request.maskContacts(), metrics);
        }
        // PostgreSQL writes the CSV unless contacts are masked, which only Java can do (ContactMask, the one rule).
        return request.maskContacts() ? new MaskedCsvExport(fileName, session, fetchSize, metrics)
                : new CsvExport(fileName, session, metrics);
    }
}
