package io.leadflow.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a customer wrote from. The JSON and database form is the lower-case label. */
public enum Channel {
    WHATSAPP, INSTAGRAM, WEBSITE, EMAIL, SMS;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel named by a label, ignoring case and surrounding blanks. */
    public static Optional<Channel> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = label.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(wanted)).findFirst();
    }

    @JsonCreator
    static Channel parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                "unknown channel '" + label + "', expected one of " + labels()));
    }

    /** The labels, comma-separated, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(Channel::label).collect(Collectors.joining(", "));
    }
}
