package io.leadflow.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** What the customer wants. The JSON and database form is the capitalised label ("Buy"). */
public enum Intent {
    BUY("Buy"), PRICING("Pricing"), QUESTION("Question"), SUPPORT("Support"),
    COMPLAINT("Complaint"), SPAM("Spam"), OTHER("Other");

    private final String label;

    Intent(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    /** The intent named by a label, ignoring case. */
    public static Optional<Intent> fromLabel(String label) {
        return label == null ? Optional.empty()
                : Arrays.stream(values()).filter(i -> i.label.equalsIgnoreCase(label.strip())).findFirst();
    }

    @JsonCreator
    static Intent parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException("unknown intent '" + label + "'"));
    }
}
