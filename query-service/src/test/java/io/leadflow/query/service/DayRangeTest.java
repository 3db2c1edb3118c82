package io.leadflow.query.service;

import io.leadflow.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DayRangeTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-11-26T20:30:00Z");

    @Test
    void defaults_endTodayInTheZone_andHoldTheDefaultDays() {
        DayRange karachi = DayRange.parse("Asia/Karachi", null, null, UTC, NOW, 30, 366);
        assertThat(karachi.to()).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(karachi.from()).isEqualTo(LocalDate.parse("2026-10-29"));
        assertThat(karachi.days()).isEqualTo(30);
        assertThat(karachi.start()).isEqualTo(Instant.parse("2026-10-28T19:00:00Z"));
        assertThat(karachi.end()).isEqualTo(Instant.parse("2026-11-27T19:00:00Z"));
        assertThat(DayRange.parse(" ", "", "", UTC, NOW, 7, 366).from()).isEqualTo(LocalDate.parse("2026-11-20"));
    }

    @Test
    void aDayAcrossADaylightSavingChange_isWhatTheZoneSays() {
        DayRange berlin = DayRange.parse("Europe/Berlin", "2026-10-25", "2026-10-25", UTC, NOW, 30, 366);
        assertThat(berlin.start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(berlin.end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void wrongParameters_areA400NamingThem() {
        assertField(() -> DayRange.parse("Mars/Olympus", null, null, UTC, NOW, 30, 366), "tz");
        assertField(() -> DayRange.parse(null, "26/11/2026", null, UTC, NOW, 30, 366), "from");
        assertField(() -> DayRange.parse(null, null, "tomorrow", UTC, NOW, 30, 366), "to");
        assertField(() -> DayRange.parse(null, "2026-11-20", "2026-11-19", UTC, NOW, 30, 366), "to");
        assertField(() -> DayRange.parse(null, "2025-01-01", "2026-11-19", UTC, NOW, 30, 366), "from");
    }

    private static void assertField(Runnable parse, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().field()).isEqualTo(field));
    }
}
