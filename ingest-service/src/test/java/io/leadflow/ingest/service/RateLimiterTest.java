package io.leadflow.ingest.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), 1000, clock);

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
    void ipv6AddressesOfOneSlash64_shareAnAllowance_anotherSlash64HasItsOwn() {
        assertThat(limiter.acquire("2001:db8:1:2::1")).isEmpty();
        assertThat(limiter.acquire("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEmpty();
        assertThat(limiter.acquire("2001:0db8:0001:0002:ffff::7")).isEmpty();
        assertThat(limiter.acquire("2001:db8:1:2::abcd")).isPresent();

        assertThat(limiter.acquire("2001:db8:1:3::1")).isEmpty();
    }

    @Test
    void anIpv4MappedAddress_isTheIpv4Client() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("203.0.113.7");
        }
        assertThat(limiter.acquire("::ffff:203.0.113.7")).isPresent();
    }

    @Test
    void manyMoreClientsThanItKeeps_stayWithinTheBound() {
        RateLimiter small = new RateLimiter(3, Duration.ofMinutes(1), 100, clock);
        for (int i = 0; i < 10_000; i++) {
            small.acquire("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(small.trackedClients()).isLessThanOrEqualTo(100);
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
