package io.leadflow.ingest.service.signature;

import io.leadflow.http.ProblemException;
import io.leadflow.testinfra.webhooks.PlatformSignatures;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

class MetaSignatureTest {

    private static final String SECRET = "6f1c2a9e3b7d4f08a5c1e2d3b4a59687";
    private final byte[] body = WebhookFixtures.bytes("whatsapp/text.json");

    @Test
    void signatureOfTheRawBody_isAccepted() {
        assertThatCode(() -> MetaSignature.verify(SECRET, body, PlatformSignatures.meta(SECRET, body))).doesNotThrowAnyException();
    }

    @Test
    void signatureFromAnotherSecret_isRefusedWith403() {
        assertRefused(PlatformSignatures.meta("another-secret", body), 403);
    }

    @Test
    void bodyChangedByOneByte_isRefused() {
        String signature = PlatformSignatures.meta(SECRET, body);
        byte[] changed = new String(body, StandardCharsets.UTF_8).replace("buy 2", "buy 3").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MetaSignature.verify(SECRET, changed, signature)).isInstanceOf(ProblemException.class);
    }

    @Test
    void missingSignature_isRefusedWith401NamingTheHeader() {
        assertRefused(null, 401);
        assertRefused("  ", 401);
    }

    @Test
    void malformedSignatures_areRefusedWith403() {
        assertRefused("sha1=" + PlatformSignatures.meta(SECRET, body).substring(7), 403);
        assertRefused("sha256=not-hex", 403);
        assertRefused("sha256=", 403);
    }

    private void assertRefused(String header, int status) {
        assertThatThrownBy(() -> MetaSignature.verify(SECRET, body, header))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(status);
                    assertThat(e.problem().field()).isEqualTo("X-Hub-Signature-256");
                });
    }
}
