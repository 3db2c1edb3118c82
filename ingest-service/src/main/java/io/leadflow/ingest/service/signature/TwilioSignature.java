package io.leadflow.ingest.service.signature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's request signature: {@code X-Twilio-Signature}, the base64 HMAC-SHA1 (auth token as key) of the full URL
 * Twilio called followed by every POST parameter, sorted by name, as name and value with nothing between.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    /**
     * Checks the signature for the URL as Twilio called it. Like Twilio's own validators, the URL with its default
     * port written out and the URL without it are both accepted, since proxies add or drop it.
     *
     * @throws io.leadflow.http.ProblemException 401 when the header is missing, 403 when it is wrong
     */
    public static void verify(String authToken, String url, Map<String, List<String>> params, String header) {
        if (header == null || header.isBlank()) {
            throw Secrets.missing(HEADER, HEADER + " is required: Twilio signs every webhook with the auth token");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            throw Secrets.invalid(HEADER, HEADER + " is not base64");
        }
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            // Every variant is computed and compared, so the time does not tell which one matched.
            valid |= Secrets.same(Secrets.hmacSha1(authToken, signedData(candidate, params)), given);
        }
        if (!valid) {
            throw Secrets.invalid(HEADER, HEADER + " does not match: wrong auth token, or a URL other than "
                    + "leadflow.twilio.public-base-url + path was called");
        }
    }

    /** The bytes Twilio signs: the URL, then each parameter name and value, sorted by name (then value). */
    static byte[] signedData(String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        params.keySet().stream().sorted().forEach(name -> params.get(name).stream().sorted()
                .forEach(value -> data.append(name).append(value)));
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = URI.create(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            variants.add(withPort(uri, uri.getPort() < 0 ? defaultPort : -1));
        } catch (IllegalArgumentException e) {
            // Not a URI we can take apart: only the URL as given can match.
        }
        return new ArrayList<>(variants);
    }

    private static String withPort(URI uri, int port) {
        String authority = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
        return uri.getScheme() + "://" + authority + uri.getHost() + (port < 0 ? "" : ":" + port)
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
