package io.leadflow.analysis.config;

import io.leadflow.messaging.RetrySettings;
import io.smallrye.config.ConfigMapping;

/** How analysis retries a message whose processing failed (see {@link RetrySettings}). */
@ConfigMapping(prefix = "leadflow.analysis.retry")
public interface RetryConfig extends RetrySettings {
}
