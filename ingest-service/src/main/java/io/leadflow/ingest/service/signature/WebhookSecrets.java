package io.leadflow.ingest.service.signature;

import io.leadflow.http.ProblemException;
import io.leadflow.ingest.config.EmailConfig;
import io.leadflow.ingest.config.GenericConfig;
import io.leadflow.ingest.config.InstagramConfig;
import io.leadflow.ingest.config.TwilioConfig;
import io.leadflow.ingest.config.WebhooksConfig;
import io.leadflow.ingest.config.WhatsAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which secret each webhook checks its requests against. A webhook whose secret is not configured fails closed: it
 * answers 503 naming the key to set, unless {@code leadflow.webhooks.allow-unsigned} says unsigned requests are fine
 * (development).
 */
@ApplicationScoped
public class WebhookSecrets {

    /** Every webhook secret: its configuration key and the endpoint it protects. */
    public enum Secret {
        WHATSAPP_APP_SECRET("leadflow.whatsapp.app-secret", "POST /api/webhook/whatsapp"),
        WHATSAPP_VERIFY_TOKEN("leadflow.whatsapp.verify-token", "GET /api/webhook/whatsapp"),
        INSTAGRAM_APP_SECRET("leadflow.instagram.app-secret", "POST /api/webhook/instagram"),
        INSTAGRAM_VERIFY_TOKEN("leadflow.instagram.verify-token", "GET /api/webhook/instagram"),
        TWILIO_AUTH_TOKEN("leadflow.twilio.auth-token", "POST /api/webhook/twilio"),
        SENDGRID_TOKEN("leadflow.email.sendgrid.token", "POST /api/webhook/email/sendgrid"),
        MAILGUN_SIGNING_KEY("leadflow.email.mailgun.signing-key", "POST /api/webhook/email/mailgun"),
        RAW_EMAIL_TOKEN("leadflow.email.raw.token", "POST /api/webhook/email/raw"),
        GENERIC_API_KEY("leadflow.generic.api-key", "POST /api/webhook");

        private final String key;
        private final String endpoint;

        Secret(String key, String endpoint) {
            this.key = key;
            this.endpoint = endpoint;
        }

        public String key() {
            return key;
        }

        public String endpoint() {
            return endpoint;
        }

        /** The environment variable that sets the key: {@code LEADFLOW_TWILIO_AUTH_TOKEN}. */
        public String environmentVariable() {
            return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }

        /** Meta's GET handshake tokens, as opposed to the secrets requests are signed with. */
        boolean isHandshake() {
            return this == WHATSAPP_VERIFY_TOKEN || this == INSTAGRAM_VERIFY_TOKEN;
        }
    }

    private final Map<Secret, Optional<String>> configured;
    private final boolean allowUnsigned;

    @Inject
    public WebhookSecrets(WhatsAppConfig whatsapp, InstagramConfig instagram, TwilioConfig twilio, EmailConfig email,
                          GenericConfig generic, WebhooksConfig webhooks) {
        this(Map.of(
                Secret.WHATSAPP_APP_SECRET, whatsapp.appSecret(),
                Secret.WHATSAPP_VERIFY_TOKEN, whatsapp.verifyToken(),
                Secret.INSTAGRAM_APP_SECRET, instagram.appSecret(),
                Secret.INSTAGRAM_VERIFY_TOKEN, instagram.verifyToken(),
                Secret.TWILIO_AUTH_TOKEN, twilio.authToken(),
                Secret.SENDGRID_TOKEN, email.sendgrid().token(),
                Secret.MAILGUN_SIGNING_KEY, email.mailgun().signingKey(),
                Secret.RAW_EMAIL_TOKEN, email.raw().token(),
                Secret.GENERIC_API_KEY, generic.apiKey()), webhooks.allowUnsigned());
    }

    WebhookSecrets(Map<Secret, Optional<String>> configured, boolean allowUnsigned) {
        this.configured = new EnumMap<>(Secret.class);
        for (Secret secret : Secret.values()) {
            this.configured.put(secret, configured.getOrDefault(secret, Optional.empty()).filter(value -> !value.isBlank()));
        }
        this.allowUnsigned = allowUnsigned;
    }

    /**
     * The secret a request must be checked against; empty when the secret is not configured and unsigned requests
     * are allowed.
     *
     * @throws ProblemException 503 naming the key, when the secret is not configured and unsigned requests are not allowed
     */
    public Optional<String> forRequest(Secret secret) {
        Optional<String> value = configured.get(secret);
        if (value.isEmpty() && !allowUnsigned) {
            throw notConfigured(secret);
        }
        return value;
    }

    /**
     * The token Meta's GET handshake must carry. Always required, even where unsigned requests are allowed: without
     * it the handshake would confirm any subscription to anyone who asks.
     *
     * @throws ProblemException 503 naming the key, when it is not configured
     */
    public String handshakeToken(Secret secret) {
        return configured.get(secret).orElseThrow(() -> notConfigured(secret));
    }

    public boolean isConfigured(Secret secret) {
        return configured.get(secret).isPresent();
    }

    public boolean allowUnsigned() {
        return allowUnsigned;
    }

    private static ProblemException notConfigured(Secret secret) {
        return new ProblemException(503, "webhook-not-configured", "Webhook not configured", secret.endpoint()
                + " is not configured: set " + secret.key() + " (environment " + secret.environmentVariable() + ")."
                + (secret.isHandshake() ? "" : " Only a development setup takes unsigned requests, with "
                + "leadflow.webhooks.allow-unsigned=true."), null);
    }
}
