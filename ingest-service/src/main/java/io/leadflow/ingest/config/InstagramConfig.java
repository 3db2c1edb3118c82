package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;

/** The Instagram Messaging webhook, {@code /api/webhook/instagram}. */
@ConfigMapping(prefix = "leadflow.instagram")
public interface InstagramConfig extends MetaConfig {
}
