package io.leadflow.ingest.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an IP address): {@code requests} per {@code period}, refilled continuously, so a burst
 * of a whole period's allowance passes and then one more per {@code period / requests}.
 */
public class RateLimiter {

    /** Buckets kept before full ones are forgotten (a full bucket is the same as no bucket). */
    private static final int MAX_KEYS = 10_000;

    private final int requests;
    private final double nanosPerToken;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int requests, Duration period, Clock clock) {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request per period");
        }
        this.requests = requests;
        this.nanosPerToken = (double) period.toNanos() / requests;
        this.clock = clock;
    }

    /** Takes one request for the key: empty when allowed, else the seconds until one will be. */
    public OptionalLong acquire(String key) {
        long now = nanos();
        if (buckets.size() > MAX_KEYS) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(requests, now));
        synchronized (bucket) {
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return OptionalLong.empty();
            }
            double missingNanos = (1 - bucket.tokens) * nanosPerToken;
            return OptionalLong.of(Math.max(1, (long) Math.ceil(missingNanos / 1e9)));
        }
    }

    private long nanos() {
        return clock.millis() * 1_000_000L;
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        void refill(long now) {
            tokens = Math.min(requests, tokens + (now - updated) / nanosPerToken);
            updated = now;
        }

        synchronized boolean isFull(long now) {
            return tokens + (now - updated) / nanosPerToken >= requests;
        }
    }
}
