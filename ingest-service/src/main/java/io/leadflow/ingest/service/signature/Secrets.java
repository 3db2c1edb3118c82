package io.leadflow.ingest.service.signature;

import io.leadflow.http.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/** HMACs and comparisons for webhook signatures and tokens; every comparison takes the same time for any guess. */
public final class Secrets {

    private Secrets() {
    }

    public static byte[] hmacSha256(String key, byte[] data) {
        return hmac("HmacSHA256", key, data);
    }

    public static byte[] hmacSha1(String key, byte[] data) {
        return hmac("HmacSHA1", key, data);
    }

    /** Constant-time equality of two byte strings (the time depends only on their lengths). */
    public static boolean same(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /** Constant-time equality of a configured secret and what a request sent. */
    public static boolean same(String expected, String given) {
        return given != null && same(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** 401: the request carries no signature or token where one is required. */
    public static ProblemException missing(String field, String detail) {
        return new ProblemException(401, "missing-signature", "Missing signature", detail, field);
    }

    /** 403: the signature or token does not prove the request came from the platform. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(403, "invalid-signature", "Invalid signature", detail, field);
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JVM", e);
        }
    }
}
