package io.leadflow.ingest.rest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Every platform secret configured, as in production; the tests' own connections come through a trusted proxy, so the
 * client address is read from X-Forwarded-For.
 */
public class SignedWebhooks implements QuarkusTestProfile {

    static final String WHATSAPP_APP_SECRET = "whatsapp-app-secret-for-tests";
    static final String WHATSAPP_VERIFY_TOKEN = "whatsapp-verify-token-for-tests";
    static final String INSTAGRAM_APP_SECRET = "instagram-app-secret-for-tests";
    static final String INSTAGRAM_VERIFY_TOKEN = "instagram-verify-token-for-tests";
    static final String TWILIO_AUTH_TOKEN = "twilio-auth-token-for-tests";
    /** Twilio calls the public address of a proxy in front of the service. */
    static final String TWILIO_PUBLIC_BASE_URL = "https://leads.shop.example";
    static final String SENDGRID_TOKEN = "sendgrid-token-for-tests";
    static final String MAILGUN_SIGNING_KEY = "mailgun-signing-key-for-tests";
    static final String RAW_EMAIL_TOKEN = "raw-email-token-for-tests";
    static final String ALLOWED_ORIGIN = "https://www.shop.example";
    static final int WEBSITE_REQUESTS_PER_HOUR = 3;
    static final String TRUSTED_PROXIES = "127.0.0.1,::1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("leadflow.whatsapp.app-secret", WHATSAPP_APP_SECRET),
                Map.entry("leadflow.whatsapp.verify-token", WHATSAPP_VERIFY_TOKEN),
                Map.entry("leadflow.instagram.app-secret", INSTAGRAM_APP_SECRET),
                Map.entry("leadflow.instagram.verify-token", INSTAGRAM_VERIFY_TOKEN),
                Map.entry("leadflow.twilio.auth-token", TWILIO_AUTH_TOKEN),
                Map.entry("leadflow.twilio.public-base-url", TWILIO_PUBLIC_BASE_URL),
                Map.entry("leadflow.email.sendgrid.token", SENDGRID_TOKEN),
                Map.entry("leadflow.email.mailgun.signing-key", MAILGUN_SIGNING_KEY),
                Map.entry("leadflow.email.raw.token", RAW_EMAIL_TOKEN),
                Map.entry("leadflow.website.allowed-origins", ALLOWED_ORIGIN),
                Map.entry("leadflow.website.rate-limit.requests", String.valueOf(WEBSITE_REQUESTS_PER_HOUR)),
                Map.entry("leadflow.website.rate-limit.period", "1h"),
                Map.entry("leadflow.ingest.trusted-proxies", TRUSTED_PROXIES));
    }
}
