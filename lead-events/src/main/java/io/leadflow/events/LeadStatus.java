package io.leadflow.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a salesperson is with a lead. Owned by query-service; scoring never writes it. */
public enum LeadStatus {
    NEW, CONTACTED, QUALIFIED, WON, LOST;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named by a label, ignoring case. */
    public static Optional<LeadStatus> fromLabel(String label) {
        return label == null ? Optional.empty()
                : Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(label.strip())).findFirst();
    }

    @JsonCreator
    static LeadStatus parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException("unknown status '" + label + "'"));
    }
}
