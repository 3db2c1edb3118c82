package io.leadflow.export.repository;

import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadSql;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExportSqlTest {

    @Test
    void filterValues_areBoundAsTypedSettings() {
        LeadFilter filter = LeadFilter.parse(Map.of("quality", List.of("HOT"), "from", List.of("2026-11-01"),
                "min_score", List.of("40"), "q", List.of("50%"), "sort", List.of("-score")), ZoneId.of("Asia/Karachi"));
        ExportSql sql = ExportSql.of(filter);

        assertThat(sql.settings()).containsExactly(
                new ExportSql.Setting("leadflow_export.p1", "HOT"),
                new ExportSql.Setting("leadflow_export.p2", "2026-10-31T19:00:00Z"),
                new ExportSql.Setting("leadflow_export.p3", "40"),
                new ExportSql.Setting("leadflow_export.p4", "%50\\%%"));
        assertThat(sql.select(false)).endsWith(" FROM leads WHERE quality IN (current_setting('leadflow_export.p1')::text) "
                + "AND created_at >= current_setting('leadflow_export.p2')::timestamptz "
                + "AND score >= current_setting('leadflow_export.p3')::integer "
                + "AND " + LeadSql.SEARCH_TEXT + " ILIKE current_setting('leadflow_export.p4')::text ORDER BY score DESC, id DESC");
        assertThat(sql.csvCopy(false)).startsWith("COPY (SELECT id AS \"Lead ID\", CASE WHEN ascii(user_name) IN")
                .endsWith("ORDER BY score DESC, id DESC) TO STDOUT (FORMAT csv, HEADER true)");
    }

    @Test
    void markedExports_readTheIdsTheyNoted() {
        ExportSql sql = ExportSql.of(LeadFilter.parse(Map.of("channel", List.of("sms")), ZoneId.of("UTC")));
        assertThat(sql.insertExportedIds()).isEqualTo("INSERT INTO export_ids SELECT id FROM leads "
                + "WHERE channel IN (current_setting('leadflow_export.p1')::text)");
        assertThat(sql.select(true)).endsWith(" FROM leads WHERE id IN (SELECT id FROM export_ids) ORDER BY created_at DESC, id DESC");
    }

    @Test
    void rowsAreReadInIndexOrder_unlessATextSearchADateRangeOrAMarkNarrowsThem() {
        ExportSql.Setting noSort = new ExportSql.Setting("enable_sort", "off");
        assertThat(ExportSql.of(LeadFilter.ALL).plannerSettings(false)).contains(noSort);
        assertThat(ExportSql.of(parse(Map.of("quality", List.of("HOT"), "sort", List.of("-score")))).plannerSettings(false))
                .contains(noSort);
        assertThat(ExportSql.of(parse(Map.of("from", List.of("2026-11-01")))).plannerSettings(false)).contains(noSort);
        assertThat(ExportSql.of(parse(Map.of("from", List.of("2026-11-01"), "sort", List.of("-score")))).plannerSettings(false))
                .doesNotContain(noSort);
        assertThat(ExportSql.of(parse(Map.of("q", List.of("ahmed")))).plannerSettings(false))
                .containsExactly(new ExportSql.Setting("jit", "off"));
        assertThat(ExportSql.of(LeadFilter.ALL).plannerSettings(true)).containsExactly(new ExportSql.Setting("jit", "off"));
    }

    private static LeadFilter parse(Map<String, List<String>> parameters) {
        return LeadFilter.parse(parameters, ZoneId.of("UTC"));
    }

    @Test
    void noFilter_hasNoSettingsAndNoWhere() {
        ExportSql sql = ExportSql.of(LeadFilter.ALL);
        assertThat(sql.settings()).isEmpty();
        assertThat(sql.select(false)).endsWith(" FROM leads ORDER BY created_at DESC, id DESC");
    }
}
