package io.leadflow.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The customer's tone. The JSON and database form is the lower-case label. */
public enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sentiment named by a label, ignoring case. */
    public static Optional<Sentiment> fromLabel(String label) {
        return label == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(label.strip())).findFirst();
    }

    @JsonCreator
    static Sentiment parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException("unknown sentiment '" + label + "'"));
    }
}
