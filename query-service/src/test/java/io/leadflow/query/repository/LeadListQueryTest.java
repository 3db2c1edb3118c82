package io.leadflow.query.repository;

import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadRows;
import io.leadflow.leadquery.LeadSort;
import io.leadflow.leadquery.LeadSql;
import io.leadflow.query.Cursor;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeadListQueryTest {

    @Test
    void firstPage_isTheFilterInTheSortsOrder_withOneRowMore() {
        LeadFilter filter = LeadFilter.parse(Map.of("quality", List.of("HOT"), "sort", List.of("-score")), ZoneId.of("UTC"));
        LeadSql.Fragment page = LeadListQuery.page(filter, null, 50);
        assertThat(page.sql()).isEqualTo("SELECT " + LeadRows.COLUMNS + " FROM leads WHERE quality IN ($1) "
                + "ORDER BY score DESC, id DESC LIMIT $2");
        assertThat(page.params()).containsExactly("HOT", 51);
    }

    @Test
    void nextPage_startsAfterTheCursor_inTheSortsDirection() {
        LeadFilter newest = LeadFilter.ALL;
        Cursor after = Cursor.after(LeadSort.NEWEST, java.time.Instant.parse("2026-11-20T10:00:00Z"), 9);
        LeadSql.Fragment page = LeadListQuery.page(newest, after, 20);
        assertThat(page.sql()).isEqualTo("SELECT " + LeadRows.COLUMNS + " FROM leads WHERE (created_at, id) < ($1, $2) "
                + "ORDER BY created_at DESC, id DESC LIMIT $3");
        assertThat(page.params()).containsExactly(OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 0, ZoneOffset.UTC), 9L, 21);

        LeadFilter oldestWhatsapp = LeadFilter.parse(Map.of("channel", List.of("whatsapp"), "sort", List.of("score")),
                ZoneId.of("UTC"));
        LeadSql.Fragment ascending = LeadListQuery.page(oldestWhatsapp, Cursor.after(LeadSort.SCORE_ASC, 40, 3), 10);
        assertThat(ascending.sql()).endsWith("WHERE channel IN ($1) AND (score, id) > ($2, $3) ORDER BY score ASC, id ASC LIMIT $4");
        assertThat(ascending.params()).containsExactly("whatsapp", 40, 3L, 11);
    }

    @Test
    void severalGradesByScore_areOneBranchPerGrade_merged() {
        LeadFilter filter = LeadFilter.parse(Map.of("quality", List.of("COLD,WARM"), "channel", List.of("sms"),
                "sort", List.of("-score")), ZoneId.of("UTC"));
        LeadSql.Fragment page = LeadListQuery.page(filter, Cursor.after(LeadSort.SCORE_DESC, 55, 8), 10);
        String branch = "SELECT " + LeadRows.COLUMNS + " FROM leads WHERE quality IN ($%d) AND channel IN ($%d) "
                + "AND (score, id) < ($%d, $%d) ORDER BY score DESC, id DESC LIMIT $%d";
        assertThat(page.sql()).isEqualTo("SELECT * FROM ((" + branch.formatted(1, 2, 3, 4, 5) + ") UNION ALL ("
                + branch.formatted(6, 7, 8, 9, 10) + ")) page ORDER BY score DESC, id DESC LIMIT $11");
        assertThat(page.params()).containsExactly("WARM", "sms", 55, 8L, 11, "COLD", "sms", 55, 8L, 11, 11);
    }

    @Test
    void severalGradesByDate_stayOneQuery() {
        LeadFilter filter = LeadFilter.parse(Map.of("quality", List.of("COLD,WARM")), ZoneId.of("UTC"));
        assertThat(LeadListQuery.page(filter, null, 10).sql()).doesNotContain("UNION");
    }

    @Test
    void search_collectsCandidatesByTextAlone_thenPagesThemWithEveryFilter() {
        LeadFilter filter = LeadFilter.parse(Map.of("q", List.of("solar"), "quality", List.of("HOT"),
                "sort", List.of("-score")), ZoneId.of("UTC"));
        LeadSql.Fragment candidates = LeadListQuery.searchCandidates(filter, 2000);
        assertThat(candidates.sql()).isEqualTo("SELECT id FROM leads WHERE " + LeadSql.SEARCH_TEXT + " ILIKE $1 LIMIT $2");
        assertThat(candidates.params()).containsExactly("%solar%", 2001);

        Long[] ids = {4L, 9L};
        LeadSql.Fragment page = LeadListQuery.pageOf(ids, filter, Cursor.after(LeadSort.SCORE_DESC, 70, 9), 10);
        assertThat(page.sql()).isEqualTo("SELECT " + LeadRows.COLUMNS + " FROM leads WHERE quality IN ($1) "
                + "AND " + LeadSql.SEARCH_TEXT + " ILIKE $2 AND (score, id) < ($3, $4) AND id = ANY($5) "
                + "ORDER BY score DESC, id DESC LIMIT $6");
        assertThat(page.params()).containsExactly("HOT", "%solar%", 70, 9L, ids, 11);
    }

    @Test
    void searchOfOneDay_isTheSearchsPageWithTheDayTheIndexIsKeyedBy() {
        LeadFilter filter = LeadFilter.parse(Map.of("q", List.of("solar")), ZoneId.of("UTC"));
        Instant last = Instant.parse("2026-11-26T10:15:00Z");
        LeadSql.Fragment day = LeadListQuery.searchDay(filter, Cursor.after(LeadSort.NEWEST, last, 9), 10,
                LeadListQuery.day(last));
        assertThat(day.sql()).isEqualTo("SELECT " + LeadRows.COLUMNS + " FROM leads WHERE " + LeadSql.SEARCH_TEXT
                + " ILIKE $1 AND (created_at, id) < ($2, $3) AND lead_day(created_at) = $4 ORDER BY created_at DESC, id DESC LIMIT $5");
        assertThat(day.params()).containsExactly("%solar%", last.atOffset(ZoneOffset.UTC), 9L, 20_783, 11);
    }
}
