package io.leadflow.ingest.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), clock);

    @Test
    void aBurstOfThePeriodsAllowancePasses_thenTheNextWaits() {
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
        assertThat(limiter.acquire("203.0.113.7")).isEqualTo(OptionalLong.of(20));
    }

    @Test
    void eachAddressHasItsOwnAllowance() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("203.0.113.7");
        }
        assertThat(limiter.acquire("198.51.100.1")).isEmpty();
    }

    @Test
    void theAllowanceRefillsOverThePeriod() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("203.0.113.7");
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.acquire("203.0.113.7")).isEmpty();
        assertThat(limiter.acquire("203.0.113.7")).isPresent();
    }
}
