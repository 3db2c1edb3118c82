package io.leadflow.export;

import io.leadflow.http.ProblemException;
import io.leadflow.leadquery.LeadFilter;
import io.leadflow.leadquery.LeadSort;
import io.leadflow.leadquery.SharedView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportRequestTest {

    @Test
    void markExported_isWhatTheMethodSays_andTheOldParameterMustAgreeWithIt() {
        assertThat(parse(Map.of())).isEqualTo(new ExportRequest(LeadFilter.ALL, false, ZoneOffset.UTC));
        assertThat(ExportRequest.parse(Map.of(), ZoneOffset.UTC, true).markExported()).isTrue();
        assertThat(parse(Map.of("mark_exported", List.of("false"))).markExported()).isFalse();
        assertThat(parse(Map.of("mark_exported", List.of(""))).markExported()).isFalse();
        assertThat(ExportRequest.parse(Map.of("mark_exported", List.of("TRUE ")), ZoneOffset.UTC, true).markExported()).isTrue();
    }

    @Test
    void aGetThatAsksToMark_isAProblemSayingToPost() {
        assertThatThrownBy(() -> parse(Map.of("mark_exported", List.of("true")))).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().field()).isEqualTo("mark_exported");
            assertThat(e.problem().detail()).contains("POST");
        });
        assertThatThrownBy(() -> ExportRequest.parse(Map.of("mark_exported", List.of("false")), ZoneOffset.UTC, true))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("mark_exported"));
    }

    @Test
    void unknownParameters_areIgnoredLikeTheApisPaging() {
        assertThat(parse(Map.of("limit", List.of("50"), "after", List.of("x")))).isEqualTo(new ExportRequest(LeadFilter.ALL, false, ZoneOffset.UTC));
    }

    @Test
    void tz_isTheZoneOfTheDaysAndTheFile_asInTheApi() {
        ExportRequest request = parse(Map.of("tz", List.of("Asia/Karachi"), "from", List.of("2026-11-01")));
        assertThat(request.zone()).isEqualTo(java.time.ZoneId.of("Asia/Karachi"));
        assertThat(request.filter().from()).isEqualTo(java.time.Instant.parse("2026-10-31T19:00:00Z"));
        assertProblem(Map.of("tz", List.of("Mars/Olympus")), "tz");
        assertProblem(Map.of("tz", List.of("+05:00")), "tz");
    }

    @Test
    void wrongMarkExported_isAProblemNamingIt() {
        assertProblem(Map.of("mark_exported", List.of("yes")), "mark_exported");
        assertProblem(Map.of("mark_exported", List.of("true", "true")), "mark_exported");
    }

    @Test
    void wrongFilter_isTheFiltersProblem() {
        assertProblem(Map.of("quality", List.of("BOILING")), "quality");
        assertProblem(Map.of("min_score", List.of("101")), "min_score");
    }

    private static ExportRequest parse(Map<String, List<String>> parameters) {
        return ExportRequest.parse(parameters, ZoneOffset.UTC, false);
    }

    @Test
    void aSharedDownload_isTheLinksFilterZoneAndMasking_inTheVisitorsOrder_andNeverMarks() {
        SharedView link = new SharedView(7, "admin", Instant.EPOCH, Instant.EPOCH.plusSeconds(60),
                Map.of("quality", List.of("HOT"), "tz", List.of("Asia/Karachi")), true, true);
        ZoneId karachi = ZoneId.of("Asia/Karachi");
        LeadFilter hot = LeadFilter.parse(Map.of("quality", List.of("HOT")), karachi);

        assertThat(ExportRequest.shared(link, null, ZoneOffset.UTC)).isEqualTo(new ExportRequest(hot, false, karachi, true));
        assertThat(ExportRequest.shared(link, "-score", ZoneOffset.UTC))
                .isEqualTo(new ExportRequest(hot.sortedBy(LeadSort.fromParameter("-score").orElseThrow()), false, karachi, true));
        assertThatThrownBy(() -> ExportRequest.shared(link, "name", ZoneOffset.UTC))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().field()).isEqualTo("sort"));
    }

    private static void assertProblem(Map<String, List<String>> parameters, String field) {
        assertThatThrownBy(() -> parse(parameters)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().field()).isEqualTo(field);
        });
    }
}
