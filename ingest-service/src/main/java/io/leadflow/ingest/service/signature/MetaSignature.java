package io.leadflow.ingest.service.signature;

import java.util.HexFormat;

/**
 * Meta's webhook signature (WhatsApp Cloud API, Instagram Messaging): {@code X-Hub-Signature-256: sha256=HEX}, the
 * HMAC-SHA256 of the raw body with the app secret.
 */
public final class MetaSignature {

    public static final String HEADER = "X-Hub-Signature-256";
    private static final String PREFIX = "sha256=";

    private MetaSignature() {
    }

    /**
     * Checks the signature over the body's bytes exactly as they arrived.
     *
     * @throws io.leadflow.http.ProblemException 401 when the header is missing, 403 when it is wrong
     */
    public static void verify(String appSecret, byte[] rawBody, String header) {
        if (header == null || header.isBlank()) {
            throw Secrets.missing(HEADER, HEADER + " is required: the HMAC-SHA256 of the body with the app secret");
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw Secrets.invalid(HEADER, HEADER + " must read sha256=<hex digest>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw Secrets.invalid(HEADER, HEADER + " is not a hex digest");
        }
        if (!Secrets.same(Secrets.hmacSha256(appSecret, rawBody), given)) {
            throw Secrets.invalid(HEADER, HEADER + " does not match the body: wrong app secret, or the body was changed");
        }
    }
}
