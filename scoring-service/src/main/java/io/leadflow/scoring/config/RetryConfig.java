package io.leadflow.scoring.config;

import io.leadflow.messaging.RetrySettings;
import io.smallrye.config.ConfigMapping;

/** How scoring retries a batch of analysed messages whose processing failed (see {@link RetrySettings}). */
@ConfigMapping(prefix = "leadflow.scoring.retry")
public interface RetryConfig extends RetrySettings {
}
