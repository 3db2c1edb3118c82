package io.leadflow.ingest.service.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Mailgun's webhook signature: the form fields {@code timestamp}, {@code token} and {@code signature}, where the
 * signature is the hex HMAC-SHA256 of timestamp followed by token, keyed with the HTTP webhook signing key. A
 * timestamp far from now is stale; a token already used is a replay.
 */
public final class MailgunSignature {

    private MailgunSignature() {
    }

    /**
     * Checks the signature and the timestamp's age, then claims the token so it cannot be used again.
     *
     * @throws io.leadflow.http.ProblemException 401 when a field is missing, 403 when the signature is wrong,
     *                                                  the timestamp stale or the token replayed
     */
    public static void verify(String signingKey, String timestamp, String token, String signature, Instant now,
                              Duration maxAge, UsedTokens usedTokens) {
        requirePresent("timestamp", timestamp);
        requirePresent("token", token);
        requirePresent("signature", signature);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip());
        } catch (IllegalArgumentException e) {
            throw Secrets.invalid("signature", "signature is not a hex digest");
        }
        byte[] expected = Secrets.hmacSha256(signingKey, (timestamp + token).getBytes(StandardCharsets.UTF_8));
        if (!Secrets.same(expected, given)) {
            throw Secrets.invalid("signature", "signature does not match timestamp and token: wrong signing key");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw Secrets.invalid("timestamp", "timestamp is not a number of seconds");
        }
        long age = Math.abs(Duration.between(Instant.ofEpochSecond(seconds), now).toSeconds());
        if (age > maxAge.toSeconds()) {
            throw Secrets.invalid("timestamp", "timestamp is " + age + " s from now, more than the "
                    + maxAge.toSeconds() + " s allowed: a stale or replayed request");
        }
        // A timestamp up to maxAge ahead of now is valid until maxAge after it: the token is kept that long.
        Instant signedAt = Instant.ofEpochSecond(seconds);
        Instant until = (signedAt.isAfter(now) ? signedAt : now).plus(maxAge);
        if (!usedTokens.claim(token, until)) {
            throw Secrets.invalid("token", "token was already used: a replayed request");
        }
    }

    private static void requirePresent(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Secrets.missing(field, field + " is required: Mailgun signs each request with timestamp, token and signature");
        }
    }
}
