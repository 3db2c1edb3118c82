package io.leadflow.export;

import io.leadflow.leadquery.ContactMask;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportColumnsTest {

    @Test
    void masked_masksEmailPhoneAndTheContactsInTheMessage_withContactMask_andLeavesTheRest() {
        Object[] row = {7L, "Omar Khan", "omar@example.com", "+923001112223", "whatsapp",
                "Call +92 300 7654321 or omar.k@example.com", "Buy", "High", 91L, "HOT",
                "contact quality 15/15 (valid phone and email)", "new", 1L, "2026-11-19T23:59:00+05:00",
                "2026-11-19T23:59:00+05:00", "no"};

        Object[] masked = ExportColumns.masked(row);

        Object[] expected = row.clone();
        expected[2] = ContactMask.email("omar@example.com");
        expected[3] = ContactMask.phone("+923001112223");
        expected[5] = ContactMask.text("Call +92 300 7654321 or omar.k@example.com");
        assertThat(masked).containsExactly(expected);
        assertThat(masked[3]).isEqualTo("+92300*****23");
        assertThat(row[3]).isEqualTo("+923001112223");
    }

    @Test
    void masked_keepsMissingValuesMissing() {
        Object[] row = new Object[ExportColumns.ALL.size()];
        assertThat(ExportColumns.masked(row)).containsOnlyNulls();
    }
}
