package io.leadflow.analysis.client;

import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A provider answered with an error status; carries what the retry logic needs from the answer. */
public final class ProviderHttpException extends RuntimeException {

    private static final int MAX_BODY = 4096;

    private final int status;
    private final String body;
    private final Duration retryAfter;

    ProviderHttpException(int status, String body, Duration retryAfter) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** Reads an error answer (used by each REST client's exception mapper). */
    public static ProviderHttpException of(Response response) {
        String body = "";
        try {
            if (response.hasEntity()) {
                body = response.readEntity(String.class);
            }
        } catch (RuntimeException unreadable) {
            body = "";
        }
        if (body != null && body.length() > MAX_BODY) {
            body = body.substring(0, MAX_BODY);
        }
        return new ProviderHttpException(response.getStatus(), body == null ? "" : body,
                retryAfter(response.getHeaderString("Retry-After")));
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** The Retry-After header as a duration (delta-seconds or an HTTP date), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
