package io.leadflow.query.service;

import io.leadflow.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-12-05T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock, 1_000);

    @Test
    void aUserName_waitsAfterItsFailures_untilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.check("sara", "10.0.0." + i);
            throttle.failed("sara", "10.0.0." + i);
            now = now.plusSeconds(60);
        }
        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> throttle.check("sara", "10.0.0.9"));
        assertThat(refused.problem().status()).isEqualTo(429);
        // The first failure was at 10:00, it is now 10:03: free at 10:15.
        assertThat(refused.retryAfterSeconds()).isBetween(12 * 60, 12 * 60 + 1);
        assertThatCode(() -> throttle.check("bilal", "10.0.0.9")).doesNotThrowAnyException();

        now = now.plus(Duration.ofMinutes(13));
        assertThatCode(() -> throttle.check("sara", "10.0.0.9")).doesNotThrowAnyException();
    }

    @Test
    void anAddress_waitsAfterItsFailuresAcrossUserNames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }
        assertThat(catchThrowableOfType(ProblemException.class, () -> throttle.check("someone", "10.0.0.1"))
                .problem().status()).isEqualTo(429);
        assertThatCode(() -> throttle.check("someone", "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void aSuccess_clearsTheUserNamesFailures() {
        throttle.failed("sara", "10.0.0.1");
        throttle.failed("sara", "10.0.0.1");
        throttle.succeeded("sara");
        throttle.failed("sara", "10.0.0.1");
        throttle.failed("sara", "10.0.0.1");
        assertThatCode(() -> throttle.check("sara", "10.0.0.3")).doesNotThrowAnyException();
    }

    @Test
    void endlessUserNames_doNotGrowWhatIsRemembered_andFailuresAreForgottenAWindowLater() {
        for (int i = 0; i < 20_000; i++) {
            throttle.failed("guess" + i, "10.0." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.trackedKeys()).isLessThanOrEqualTo(1_000);

        now = now.plus(Duration.ofMinutes(16));
        assertThat(throttle.trackedKeys()).isZero();
    }
}
