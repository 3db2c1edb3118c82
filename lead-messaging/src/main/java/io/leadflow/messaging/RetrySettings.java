package io.leadflow.messaging;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How a consumer retries what failed (see {@link ConsumerRetries}); each service's retry {@code @ConfigMapping}
 * extends it.
 */
public interface RetrySettings {

    /**
     * Attempts at a record whose processing fails with an error not known to pass (a bug, data the database refuses)
     * before it is dead-lettered with the reason. Failures known to pass (the broker or the database away) are retried
     * without limit and never dead-lettered.
     */
    @WithDefault("3")
    int maxAttempts();

    /** The wait before the first retry; doubled at each retry after it. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** The longest wait between two retries. */
    @WithDefault("10s")
    Duration maxBackoff();
}
