package io.leadflow.ingest.service.signature;

import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.MutableClock;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailgunSignatureTest {

    private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock();
    private final UsedTokens usedTokens = new UsedTokens(clock);
    private final Instant now = clock.instant();

    @Test
    void signedRequest_isAccepted() {
        Map<String, String> signed = PlatformSignatures.mailgun(KEY, now.getEpochSecond(), token('a'));
        assertThatCode(() -> verify(signed, now)).doesNotThrowAnyException();
    }

    @Test
    void wrongKey_isRefused() {
        assertRefused(PlatformSignatures.mailgun("another-key", now.getEpochSecond(), token('b')), now, "signature", 403);
    }

    @Test
    void staleTimestamp_isRefused_evenWhenSignedCorrectly() {
        Map<String, String> signed = PlatformSignatures.mailgun(KEY, now.minusSeconds(301).getEpochSecond(), token('c'));
        assertRefused(signed, now, "timestamp", 403);
        Map<String, String> future = PlatformSignatures.mailgun(KEY, now.plusSeconds(301).getEpochSecond(), token('d'));
        assertRefused(future, now, "timestamp", 403);
    }

    @Test
    void replayedToken_isRefused_untilItWouldBeStaleAnyway() {
        Map<String, String> signed = PlatformSignatures.mailgun(KEY, now.getEpochSecond(), token('e'));
        verify(signed, now);
        assertRefused(signed, now.plusSeconds(10), "token", 403);
    }

    @Test
    void replayedTokenOfATimestampAhead_isRefusedAsLongAsTheTimestampIsFresh() {
        Instant ahead = now.plus(Duration.ofMinutes(4));
        Map<String, String> signed = PlatformSignatures.mailgun(KEY, ahead.getEpochSecond(), token('h'));
        verify(signed, now);

        clock.advance(Duration.ofMinutes(6));
        // Two minutes from its timestamp: fresh, so its token must still be remembered.
        assertRefused(signed, clock.instant(), "token", 403);
    }

    @Test
    void releasedToken_canBeUsedByTheRetry() {
        Map<String, String> signed = PlatformSignatures.mailgun(KEY, now.getEpochSecond(), token('f'));
        verify(signed, now);
        usedTokens.release(signed.get("token"));
        assertThatCode(() -> verify(signed, now.plusSeconds(60))).doesNotThrowAnyException();
    }

    @Test
    void missingFields_areRefusedWith401NamingTheField() {
        assertThatThrownBy(() -> MailgunSignature.verify(KEY, null, token('g'), "ab", now, MAX_AGE, usedTokens))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(401);
                    assertThat(e.problem().field()).isEqualTo("timestamp");
                });
    }

    private void verify(Map<String, String> signed, Instant at) {
        MailgunSignature.verify(KEY, signed.get("timestamp"), signed.get("token"), signed.get("signature"), at, MAX_AGE, usedTokens);
    }

    private void assertRefused(Map<String, String> signed, Instant at, String field, int status) {
        assertThatThrownBy(() -> verify(signed, at)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(status);
            assertThat(e.problem().field()).isEqualTo(field);
        });
    }

    private static String token(char c) {
        return String.valueOf(c).repeat(50);
    }
}
