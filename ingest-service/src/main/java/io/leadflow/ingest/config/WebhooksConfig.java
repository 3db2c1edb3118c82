package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What every platform webhook shares. */
@ConfigMapping(prefix = "leadflow.webhooks")
public interface WebhooksConfig {

    /**
     * Take requests nobody signed on the webhooks whose secret is not configured (development only: the local stack
     * and the tests set it, and start-up says so). Without it such a webhook answers 503 naming the key to set, while
     * the webhooks that are configured work.
     */
    @WithDefault("false")
    boolean allowUnsigned();
}
