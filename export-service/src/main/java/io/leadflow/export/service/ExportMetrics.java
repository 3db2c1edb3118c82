package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;

import java.time.Duration;

/** What happened to each export: rows delivered, files per outcome, how long they took. Logs name no lead. */
public final class ExportMetrics {

    private final MeterRegistry registry;

    public ExportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivered(Export export, long rows, int marked, long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Counter.builder("leadflow.export.rows").description("Leads written to delivered export files")
                .tag("format", tag(export.format())).register(registry).increment(rows);
        files(export, "delivered");
        Timer.builder("leadflow.export.duration").description("Time to write a whole export file")
                .tag("format", tag(export.format())).register(registry).record(took);
        Log.infof("Exported %d leads as %s in %d ms%s", rows, export.fileName(), took.toMillis(),
                marked > 0 ? ", " + marked + " newly marked exported" : "");
    }

    void cancelled(Export export, String why) {
        files(export, "cancelled");
        Log.infof("Export %s stopped: %s; nothing was marked", export.fileName(), why);
    }

    void failed(Export export, Exception e) {
        files(export, "failed");
        Log.warnf("Export %s failed, nothing was marked: %s", export.fileName(), e);
    }

    private void files(Export export, String outcome) {
        Counter.builder("leadflow.export.files").description("Export files by outcome")
                .tag("format", tag(export.format())).tag("outcome", outcome).register(registry).increment();
    }

    private static String tag(ExportFormat format) {
        return format.extension();
    }
}
