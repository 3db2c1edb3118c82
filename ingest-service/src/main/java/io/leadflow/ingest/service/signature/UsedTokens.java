package io.leadflow.ingest.service.signature;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Signature tokens already used (Mailgun's {@code token}), each kept until its request would be stale anyway. A
 * token is claimed when its request is verified and released when the request could not be accepted (Kafka
 * unavailable), so the platform's retry of it is heard. They are kept in this replica's memory: a replay sent to
 * another replica within the window is not recognised there (route a platform to one replica, or accept that).
 */
@ApplicationScoped
public class UsedTokens {

    private final Cache<String, Instant> tokens;

    public UsedTokens() {
        this(Clock.systemUTC());
    }

    UsedTokens(Clock clock) {
        this.tokens = Caffeine.newBuilder()
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.creating((String token, Instant until) -> Duration.between(clock.instant(), until)))
                .build();
    }

    /** True when the token is new (and now used until {@code until}); false when it was used before. */
    public boolean claim(String token, Instant until) {
        return tokens.asMap().putIfAbsent(token, until) == null;
    }

    /** Makes a claimed token usable again. */
    public void release(String token) {
        if (token != null) {
            tokens.invalidate(token);
        }
    }
}
