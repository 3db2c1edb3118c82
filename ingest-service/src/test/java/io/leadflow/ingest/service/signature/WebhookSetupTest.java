package io.leadflow.ingest.service.signature;

import io.leadflow.ingest.config.TwilioConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSetupTest {

    @Test
    void twilioAuthTokenWithoutItsPublicAddress_refusesToStart() {
        assertThatThrownBy(() -> WebhookSetup.requireTwilioPublicUrl(twilio("token", null)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("leadflow.twilio.public-base-url is not")
                .hasMessageContaining("LEADFLOW_TWILIO_PUBLIC_BASE_URL");
        assertThatThrownBy(() -> WebhookSetup.requireTwilioPublicUrl(twilio("token", "leads.example.com")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not an http(s) address");
    }

    @Test
    void twilioWithItsPublicAddress_orWithoutToken_starts() {
        assertThatCode(() -> WebhookSetup.requireTwilioPublicUrl(twilio("token", "https://leads.example.com")))
                .doesNotThrowAnyException();
        assertThatCode(() -> WebhookSetup.requireTwilioPublicUrl(twilio(null, null))).doesNotThrowAnyException();
    }

    private static TwilioConfig twilio(String token, String publicBaseUrl) {
        return new TwilioConfig() {
            @Override
            public Optional<String> authToken() {
                return Optional.ofNullable(token);
            }

            @Override
            public Optional<String> publicBaseUrl() {
                return Optional.ofNullable(publicBaseUrl);
            }
        };
    }
}
