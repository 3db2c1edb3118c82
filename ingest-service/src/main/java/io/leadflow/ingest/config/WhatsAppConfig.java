package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;

/** The WhatsApp Cloud API webhook, {@code /api/webhook/whatsapp}. */
@ConfigMapping(prefix = "leadflow.whatsapp")
public interface WhatsAppConfig extends MetaConfig {
}
