package io.leadflow.http;

import jakarta.ws.rs.core.MediaType;

/**
 * Keeps web pages on other origins from changing anything. A page may send a POST without a body, or with a form or
 * plain text, to any address, without asking; a POST that says {@code Content-Type: application/json} it may send
 * only after a CORS preflight, which no service grants to another origin. So every call that changes state requires
 * that content type, whether or not it has a body.
 */
public final class CrossOriginGuard {

    private CrossOriginGuard() {
    }

    /**
     * @param contentType the request's {@code Content-Type} header, or null
     * @throws ProblemException 415 naming the header, unless it is {@code application/json} (parameters allowed)
     */
    public static void requireJson(String contentType) {
        if (!isJson(contentType)) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "This call changes data, so it takes Content-Type: application/json (with or without a body), "
                            + "which no web page on another origin can send; got "
                            + (contentType == null ? "none" : contentType) + ".", "Content-Type");
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.strip().equalsIgnoreCase(MediaType.APPLICATION_JSON);
    }
}
