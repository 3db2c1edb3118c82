package io.leadflow.query;

import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.LeadSort;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void cursor_survivesTheRoundTrip_withMicroseconds() {
        Instant at = Instant.parse("2026-11-20T10:32:00.123456Z");
        Cursor cursor = Cursor.after(LeadSort.NEWEST, at, 77);
        Cursor read = Cursor.decode(cursor.encode(), LeadSort.NEWEST);
        assertThat(read).isEqualTo(cursor);
        assertThat(read.boundValue()).isEqualTo(OffsetDateTime.of(2026, 11, 20, 10, 32, 0, 123_456_000, ZoneOffset.UTC));
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void scoreCursor_bindsAnInteger() {
        Cursor read = Cursor.decode(Cursor.after(LeadSort.SCORE_DESC, 84, 5).encode(), LeadSort.SCORE_DESC);
        assertThat(read.boundValue()).isEqualTo(84);
        assertThat(read.id()).isEqualTo(5);
    }

    @Test
    void foreignOrMismatchedCursors_areA400OnCursor() {
        String scoreCursor = Cursor.after(LeadSort.SCORE_DESC, 84, 5).encode();
        for (String wrong : new String[] {"not-a-cursor", "", "%%%", scoreCursor}) {
            assertThatThrownBy(() -> Cursor.decode(wrong, LeadSort.NEWEST))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(400);
                        assertThat(e.problem().field()).isEqualTo("cursor");
                    });
        }
        String forgedValue = java.util.Base64.getUrlEncoder().encodeToString("-created_at|yesterday|5".getBytes());
        assertThatThrownBy(() -> Cursor.decode(forgedValue, LeadSort.NEWEST)).isInstanceOf(ProblemException.class);
    }
}
