package io.leadflow.leadquery;

import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadStatus;
import io.leadflow.events.LeadView;
import io.leadflow.events.Quality;
import io.leadflow.events.Urgency;
import io.leadflow.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadFilterTest {

    private static final ZoneId KARACHI = ZoneId.of("Asia/Karachi");

    @Test
    void noParameters_isEveryLeadNewestFirst() {
        LeadFilter filter = LeadFilter.parse(Map.of(), ZoneId.of("UTC"));
        assertThat(filter).isEqualTo(LeadFilter.ALL);
        assertThat(LeadSql.where(filter, LeadSql.NUMBERED, 1)).isEqualTo(new LeadSql.Fragment("", List.of()));
        assertThat(filter.sort().orderBy()).isEqualTo("ORDER BY created_at DESC, id DESC");
    }

    @Test
    void everyFilter_becomesBoundSqlInOrder() {
        LeadFilter filter = LeadFilter.parse(Map.of(
                "quality", List.of("hot,WARM"), "channel", List.of("whatsapp", "email"), "from", List.of("2026-11-01"),
                "to", List.of("2026-11-30"), "min_score", List.of("40"), "max_score", List.of("90"),
                "q", List.of(" 50%_off "), "sort", List.of("-score")), KARACHI);

        assertThat(filter.qualities()).containsExactlyInAnyOrder(Quality.HOT, Quality.WARM);
        assertThat(filter.channels()).containsExactlyInAnyOrder(Channel.WHATSAPP, Channel.EMAIL);
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-10-31T19:00:00Z"));
        assertThat(filter.to()).isEqualTo(Instant.parse("2026-11-30T19:00:00Z"));
        assertThat(filter.slug()).isEqualTo("hot-warm");

        LeadSql.Fragment where = LeadSql.where(filter, LeadSql.QUESTION_MARKS, 1);
        assertThat(where.sql()).isEqualTo("WHERE quality IN (?, ?) AND channel IN (?, ?) AND created_at >= ? AND created_at < ? "
                + "AND score >= ? AND score <= ? AND " + LeadSql.SEARCH_TEXT + " ILIKE ?");
        assertThat(where.params()).hasSize(9);
        assertThat(where.params().subList(4, 9)).containsExactly(
                OffsetDateTime.of(2026, 10, 31, 19, 0, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 11, 30, 19, 0, 0, 0, ZoneOffset.UTC), 40, 90, "%50\\%\\_off%");
        assertThat(filter.sort().orderBy()).isEqualTo("ORDER BY score DESC, id DESC");
    }

    @Test
    void numberedPlaceholders_startWhereAsked() {
        LeadFilter filter = LeadFilter.parse(Map.of("intent", List.of("Buy"), "status", List.of("new")), KARACHI);
        assertThat(LeadSql.where(filter, LeadSql.NUMBERED, 3).sql()).isEqualTo("WHERE intent IN ($3) AND status IN ($4)");
    }

    @Test
    void wrongParameters_areA400NamingTheParameter() {
        assertField(Map.of("quality", List.of("LUKEWARM")), "quality");
        assertField(Map.of("channel", List.of("fax")), "channel");
        assertField(Map.of("min_score", List.of("high")), "min_score");
        assertField(Map.of("max_score", List.of("101")), "max_score");
        assertField(Map.of("min_score", List.of("80"), "max_score", List.of("20")), "max_score");
        assertField(Map.of("from", List.of("yesterday")), "from");
        assertField(Map.of("from", List.of("2026-11-02"), "to", List.of("2026-11-01")), "to");
        assertField(Map.of("sort", List.of("name")), "sort");
        assertField(Map.of("sort", List.of("-score", "score")), "sort");
        assertField(Map.of("q", List.of(" zq ")), "q");
    }

    @Test
    void instantsWithAnOffset_areAccepted() {
        LeadFilter filter = LeadFilter.parse(Map.of("from", List.of("2026-11-26T10:00:00+05:00")), KARACHI);
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-11-26T05:00:00Z"));
        assertThat(filter.qualities()).isEqualTo(Set.of());
    }

    private static void assertField(Map<String, List<String>> parameters, String field) {
        assertThatThrownBy(() -> LeadFilter.parse(parameters, KARACHI))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().field()).isEqualTo(field);
                });
    }

    @Test
    void matches_keepsALeadExactlyWhenEveryFilterHolds() {
        LeadFilter filter = LeadFilter.parse(Map.of("quality", List.of("HOT"), "channel", List.of("whatsapp"),
                "from", List.of("2026-11-01"), "min_score", List.of("70"), "q", List.of("SOFA")), ZoneId.of("UTC"));
        LeadView lead = lead(Quality.HOT, Channel.WHATSAPP, 80, "Is the blue sofa in stock?", "2026-11-02T10:00:00Z");

        assertThat(filter.matches(lead)).isTrue();
        assertThat(filter.matches(lead(Quality.WARM, Channel.WHATSAPP, 80, "blue sofa", "2026-11-02T10:00:00Z"))).isFalse();
        assertThat(filter.matches(lead(Quality.HOT, Channel.EMAIL, 80, "blue sofa", "2026-11-02T10:00:00Z"))).isFalse();
        assertThat(filter.matches(lead(Quality.HOT, Channel.WHATSAPP, 69, "blue sofa", "2026-11-02T10:00:00Z"))).isFalse();
        assertThat(filter.matches(lead(Quality.HOT, Channel.WHATSAPP, 80, "a table", "2026-11-02T10:00:00Z"))).isFalse();
        assertThat(filter.matches(lead(Quality.HOT, Channel.WHATSAPP, 80, "blue sofa", "2026-10-31T23:59:59Z"))).isFalse();
        assertThat(LeadFilter.ALL.matches(lead)).isTrue();
    }

    private static LeadView lead(Quality quality, Channel channel, int score, String message, String createdAt) {
        Instant at = Instant.parse(createdAt);
        return new LeadView(1, "Ayesha", null, "+923001112233", channel, message, Intent.BUY, Urgency.HIGH, score,
                quality, LeadStatus.NEW, 1, at, at, false);
    }
}
