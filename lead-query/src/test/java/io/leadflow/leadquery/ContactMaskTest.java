package io.leadflow.leadquery;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ContactMaskTest {

    @Test
    void phone_keepsTheCountryAndNetworkCodeAndTheLastTwoDigits() {
        assertThat(ContactMask.phone("+923001234567")).isEqualTo("+92300*****67");
        assertThat(ContactMask.phone("+14155550123")).isEqualTo("+1415*****23");
        assertThat(ContactMask.phone("0333 1234567")).isEqualTo("0333 *****67");
        assertThat(ContactMask.phone("1234567")).isEqualTo("*****67");
        assertThat(ContactMask.phone(null)).isNull();
    }

    @Test
    void email_keepsTheFirstCharacterAndTheDomain() {
        assertThat(ContactMask.email("ayesha.khan@example.com")).isEqualTo("a***@example.com");
        assertThat(ContactMask.email("zoë@example.de")).isEqualTo("z***@example.de");
        assertThat(ContactMask.email("not-an-email")).isEqualTo("***");
        assertThat(ContactMask.email(null)).isNull();
    }

    @Test
    void text_masksEveryEmailAndPhoneInIt_andLeavesQuantitiesAndPricesAlone() {
        String written = "Send 20 tables for Rs 150,000 to fatima.noor@example.pk or call +92 333 1234567, or 0300-7654321.";
        assertThat(ContactMask.text(written))
                .isEqualTo("Send 20 tables for Rs 150,000 to f***@example.pk or call +92 333 *****67, or 0300-*****21.");
    }

    @Test
    void text_neverLetsSevenDigitsInARowThrough() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = 0; j < 40; j++) {
                int kind = random.nextInt(4);
                text.append(kind == 0 ? " " : kind == 1 ? "-" : kind == 2 ? "ab" : String.valueOf(random.nextInt(10)));
            }
            String masked = ContactMask.text(text.toString());
            assertThat(masked).hasSameSizeAs(text.toString());
            // No run of digits and the separators people write in phone numbers holds seven digits any more.
            Matcher run = Pattern.compile("[0-9][0-9 ().-]*[0-9]").matcher(masked);
            while (run.find()) {
                assertThat(run.group().replaceAll("[^0-9]", "")).as(text + " -> " + masked).hasSizeLessThan(7);
            }
        }
    }
}
