package io.leadflow.query.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadflow.http.ProblemException;
import io.leadflow.query.config.AccessConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing: a user name that failed {@code maxFailuresPerUser} times within the window, or an
 * address that failed {@code maxFailuresPerAddress} times, must wait until the oldest of those failures leaves it
 * (429 with Retry-After). Kept per replica, in memory, bounded: a key is forgotten a window after its last failure,
 * and at most {@link #MAX_TRACKED} are kept.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The most user names and addresses remembered at once: a guesser trying endless names cannot fill the heap. */
    static final int MAX_TRACKED = 100_000;

    private final Cache<String, Deque<Instant>> tracked;
    private final ConcurrentMap<String, Deque<Instant>> failures;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;

    @Inject
    public LoginThrottle(AccessConfig config) {
        this(config.maxFailuresPerUser(), config.maxFailuresPerAddress(), config.failureWindow(), Clock.systemUTC(),
                MAX_TRACKED);
    }

    LoginThrottle(int maxPerUser, int maxPerAddress, Duration window, Clock clock, int maxTracked) {
        // A key's failures all leave the window once it has not failed for a whole window: it is forgotten then.
        this.tracked = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maxTracked)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
        this.failures = tracked.asMap();
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** Throws 429 when the user name or the address must wait. */
    public void check(String username, String address) {
        long wait = Math.max(secondsToWait("user:" + username, maxPerUser), secondsToWait("address:" + address, maxPerAddress));
        if (wait > 0) {
            throw ProblemException.tooManyRequests("too many failed sign-ins; try again in " + wait + " s", (int) wait);
        }
    }

    public void failed(String username, String address) {
        record("user:" + username, maxPerUser);
        record("address:" + address, maxPerAddress);
    }

    public void succeeded(String username) {
        failures.remove("user:" + username);
    }

    private void record(String key, int maxFailures) {
        Instant now = clock.instant();
        failures.compute(key, (k, times) -> {
            Deque<Instant> kept = times == null ? new ArrayDeque<>() : times;
            forgetOld(kept, now);
            kept.addLast(now);
            while (kept.size() > maxFailures) {
                kept.removeFirst();
            }
            return kept;
        });
    }

    private long secondsToWait(String key, int maxFailures) {
        Instant now = clock.instant();
        long[] wait = {0};
        failures.computeIfPresent(key, (k, kept) -> {
            forgetOld(kept, now);
            if (kept.size() >= maxFailures) {
                wait[0] = Math.max(1, Duration.between(now, kept.peekFirst().plus(window)).toSeconds() + 1);
            }
            return kept.isEmpty() ? null : kept;
        });
        return wait[0];
    }

    /** How many user names and addresses are remembered now. */
    long trackedKeys() {
        tracked.cleanUp();
        return tracked.estimatedSize();
    }

    private void forgetOld(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.removeFirst();
        }
    }
}
