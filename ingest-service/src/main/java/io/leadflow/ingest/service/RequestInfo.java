package io.leadflow.ingest.service;

import java.time.Instant;

/**
 * What a webhook request says about itself, beyond its payload.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key} header, or null
 * @param rawPayloadRef  the SHA-256 of the raw body, {@code sha256:…}
 */
public record RequestInfo(Instant receivedAt, String idempotencyKey, String rawPayloadRef,
                          String clientIp, String userAgent) {

    /** The request as it arrived now. */
    public static RequestInfo of(byte[] body, String idempotencyKey, String clientIp, String userAgent) {
        return new RequestInfo(Instant.now(), idempotencyKey,
                "sha256:" + MessageIds.sha256Hex(body == null ? new byte[0] : body), clientIp, userAgent);
    }
}
