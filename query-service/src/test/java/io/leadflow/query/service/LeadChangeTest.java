package io.leadflow.query.service;

import io.leadflow.events.LeadStatus;
import io.leadflow.http.ProblemException;
import io.leadflow.query.LeadChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadChangeTest {

    @Test
    void statusAndNote_areCheckedAndCleaned() {
        assertThat(new LeadChange(" Contacted ", "  called her  ").validated())
                .isEqualTo(new LeadChange.Valid(LeadStatus.CONTACTED, "called her"));
        assertThat(new LeadChange(null, "note only").validated()).isEqualTo(new LeadChange.Valid(null, "note only"));
        assertThat(new LeadChange("won", "   ").validated()).isEqualTo(new LeadChange.Valid(LeadStatus.WON, null));
    }

    @Test
    void nothingToChange_unknownStatus_orALongNote_areA400NamingTheField() {
        assertField(new LeadChange(null, null), "status");
        assertField(new LeadChange(null, " "), "status");
        assertField(new LeadChange("closed", null), "status");
        assertField(new LeadChange("new", "x".repeat(LeadChange.MAX_NOTE_LENGTH + 1)), "note");
    }

    private static void assertField(LeadChange change, String field) {
        assertThatThrownBy(change::validated).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(400);
            assertThat(e.problem().field()).isEqualTo(field);
        });
    }
}
