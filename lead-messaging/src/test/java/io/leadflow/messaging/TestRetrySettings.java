package io.leadflow.messaging;

import java.time.Duration;

/** Retry settings for tests: a few attempts, waits of a millisecond or so. */
record TestRetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) implements RetrySettings {

    static final TestRetrySettings ATTEMPTS_3 = new TestRetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(5));
}
