package io.leadflow.query.service;

import io.leadflow.query.Stats;
import io.leadflow.query.repository.StatsQueries.Combination;
import io.leadflow.query.repository.StatsQueries.DayCount;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatsAssemblerTest {

    @Test
    void totalsPerDimension_andEveryDayOfTheRange_withZeros() {
        DayRange range = new DayRange(LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-22"), ZoneId.of("Asia/Karachi"));
        Instant asOf = Instant.parse("2026-11-22T12:00:00Z");
        Stats stats = StatsAssembler.assemble(List.of(
                        new Combination("HOT", "whatsapp", "Buy", "new", 5),
                        new Combination("HOT", "email", "Buy", "won", 2),
                        new Combination("COLD", "sms", "Spam", "lost", 1)),
                List.of(new DayCount(LocalDate.parse("2026-11-20"), "HOT", 3),
                        new DayCount(LocalDate.parse("2026-11-22"), "COLD", 1),
                        new DayCount(LocalDate.parse("2026-11-22"), "HOT", 4)),
                range, asOf);

        assertThat(stats.total()).isEqualTo(8);
        assertThat(stats.byQuality()).containsExactly(Map.entry("HOT", 7L), Map.entry("WARM", 0L), Map.entry("COLD", 1L));
        assertThat(stats.byChannel()).containsEntry("whatsapp", 5L).containsEntry("email", 2L).containsEntry("sms", 1L)
                .containsEntry("instagram", 0L).containsEntry("website", 0L).hasSize(5);
        assertThat(stats.byIntent()).containsEntry("Buy", 7L).containsEntry("Spam", 1L).containsEntry("Pricing", 0L).hasSize(7);
        assertThat(stats.byStatus()).containsExactly(Map.entry("new", 5L), Map.entry("contacted", 0L),
                Map.entry("qualified", 0L), Map.entry("won", 2L), Map.entry("lost", 1L));
        assertThat(stats.days()).containsExactly(
                new Stats.Day(LocalDate.parse("2026-11-20"), 3, 0, 0, 3),
                new Stats.Day(LocalDate.parse("2026-11-21"), 0, 0, 0, 0),
                new Stats.Day(LocalDate.parse("2026-11-22"), 4, 0, 1, 5));
        assertThat(stats.timezone()).isEqualTo("Asia/Karachi");
        assertThat(stats.asOf()).isEqualTo(asOf);
    }
}
