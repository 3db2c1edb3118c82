package io.leadflow.ingest.service.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailBodiesTest {

    @Test
    void gmailReply_isCutAtTheAttribution() {
        assertThat(EmailBodies.newPart("Yes, 12 chairs please.\n\nOn Thu, Jun 5, 2025 at 9:15 AM Sales <sales@shop.example> wrote:\n"
                + "> Here is our offer.\n")).isEqualTo("Yes, 12 chairs please.");
    }

    @Test
    void attributionWrappedOverTwoLines_isCutToo() {
        assertThat(EmailBodies.newPart("Deal.\n\nOn Thu, Jun 5, 2025 at 9:15 AM Shop Sales Department <sales@\nshop.example> wrote:\n> offer"))
                .isEqualTo("Deal.");
    }

    @Test
    void translatedAttributions_areCut() {
        assertThat(EmailBodies.newPart("Ja, bitte.\n\nAm 05.06.2025 um 09:15 schrieb Sales <sales@shop.example>:\n> Angebot"))
                .isEqualTo("Ja, bitte.");
        assertThat(EmailBodies.newPart("Oui.\n\nLe jeu. 5 juin 2025 à 09:15, Sales <sales@shop.example> a écrit :\n> Offre"))
                .isEqualTo("Oui.");
    }

    @Test
    void outlookReplyHeader_isCut() {
        assertThat(EmailBodies.newPart("Please call me.\n\nFrom: Sales <sales@shop.example>\nSent: Thursday, June 5, 2025 9:15 AM\n"
                + "To: Omar\nSubject: Offer\n\nHere is our offer.")).isEqualTo("Please call me.");
        assertThat(EmailBodies.newPart("Fine.\n-----Original Message-----\nFrom: Sales")).isEqualTo("Fine.");
    }

    @Test
    void signatures_areCut() {
        assertThat(EmailBodies.newPart("Price for 3?\n-- \nOmar Farooq\n+971 50 1234567")).isEqualTo("Price for 3?");
        assertThat(EmailBodies.newPart("Price for 3?\n\nSent from my iPhone")).isEqualTo("Price for 3?");
    }

    @Test
    void quotedLinesAreDropped_theRestIsKept() {
        assertThat(EmailBodies.newPart("> what size?\nThe big one.\n")).isEqualTo("The big one.");
    }

    @Test
    void aBodyWithNothingToCut_staysWhole() {
        assertThat(EmailBodies.newPart("Line one.\n\nLine two -- with a dash.")).isEqualTo("Line one.\n\nLine two -- with a dash.");
    }
}
