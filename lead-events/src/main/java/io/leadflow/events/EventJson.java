package io.leadflow.events;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.UncheckedIOException;
import java.util.Map;

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
     * @throws InvalidEventException when it is not JSON or not of the type; its reason names where and why, never a
     *                               value (Jackson's own messages quote the input, so they are not used)
     */
    public static <T> T read(String json, Class<T> type) {
        String invalid = "not a valid " + type.getSimpleName() + ": ";
        if (json == null) {
            throw new InvalidEventException(DeadLetter.Reason.NOT_JSON, invalid + "the record has no value");
        }
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new InvalidEventException(DeadLetter.Reason.WRONG_SCHEMA, invalid + "the value is JSON null");
            }
            return event;
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidEventException(DeadLetter.Reason.NOT_JSON, invalid + "not JSON, " + e.getClass().getSimpleName()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (DatabindException e) {
            throw new InvalidEventException(DeadLetter.Reason.WRONG_SCHEMA, invalid + e.getClass().getSimpleName()
                    + (e instanceof JsonMappingException mapping ? " at " + path(mapping) + rule(mapping) : ""));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(DeadLetter.Reason.WRONG_SCHEMA, invalid + e.getClass().getSimpleName());
        }
    }

    /** Where in the document: {@code $.message.channel}, {@code $.attempts[2]}; a map's keys (the sender's) as {@code *}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFrom() instanceof Map<?, ?> || reference.getFieldName() == null) {
                path.append(".*");
            } else {
                path.append('.').append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String rule(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return ": expected " + mismatch.getTargetType().getSimpleName();
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getType() != null) {
            return ": cannot make a " + instantiation.getType().getRawClass().getSimpleName() + " of it";
        }
        return "";
    }

    /** A record a consumer cannot use: it goes to the dead-letter topic with {@link #reason()}. */
    public static final class InvalidEventException extends RuntimeException {

        private final transient DeadLetter.Reason reason;

        /** An event that breaks a rule of its consumer's: {@code detail} names the field and the rule, never a value. */
        public InvalidEventException(String detail) {
            this(DeadLetter.Reason.INVALID, detail);
        }

        public InvalidEventException(String category, String detail) {
            super(detail);
            this.reason = new DeadLetter.Reason(category, detail);
        }

        public DeadLetter.Reason reason() {
            return reason;
        }
    }
}
