package io.leadflow.ingest.service.signature;

import io.leadflow.ingest.config.TwilioConfig;
import io.leadflow.ingest.config.WebsiteConfig;
import io.leadflow.ingest.service.signature.WebhookSecrets.Secret;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.net.URI;
import java.util.Set;

/**
 * At start-up: refuses a Twilio setup whose signatures could never be checked, and says how each webhook is protected,
 * one line per webhook that has no secret.
 */
@ApplicationScoped
public class WebhookSetup {

    void check(@Observes StartupEvent start, WebhookSecrets secrets, TwilioConfig twilio, WebsiteConfig website) {
        requireTwilioPublicUrl(twilio);
        if (secrets.allowUnsigned()) {
            Log.warn("leadflow.webhooks.allow-unsigned is true: a webhook without its secret takes UNSIGNED requests "
                    + "from anyone. Development only: never in production.");
        }
        for (Secret secret : Secret.values()) {
            if (secrets.isConfigured(secret)) {
                continue;
            }
            if (secret.isHandshake() || !secrets.allowUnsigned()) {
                Log.infof("%s answers 503 until %s (%s) is set", secret.endpoint(), secret.key(), secret.environmentVariable());
            } else {
                Log.warnf("%s takes unsigned requests: %s is not set", secret.endpoint(), secret.key());
            }
        }
        if (website.allowedOrigins().isEmpty()) {
            Log.warn("leadflow.website.allowed-origins is not set: pages on any origin may post the website form (development only)");
        }
    }

    /**
     * Twilio signs the URL it calls. Behind a proxy or ingress that is not the address the request arrives on, so
     * without the public address every signed request would be refused: better not to start.
     *
     * @throws ConfigurationException when the auth token is set without a usable public base URL
     */
    static void requireTwilioPublicUrl(TwilioConfig twilio) {
        if (twilio.authToken().isEmpty()) {
            return;
        }
        String base = twilio.publicBaseUrl().orElseThrow(() -> new ConfigurationException(
                "leadflow.twilio.auth-token is set but leadflow.twilio.public-base-url is not: set it "
                        + "(LEADFLOW_TWILIO_PUBLIC_BASE_URL) to the scheme://host[:port] Twilio calls, e.g. "
                        + "https://leads.example.com, so Twilio's signatures can be checked",
                Set.of("leadflow.twilio.public-base-url")));
        if (!isHttpAddress(base)) {
            throw new ConfigurationException("leadflow.twilio.public-base-url is not an http(s) address: " + base,
                    Set.of("leadflow.twilio.public-base-url"));
        }
    }

    private static boolean isHttpAddress(String base) {
        try {
            URI uri = URI.create(base.strip());
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
