package io.leadflow.export.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @Test
    void formulaStarts_areNeutralised() {
        assertThat(CsvCells.safe("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvCells.safe("+1+1")).isEqualTo("'+1+1");
        assertThat(CsvCells.safe("-2")).isEqualTo("'-2");
        assertThat(CsvCells.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.safe("\tx")).isEqualTo("'\tx");
        assertThat(CsvCells.safe("\rx")).isEqualTo("'\rx");
    }

    @Test
    void ordinaryText_isUntouched() {
        assertThat(CsvCells.safe("Ahmed")).isEqualTo("Ahmed");
        assertThat(CsvCells.safe("")).isEmpty();
        assertThat(CsvCells.safe(null)).isNull();
    }
}
