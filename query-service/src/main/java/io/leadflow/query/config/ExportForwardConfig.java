package io.leadflow.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** export-service, which {@code /api/export/**} is forwarded to, so the dashboard needs one origin only. */
@ConfigMapping(prefix = "leadflow.export")
public interface ExportForwardConfig {

    /** Where export-service answers ({@code LEADFLOW_EXPORT_URL}). */
    @WithDefault("http://localhost:8084")
    URI url();

    /** How long connecting to export-service may take. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How long export-service may stay silent (before its answer starts, or in the middle of a file) before the
     * download is cut.
     */
    @WithDefault("60s")
    Duration idleTimeout();
}
