package io.leadflow.ingest.rest;

import io.leadflow.events.http.ProblemException;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a client wants a webhook to wait for its scored lead: {@code ?wait=5} or {@code Prefer: wait=5}. */
final class WaitPreference {

    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d+)\"?");

    private WaitPreference() {
    }

    /** The wait asked for, clamped to {@code max}; empty when the client did not ask to wait. */
    static Optional<Duration> of(String waitParameter, String preferHeader, Duration max) {
        Optional<Long> seconds = Optional.empty();
        if (waitParameter != null && !waitParameter.isBlank()) {
            try {
                seconds = Optional.of(Long.parseLong(waitParameter.strip()));
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("wait", "wait must be a whole number of seconds, got '" + waitParameter + "'");
            }
            if (seconds.get() < 0) {
                throw ProblemException.invalidField("wait", "wait must not be negative");
            }
        } else if (preferHeader != null) {
            Matcher matcher = PREFER_WAIT.matcher(preferHeader);
            if (matcher.find()) {
                seconds = Optional.of(Long.parseLong(matcher.group(1)));
            }
        }
        return seconds.filter(s -> s > 0).map(s -> Duration.ofSeconds(Math.min(s, max.toSeconds())));
    }
}
