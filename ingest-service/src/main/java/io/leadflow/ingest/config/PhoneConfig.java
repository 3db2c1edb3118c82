package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How phone numbers are read. */
@ConfigMapping(prefix = "leadflow.phone")
public interface PhoneConfig {

    /** The ISO 3166 region assumed for numbers written without a country code, e.g. "0300 1234567" in PK. */
    @WithDefault("PK")
    String defaultRegion();
}
