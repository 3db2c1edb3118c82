package io.leadflow.ingest.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactNormalizerTest {

    private final ContactNormalizer normalizer = new ContactNormalizer(() -> "PK", TestConfigs.ingest(40, 60));

    @Test
    void phone_localNumberGetsTheDefaultRegion() {
        assertThat(normalizer.phone("0300 1234567", null)).contains("+923001234567");
    }

    @Test
    void phone_internationalFormsAndWhatsappPrefixBecomeE164() {
        assertThat(normalizer.phone("+92 300-1234567", null)).contains("+923001234567");
        assertThat(normalizer.phone("whatsapp:+14155550123", null)).contains("+14155550123");
    }

    @Test
    void phone_payloadRegionWinsOverTheDefault() {
        assertThat(normalizer.phone("(415) 555-0123", "us")).contains("+14155550123");
    }

    @Test
    void phone_garbageIsNotAPhone() {
        assertThat(normalizer.phone("call me maybe", null)).isEmpty();
        assertThat(normalizer.phone("12", null)).isEmpty();
        assertThat(normalizer.phone("  ", null)).isEmpty();
    }

    @Test
    void email_isTrimmedLowerCasedAndValidated() {
        assertThat(normalizer.email("  Sarah.Miller@Example.COM ")).contains("sarah.miller@example.com");
        assertThat(normalizer.email("not-an-email")).isEmpty();
        assertThat(normalizer.email("a@b")).isEmpty();
    }

    @Test
    void name_blanksAreCollapsed() {
        assertThat(normalizer.name("  Ahmed \t  Khan \n")).isEqualTo("Ahmed Khan");
        assertThat(normalizer.name("   ")).isNull();
    }

    @Test
    void phone_aRegionLibphonenumberDoesNotKnowFallsBackToTheDefault() {
        assertThat(normalizer.phone("0300 1234567", "XX")).contains("+923001234567");
    }

    @Test
    void original_isKeptAsSentUpToItsOwnCap() {
        assertThat(normalizer.original("a  b\n\n\n\nc")).isEqualTo("a  b\n\n\n\nc");
        assertThat(normalizer.original("y".repeat(100))).hasSize(60);
    }

    @Test
    void line_collapsesBlanksAndCaps() {
        assertThat(normalizer.line(" Re:\n  Angebot \t für  12 ", 100)).isEqualTo("Re: Angebot für 12");
        assertThat(normalizer.line("x".repeat(300), 250)).hasSize(250);
    }

    @Test
    void text_keepsNewlinesCollapsesBlanksAndCaps() {
        assertThat(normalizer.text("Hello   there\r\n\r\n\r\n\r\nI want  2\tunits ")).isEqualTo("Hello there\n\nI want 2 units");
        assertThat(normalizer.text("x".repeat(100))).hasSize(40);
    }
}
