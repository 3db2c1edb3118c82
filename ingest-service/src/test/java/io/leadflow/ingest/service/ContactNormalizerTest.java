package io.leadflow.ingest.service;

import io.leadflow.ingest.config.IngestConfig;
import io.leadflow.ingest.config.PhoneConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ContactNormalizerTest {

    private final ContactNormalizer normalizer = new ContactNormalizer(() -> "PK", new IngestConfig() {
        @Override
        public int maxTextLength() {
            return 40;
        }

        @Override
        public Duration maxWait() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration publishTimeout() {
            return Duration.ofSeconds(6);
        }
    });

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
    void text_keepsNewlinesCollapsesBlanksAndCaps() {
        assertThat(normalizer.text("Hello   there\r\n\r\n\r\n\r\nI want  2\tunits ")).isEqualTo("Hello there\n\nI want 2 units");
        assertThat(normalizer.text("x".repeat(100))).hasSize(40);
    }
}
