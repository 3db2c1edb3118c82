package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The seed's generic webhook, {@code POST /api/webhook}. */
@ConfigMapping(prefix = "leadflow.generic")
public interface GenericConfig {

    /**
     * Requests must carry it as {@code X-Api-Key}; without it the endpoint answers 503, unless
     * {@code leadflow.webhooks.allow-unsigned} lets unsigned requests in (development only).
     */
    Optional<String> apiKey();
}
