package io.leadflow.ingest.service;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** The W3C trace context a message carries from webhook to database. */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    private TraceContext() {
    }

    /** The caller's {@code traceparent} when it is valid, else a new trace. */
    public static String continueOrStart(String incoming) {
        if (incoming != null && TRACEPARENT.matcher(incoming.strip()).matches()) {
            return incoming.strip();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong())
                + "-" + hex.toHexDigits(random.nextLong()) + "-01";
    }
}
