package io.leadflow.ingest.service.signature;

import io.leadflow.http.ProblemException;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretsTest {

    private static final Map<Secret, Optional<String>> ONLY_TWILIO = Map.of(Secret.TWILIO_AUTH_TOKEN, Optional.of("token"));

    @Test
    void aConfiguredSecret_isWhatRequestsAreCheckedAgainst_withOrWithoutTheDevelopmentFlag() {
        assertThat(new WebhookSecrets(ONLY_TWILIO, false).forRequest(Secret.TWILIO_AUTH_TOKEN)).contains("token");
        assertThat(new WebhookSecrets(ONLY_TWILIO, true).forRequest(Secret.TWILIO_AUTH_TOKEN)).contains("token");
    }

    @Test
    void aMissingSecret_isA503NamingTheKeyToSet() {
        assertThatThrownBy(() -> new WebhookSecrets(ONLY_TWILIO, false).forRequest(Secret.RAW_EMAIL_TOKEN))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().type()).isEqualTo("https://leadflow.io/problems/webhook-not-configured");
                    assertThat(e.problem().detail()).isEqualTo("POST /api/webhook/email/raw is not configured: set "
                            + "leadflow.email.raw.token (environment LEADFLOW_EMAIL_RAW_TOKEN). Only a development setup "
                            + "takes unsigned requests, with leadflow.webhooks.allow-unsigned=true.");
                    assertThat(e.retryAfterSeconds()).isNull();
                });
    }

    @Test
    void aBlankSecret_isNoSecret() {
        assertThatThrownBy(() -> new WebhookSecrets(Map.of(Secret.GENERIC_API_KEY, Optional.of(" ")), false)
                .forRequest(Secret.GENERIC_API_KEY)).isInstanceOf(ProblemException.class);
    }

    @Test
    void withTheDevelopmentFlag_aMissingSecretLetsUnsignedRequestsIn() {
        assertThat(new WebhookSecrets(ONLY_TWILIO, true).forRequest(Secret.RAW_EMAIL_TOKEN)).isEmpty();
    }

    @Test
    void metasHandshake_needsItsVerifyToken_evenWithTheDevelopmentFlag() {
        assertThatThrownBy(() -> new WebhookSecrets(ONLY_TWILIO, true).handshakeToken(Secret.WHATSAPP_VERIFY_TOKEN))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().detail()).isEqualTo("GET /api/webhook/whatsapp is not configured: set "
                            + "leadflow.whatsapp.verify-token (environment LEADFLOW_WHATSAPP_VERIFY_TOKEN).");
                });
        assertThat(new WebhookSecrets(Map.of(Secret.WHATSAPP_VERIFY_TOKEN, Optional.of("v")), false)
                .handshakeToken(Secret.WHATSAPP_VERIFY_TOKEN)).isEqualTo("v");
    }
}
