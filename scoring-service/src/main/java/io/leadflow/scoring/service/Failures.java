package io.leadflow.scoring.service;

import io.vertx.pgclient.PgException;

import java.time.DateTimeException;
import java.util.Set;

/**
 * Tells a failure that will pass (the database or the broker unavailable, a lock conflict: retry) from one that
 * an event will always cause (its data cannot be stored: dead-letter that event with the reason).
 */
public final class Failures {

    /** Data exceptions (22) and integrity violations (23) are the event's fault… */
    private static final Set<String> EVENT_CLASSES = Set.of("22", "23");
    /** …except conflicts with a concurrent writer, which a retry resolves. */
    private static final Set<String> CONFLICTS = Set.of("23505", "23503");

    private Failures() {
    }

    /**
     * Whether the failure is the event's own: the database refused its data, or it holds something no lead can be
     * made of (no way to recognise the sender, a time or number out of any range). Anything else (connections, timeouts, the broker, serialization failures, deadlocks, a schema that
     * is not there yet) is transient and retried.
     */
    public static boolean isPermanent(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            return state.length() == 5 && EVENT_CLASSES.contains(state.substring(0, 2)) && !CONFLICTS.contains(state);
        }
        return cause instanceof IllegalArgumentException || cause instanceof DateTimeException
                || cause instanceof ArithmeticException;
    }

    /** Why an event was refused, for the dead-letter header: the database's words, never the event's content. */
    public static String reason(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof PgException pg) {
            return "the database refused it: " + pg.getErrorMessage() + " (SQLSTATE " + pg.getSqlState() + ")";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof io.smallrye.mutiny.CompositeException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
