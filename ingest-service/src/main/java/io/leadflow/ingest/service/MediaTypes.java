package io.leadflow.ingest.service;

import io.leadflow.http.ProblemException;

import java.util.Locale;

/** Content types as webhooks declare them. */
public final class MediaTypes {

    private MediaTypes() {
    }

    /** True when {@code contentType} is {@code wanted}, whatever its parameters (charset, boundary …). */
    public static boolean is(String contentType, String wanted) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        return essence.equals(wanted);
    }

    /** Throws 415 unless the content type is {@code wanted}. */
    public static void require(String contentType, String wanted) {
        if (!is(contentType, wanted)) {
            throw unsupported(contentType, wanted);
        }
    }

    /** 415, naming what the endpoint takes. */
    public static ProblemException unsupported(String contentType, String expected) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported media type",
                "This endpoint takes " + expected + ", got " + (contentType == null ? "no content type" : contentType),
                "Content-Type");
    }
}
