package io.leadflow.ingest.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A token bucket per client: {@code requests} per {@code period}, refilled continuously, so a burst of a whole
 * period's allowance passes and then one more per {@code period / requests}. An IPv4 address is a client; an IPv6
 * address counts with its /64, the network one subscriber is given, so rotating addresses within it gains nothing.
 * At most {@code maxClients} buckets are kept (the least used go first), and a bucket idle for a whole period is
 * forgotten, since it would be full again anyway.
 */
public class RateLimiter {

    private final int requests;
    private final double nanosPerToken;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(int requests, Duration period, long maxClients, Clock clock) {
        if (requests < 1) {
            throw new IllegalArgumentException("a rate limit allows at least 1 request per period");
        }
        this.requests = requests;
        this.nanosPerToken = (double) period.toNanos() / requests;
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .ticker(this::nanos)
                .expireAfterAccess(period)
                .maximumSize(maxClients)
                .build();
    }

    /** Takes one request for the client at {@code address}: empty when allowed, else the seconds until one will be. */
    public OptionalLong acquire(String address) {
        long now = nanos();
        Bucket bucket = buckets.get(clientOf(address), key -> new Bucket(requests, now));
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

    /** How many clients are counted now (at most {@code maxClients}). */
    long trackedClients() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** The bucket's key: the IPv4 address, or the /64 of an IPv6 address; anything else as written. */
    static String clientOf(String address) {
        Optional<InetAddress> parsed = ClientAddresses.address(address);
        if (parsed.isEmpty()) {
            return String.valueOf(address);
        }
        if (parsed.get() instanceof Inet6Address ipv6) {
            return HexFormat.of().formatHex(ipv6.getAddress(), 0, 8) + "::/64";
        }
        return parsed.get().getHostAddress();
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
    }
}
