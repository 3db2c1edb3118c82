package io.leadflow.testinfra.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Signs requests the way each platform documents it, so tests post what the platform would. */
public final class PlatformSignatures {

    private PlatformSignatures() {
    }

    /** Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body with the app secret. */
    public static String meta(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", appSecret, body));
    }

    /**
     * Twilio's {@code X-Twilio-Signature}: the base64 HMAC-SHA1, keyed with the auth token, of the full URL followed
     * by each POST parameter sorted by name, name then value.
     */
    public static String twilio(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", authToken, data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Mailgun's fields {@code timestamp}, {@code token} and {@code signature} (hex HMAC-SHA256 of timestamp + token). */
    public static Map<String, String> mailgun(String signingKey, long timestamp, String token) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("timestamp", Long.toString(timestamp));
        fields.put("token", token);
        fields.put("signature", HexFormat.of().formatHex(
                hmac("HmacSHA256", signingKey, (timestamp + token).getBytes(StandardCharsets.UTF_8))));
        return fields;
    }

    private static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
