package io.leadflow.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.UncheckedIOException;

/**
 * The one JSON form of the events. Records on the topics are strings; consumers parse them here so a
 * record that does not parse is theirs to dead-letter, not the framework's to fail on.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    /** Applies the event conventions (ISO-8601 dates, unknown fields tolerated) to a mapper. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A shared, configured mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a record value.
     *
     * @throws InvalidEventException when it is not JSON or not of the type
     */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new InvalidEventException("record has no value");
        }
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new InvalidEventException("record value is JSON null");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

    /** A record a consumer cannot use: it goes to the dead-letter topic with this message as the reason. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String reason) {
            super(reason);
        }
    }
}
