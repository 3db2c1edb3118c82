package io.leadflow.bench;

import java.time.Duration;
import java.time.Instant;

/** Progress lines on stderr, so a long run says what it is doing; stdout keeps the BENCH lines. */
final class Progress {

    private final Instant start = Instant.now();

    void step(String message) {
        Duration elapsed = Duration.between(start, Instant.now());
        System.err.printf("[%02d:%02d] %s%n", elapsed.toMinutes(), elapsed.toSecondsPart(), message);
    }
}
