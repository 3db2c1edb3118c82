package io.leadflow.ingest.rest;

import io.leadflow.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitPreferenceTest {

    private static final Duration MAX = Duration.ofSeconds(30);

    @Test
    void noWaitAskedMeansNoWait() {
        assertThat(WaitPreference.of(null, null, MAX)).isEmpty();
        assertThat(WaitPreference.of("0", null, MAX)).isEmpty();
        assertThat(WaitPreference.of(null, "return=minimal", MAX)).isEmpty();
    }

    @Test
    void queryParameterAndPreferHeaderAreRead() {
        assertThat(WaitPreference.of("5", null, MAX)).contains(Duration.ofSeconds(5));
        assertThat(WaitPreference.of(null, "respond-async, wait=7", MAX)).contains(Duration.ofSeconds(7));
    }

    @Test
    void longWaitsAreClampedTo30Seconds() {
        assertThat(WaitPreference.of("600", null, MAX)).contains(MAX);
        assertThat(WaitPreference.of(null, "wait=100", MAX)).contains(MAX);
    }

    @Test
    void aWaitOfMoreDigitsThanALongHolds_isClampedToo_notAnError() {
        assertThat(WaitPreference.of(null, "wait=99999999999999999999", MAX)).contains(MAX);
        assertThat(WaitPreference.of("99999999999999999999", null, MAX)).contains(MAX);
        assertThat(WaitPreference.of(null, "wait=00000000000000000000007", MAX)).contains(Duration.ofSeconds(7));
    }

    @Test
    void aMalformedPreferHeader_isIgnored() {
        assertThat(WaitPreference.of(null, "wait=-5", MAX)).isEmpty();
        assertThat(WaitPreference.of(null, "wait=soon", MAX)).isEmpty();
        assertThat(WaitPreference.of(null, ";;;,=wait", MAX)).isEmpty();
    }

    @Test
    void aWaitThatIsNotANumberIsABadRequestNamingWait() {
        assertThatThrownBy(() -> WaitPreference.of("soon", null, MAX))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().field()).isEqualTo("wait");
                });
        assertThatThrownBy(() -> WaitPreference.of("-1", null, MAX)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> WaitPreference.of("5s", null, MAX)).isInstanceOf(ProblemException.class);
    }
}
