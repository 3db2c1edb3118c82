package io.leadflow.scoring.service;

import io.leadflow.messaging.FailureRules;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.util.Optional;
import java.util.Set;

/**
 * What scoring knows of its database's failures, beyond the broker and the network: which pass (the database away,
 * shutting down or overloaded, a conflict with a concurrent writer, the schema not applied yet: retried without
 * limit) and how to name a refusal without quoting the refused data (PostgreSQL's messages can quote a value).
 */
public final class DatabaseFailures implements FailureRules {

    /**
     * SQLSTATE classes that say the database cannot serve now: connection exceptions (08), transaction rollbacks such
     * as serialization failures and deadlocks (40), insufficient resources (53), operator intervention such as a
     * shutdown (57), system errors (58).
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57", "58");
    /**
     * Lock not available (55P03); undefined table (42P01: the schema is not there yet while Flyway applies it);
     * unique (23505) and foreign-key (23503) violations, which here mean a concurrent writer took the key or merged
     * the lead first: the retry resolves the identifiers again.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "42P01", "23505", "23503");
    /**
     * The Vert.x pool's own failures, which carry no type of their own but their message: waiting too long for a
     * connection, and a pool closed under a batch while the service shuts down.
     */
    private static final Set<String> POOL_MESSAGES = Set.of("Timeout waiting for connection", "Pool closed");

    @Override
    public boolean isTransient(Throwable cause) {
        if (cause instanceof PgException pg) {
            String state = pg.getSqlState() == null ? "" : pg.getSqlState();
            return state.length() == 5 && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state));
        }
        return cause instanceof LeadMovedException || cause instanceof ClosedConnectionException
                || cause instanceof NoStackTraceTimeoutException
                || (cause instanceof VertxException || cause instanceof NoStackTraceThrowable)
                && POOL_MESSAGES.contains(cause.getMessage());
    }

    /** A database refusal by its SQLSTATE and where (schema names only); PostgreSQL's message is left out. */
    @Override
    public Optional<String> describe(Throwable cause) {
        if (!(cause instanceof PgException pg)) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("the database refused it: SQLSTATE ").append(pg.getSqlState());
        where(reason, "table", pg.getTable());
        where(reason, "column", pg.getColumn());
        where(reason, "constraint", pg.getConstraint());
        return Optional.of(reason.toString());
    }

    private static void where(StringBuilder reason, String what, String name) {
        if (name != null && !name.isBlank()) {
            reason.append(", ").append(what).append(' ').append(name);
        }
    }
}
