package io.leadflow.export.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** How exports are made. */
@ConfigMapping(prefix = "leadflow.export")
public interface ExportConfig {

    /** Rows fetched from PostgreSQL per round trip while an Excel file (or a CSV with masked contacts) is written. */
    @WithDefault("2000")
    int fetchSize();

    /** Excel exports. */
    Xlsx xlsx();

    interface Xlsx {

        /**
         * Data rows per sheet; past it the workbook continues on a new sheet. The default is Excel's limit of
         * 1,048,576 rows less the header row.
         */
        @WithDefault("1048575")
        int rowsPerSheet();

        /**
         * Where the streaming writer keeps each export's temporary sheet files (a directory per export, removed
         * when the export ends, whatever way it ends). Default: {@code leadflow-export} under {@code java.io.tmpdir}.
         */
        Optional<Path> tempDirectory();

        /** Gzip the temporary sheet files: several times less disk for a little CPU. */
        @WithDefault("true")
        boolean compressTempFiles();
    }
}
