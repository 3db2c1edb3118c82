package io.leadflow.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** How soon the customer needs an answer. The JSON and database form is the capitalised label ("High"). */
public enum Urgency {
    HIGH("High"), MEDIUM("Medium"), LOW("Low");

    private final String label;

    Urgency(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The urgency named by a label, ignoring case. */
    public static Optional<Urgency> fromLabel(String label) {
        return label == null ? Optional.empty()
                : Arrays.stream(values()).filter(u -> u.label.equalsIgnoreCase(label.strip())).findFirst();
    }

    @JsonCreator
    static Urgency parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException("unknown urgency '" + label + "'"));
    }
}
