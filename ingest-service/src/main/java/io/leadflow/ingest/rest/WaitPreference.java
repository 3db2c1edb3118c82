package io.leadflow.ingest.rest;

import io.leadflow.http.ProblemException;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How long a client wants a webhook to wait for its scored lead: {@code ?wait=5} or {@code Prefer: wait=5}. */
final class WaitPreference {

    private static final Pattern PREFER_WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d+)\"?");
    private static final Pattern WHOLE_SECONDS = Pattern.compile("\\d+");

    private WaitPreference() {
    }

    /** The wait asked for, clamped to {@code max}; empty when the client did not ask to wait. */
    static Optional<Duration> of(String waitParameter, String preferHeader, Duration max) {
        Optional<String> seconds = Optional.empty();
        if (waitParameter != null && !waitParameter.isBlank()) {
            String wait = waitParameter.strip();
            if (wait.startsWith("-") && WHOLE_SECONDS.matcher(wait.substring(1)).matches()) {
                throw ProblemException.invalidField("wait", "wait must not be negative");
            }
            if (!WHOLE_SECONDS.matcher(wait).matches()) {
                throw ProblemException.invalidField("wait", "wait must be a whole number of seconds, got '" + waitParameter + "'");
            }
            seconds = Optional.of(wait);
        } else if (preferHeader != null) {
            Matcher matcher = PREFER_WAIT.matcher(preferHeader);
            if (matcher.find()) {
                seconds = Optional.of(matcher.group(1));
            }
        }
        return seconds.map(digits -> clamped(digits, max)).filter(wait -> !wait.isZero());
    }

    /** Any number of digits: more seconds than {@code max} is {@code max}, however many more. */
    private static Duration clamped(String digits, Duration max) {
        String significant = digits.replaceFirst("^0+(?=\\d)", "");
        long limit = max.toSeconds();
        return significant.length() > String.valueOf(limit).length() || Long.parseLong(significant) > limit
                ? max : Duration.ofSeconds(Long.parseLong(significant));
    }
}
