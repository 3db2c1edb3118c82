package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The seed's generic webhook, {@code POST /api/webhook}. */
@ConfigMapping(prefix = "leadflow.generic")
public interface GenericConfig {

    /** When set, requests must carry it as {@code X-Api-Key}; without it the endpoint is open (development only). */
    Optional<String> apiKey();
}
