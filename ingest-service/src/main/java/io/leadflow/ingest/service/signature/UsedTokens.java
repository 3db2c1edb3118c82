package io.leadflow.ingest.service.signature;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature tokens already used (Mailgun's {@code token}), each kept until its timestamp would be stale anyway. A
 * token is claimed when its request is verified and released when the request could not be accepted (Kafka
 * unavailable), so the platform's retry of it is heard.
 */
@ApplicationScoped
public class UsedTokens {

    private static final Duration PURGE_EVERY = Duration.ofSeconds(10);

    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextPurge = Instant.MIN;

    public UsedTokens() {
        this(Clock.systemUTC());
    }

    UsedTokens(Clock clock) {
        this.clock = clock;
    }

    /** True when the token is new (and now used until {@code until}); false when it was used before. */
    public boolean claim(String token, Instant until) {
        Instant now = clock.instant();
        if (now.isAfter(nextPurge)) {
            nextPurge = now.plus(PURGE_EVERY);
            tokens.values().removeIf(expiry -> expiry.isBefore(now));
        }
        return tokens.putIfAbsent(token, until) == null;
    }

    /** Makes a claimed token usable again. */
    public void release(String token) {
        if (token != null) {
            tokens.remove(token);
        }
    }
}
