package io.leadflow.scoring.service;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @ParameterizedTest(name = "SQLSTATE {0}: permanent {1}")
    @CsvSource({
            "22021,true",   // invalid byte sequence (a NUL character in a text)
            "22008,true",   // datetime field overflow
            "22P05,true",   // untranslatable character in JSON
            "23514,true",   // check violation
            "23502,true",   // not-null violation
            "23505,false",  // unique violation: a concurrent writer, retried
            "23503,false",  // foreign key violation: a concurrent merge, retried
            "40001,false",  // serialization failure
            "40P01,false",  // deadlock
            "08006,false",  // connection failure
            "57P01,false",  // admin shutdown
            "53300,false",  // too many connections
            "42P01,false"}) // undefined table: a deployment problem, not the event's
    void databaseRefusals_arePermanentOnlyWhenTheEventsDataIsAtFault(String sqlState, boolean permanent) {
        PgException failure = new PgException("boom", "ERROR", sqlState, null);
        assertThat(Failures.isPermanent(failure)).isEqualTo(permanent);
        assertThat(Failures.isPermanent(new CompletionException(failure))).isEqualTo(permanent);
    }

    @Test
    void anEventNoLeadCanBeMadeOf_isPermanent() {
        assertThat(Failures.isPermanent(new IllegalArgumentException("no phone, email or platform user id"))).isTrue();
        assertThat(Failures.isPermanent(new java.time.DateTimeException("Instant exceeds minimum or maximum instant"))).isTrue();
    }

    @Test
    void connectionsGoneOrRefused_areTransient() {
        assertThat(Failures.isPermanent(ClosedConnectionException.INSTANCE)).isFalse();
        assertThat(Failures.isPermanent(new ConnectException("Connection refused"))).isFalse();
        assertThat(Failures.isPermanent(new IllegalStateException("pool closed"))).isFalse();
    }

    @Test
    void theReason_isTheDatabasesMessageWithItsSqlState() {
        PgException failure = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        assertThat(Failures.reason(failure))
                .isEqualTo("the database refused it: invalid byte sequence for encoding \"UTF8\": 0x00 (SQLSTATE 22021)");
    }
}
