package io.leadflow.export.service;

import io.leadflow.export.ExportFormat;
import io.leadflow.leadquery.LeadFilter;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    @Test
    void fileNames_sayTheGradesAndTheDay() {
        assertThat(FileNames.of(filter("hot"), DAY, ExportFormat.CSV)).isEqualTo("leads-hot-2026-11-26.csv");
        assertThat(FileNames.of(filter("warm,hot"), DAY, ExportFormat.XLSX)).isEqualTo("leads-hot-warm-2026-11-26.xlsx");
        assertThat(FileNames.of(LeadFilter.ALL, DAY, ExportFormat.CSV)).isEqualTo("leads-all-2026-11-26.csv");
    }

    private static LeadFilter filter(String quality) {
        return LeadFilter.parse(Map.of("quality", List.of(quality)), ZoneOffset.UTC);
    }
}
