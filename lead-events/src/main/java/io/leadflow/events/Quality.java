package io.leadflow.events;

import java.util.Arrays;
import java.util.Optional;

/** The grade of a lead: HOT (act now), WARM (follow up), COLD (later). */
public enum Quality {
    HOT, WARM, COLD;

    /** The grade named by a label, ignoring case. */
    public static Optional<Quality> fromLabel(String label) {
        return label == null ? Optional.empty()
                : Arrays.stream(values()).filter(q -> q.name().equalsIgnoreCase(label.strip())).findFirst();
    }
}
