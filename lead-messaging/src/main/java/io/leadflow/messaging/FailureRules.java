package io.leadflow.messaging;

import java.util.Optional;

/**
 * What a service knows about failures of its own neighbours (its database), beyond what {@link Failures} knows of the
 * broker and the network.
 */
public interface FailureRules {

    /** No knowledge beyond {@link Failures}'. */
    FailureRules NONE = cause -> false;

    /** Whether this failure (one cause in a chain) is known to pass, so is retried without limit. */
    boolean isTransient(Throwable cause);

    /** A better description than {@link Failures#describe}'s for failures the service knows, never quoting data. */
    default Optional<String> describe(Throwable cause) {
        return Optional.empty();
    }
}
