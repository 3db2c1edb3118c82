package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.leadquery.LeadFilter;

import java.time.LocalDate;

/** File names that say what a download holds: {@code leads-hot-2026-11-26.csv}. */
public final class FileNames {

    private FileNames() {
    }

    public static String of(LeadFilter filter, LocalDate day, ExportFormat format) {
        return "leads-" + filter.slug() + "-" + day + "." + format.extension();
    }
}
