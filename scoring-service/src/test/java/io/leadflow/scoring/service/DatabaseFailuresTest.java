package io.leadflow.scoring.service;

import io.leadflow.messaging.Failures;
import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTest {

    private final DatabaseFailures rules = new DatabaseFailures();

    @ParameterizedTest(name = "SQLSTATE {0}: transient {1}")
    @CsvSource({
            "22021,false",  // invalid byte sequence (a NUL character in a text): the event's data
            "22008,false",  // datetime field overflow
            "22P05,false",  // untranslatable character in JSON
            "23514,false",  // check violation
            "23502,false",  // not-null violation
            "42703,false",  // undefined column: a bug, not an outage
            "23505,true",   // unique violation: a concurrent writer took the key first
            "23503,true",   // foreign key violation: a concurrent merge
            "40001,true",   // serialization failure
            "40P01,true",   // deadlock
            "08006,true",   // connection failure
            "57P01,true",   // admin shutdown
            "53300,true",   // too many connections
            "58030,true",   // I/O error
            "55P03,true",   // lock not available
            "42P01,true"})  // undefined table: the schema is not there yet
    void databaseFailures_areTransientOnlyWhenTheDatabaseCannotServeForNow(String sqlState, boolean transientFailure) {
        PgException failure = new PgException("boom", "ERROR", sqlState, null);
        assertThat(Failures.isTransient(failure, rules::isTransient)).isEqualTo(transientFailure);
        assertThat(Failures.isTransient(new CompletionException(failure), rules::isTransient)).isEqualTo(transientFailure);
    }

    @Test
    void connectionsGoneOrRefused_poolTimeoutsAndConcurrentMerges_areTransient() {
        assertThat(Failures.isTransient(ClosedConnectionException.INSTANCE, rules::isTransient)).isTrue();
        assertThat(Failures.isTransient(new ConnectException("Connection refused"), rules::isTransient)).isTrue();
        assertThat(Failures.isTransient(new VertxException("Timeout waiting for connection", true), rules::isTransient)).isTrue();
        assertThat(Failures.isTransient(new NoStackTraceThrowable("Pool closed"), rules::isTransient)).isTrue();
        assertThat(Failures.isTransient(new LeadMovedException("merged"), rules::isTransient)).isTrue();
    }

    @Test
    void bugs_areNotTransient() {
        assertThat(Failures.isTransient(new NullPointerException(), rules::isTransient)).isFalse();
        assertThat(Failures.isTransient(new ClassCastException(), rules::isTransient)).isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("pool closed"), rules::isTransient)).isFalse();
        assertThat(Failures.isTransient(new NoStackTraceThrowable("Parameter at position[0] with value [x] can not be coerced"),
                rules::isTransient)).isFalse();
    }

    @Test
    void theReason_isTheSqlStateAndWhere_neverTheDatabasesMessage() {
        PgException failure = new PgException("invalid input syntax for type uuid: \"+923001234567\"", "ERROR", "22P02",
                null, null, null, null, null, null, null, null, null, null, "message", "external_id", null, null);

        assertThat(rules.describe(failure))
                .hasValue("the database refused it: SQLSTATE 22P02, table message, column external_id");
        assertThat(rules.describe(new NullPointerException())).isEmpty();
    }
}
