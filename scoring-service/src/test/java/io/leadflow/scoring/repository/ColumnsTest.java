package io.leadflow.scoring.repository;

import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnsTest {

    private record Row(long id, String name, int score, Instant at, Map<String, Object> data) {
    }

    private static final Columns<Row> KEY = Columns.<Row>of().bigint("id", Row::id);
    private static final Columns<Row> REST = Columns.<Row>of()
            .text("name", Row::name)
            .integer("score", Row::score)
            .timestamptz("at", Row::at)
            .json("data", Row::data);

    @Test
    void oneSpec_namesTheColumns_unnestsTheirArrays_andFillsThemInTheSameOrder() {
        Columns<Row> all = KEY.plus(REST);
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        List<Row> rows = List.of(new Row(7, "Ahmed", 84, at, Map.of("a", 1)), new Row(8, null, 0, null, Map.of()));

        assertThat(all.names()).isEqualTo("id, name, score, at, data");
        assertThat(all.values("u")).isEqualTo("u_id, u_name, u_score, u_at, u_data::jsonb");
        assertThat(REST.assignments("u")).isEqualTo("name = u_name, score = u_score, at = u_at, data = u_data::jsonb");
        assertThat(all.unnest("u", 3))
                .isEqualTo("unnest($3::bigint[], $4::text[], $5::int[], $6::timestamptz[], $7::text[]) AS u(u_id, u_name, u_score, u_at, u_data)");

        Tuple tuple = all.tuple(rows, "first", 2L);
        assertThat(tuple.size()).isEqualTo(7);
        assertThat(tuple.getValue(0)).isEqualTo("first");
        assertThat(tuple.getValue(1)).isEqualTo(2L);
        assertThat((Object[]) tuple.getValue(2)).containsExactly(7L, 8L);
        assertThat((Object[]) tuple.getValue(3)).containsExactly("Ahmed", null);
        assertThat((Object[]) tuple.getValue(4)).containsExactly(84, 0);
        assertThat((Object[]) tuple.getValue(5)).containsExactly(OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.UTC), null);
        assertThat((Object[]) tuple.getValue(6)).containsExactly("{\"a\":1}", "{}");
    }
}
