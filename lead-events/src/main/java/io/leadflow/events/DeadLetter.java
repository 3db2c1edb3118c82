package io.leadflow.events;

/**
 * A record its consumer cannot use goes, as it came, to its topic's {@linkplain Topics#deadLetter dead-letter topic},
 * with why in the {@link Topics#DLQ_REASON_HEADER} header and the topic it came from in {@link Topics#DLQ_SOURCE_HEADER}.
 */
public final class DeadLetter {

    private DeadLetter() {
    }

    /**
     * Why a record was dead-lettered: a {@code category} (the {@code reason} label of
     * {@code leadflow_dlq_records_total}) and a {@code detail} for the {@link Topics#DLQ_REASON_HEADER} header that
     * names the exception class, the JSON path or code location, and the rule broken, never a value of the record.
     */
    public record Reason(String category, String detail) {

        /** Not JSON at all. */
        public static final String NOT_JSON = "not_json";
        /** JSON, but not the event's shape (a wrong type, a value no field of the event can hold). */
        public static final String WRONG_SCHEMA = "wrong_schema";
        /** The event's shape, but missing what is required or holding something implausible. */
        public static final String INVALID = "invalid";
        /** Its output would be larger than a record can be. */
        public static final String TOO_LARGE = "too_large";
        /** The broker refused its output for good (not a size: authorization, serialization…). */
        public static final String REFUSED = "refused";
        /** Processing it failed every attempt with an error not known to pass (a bug, data the database refuses). */
        public static final String FAILED = "failed";
    }
}
