package io.leadflow.export.service;

import io.leadflow.export.ExportColumns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordWriterTest {

    private static final List<ExportColumns.Column> COLUMNS = List.of(
            new ExportColumns.Column("Lead ID", "id", ExportColumns.Kind.NUMBER, 9),
            new ExportColumns.Column("Name, in full", "user_name", ExportColumns.Kind.TEXT, 20),
            new ExportColumns.Column("Grade", "quality", ExportColumns.Kind.LABEL, 7));

    @Test
    void fieldsAreQuotedAsPostgresqlsCopyQuotesThem_andRecordsEndWithCrlf() throws IOException {
        StringWriter out = new StringWriter();
        CsvRecordWriter csv = new CsvRecordWriter(out, COLUMNS);
        csv.header();
        csv.record(new Object[] {1L, "Sara, Jr.", "HOT"});
        csv.record(new Object[] {2L, "say \"hi\"\nthen\r\nbye", "WARM"});
        csv.record(new Object[] {3L, "", null});
        csv.record(new Object[] {null, null, "COLD"});

        assertThat(out.toString()).isEqualTo("Lead ID,\"Name, in full\",Grade\r\n"
                + "1,\"Sara, Jr.\",HOT\r\n"
                + "2,\"say \"\"hi\"\"\nthen\r\nbye\",WARM\r\n"
                + "3,\"\",\r\n"
                + ",,COLD\r\n");
    }

    @Test
    void textCells_areFormulaGuarded_labelsAndNumbersAreNot() throws IOException {
        StringWriter out = new StringWriter();
        new CsvRecordWriter(out, COLUMNS).record(new Object[] {-1L, "+92300*****67", "=label"});

        assertThat(out.toString()).isEqualTo("-1,'+92300*****67,=label\r\n");
    }
}
