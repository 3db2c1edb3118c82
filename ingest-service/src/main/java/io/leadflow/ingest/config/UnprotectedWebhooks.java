package io.leadflow.ingest.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Says at start-up which webhooks accept requests nobody signed, because their secret is not configured. */
@ApplicationScoped
public class UnprotectedWebhooks {

    void report(@Observes StartupEvent start, WhatsAppConfig whatsapp, InstagramConfig instagram, TwilioConfig twilio,
                EmailConfig email, WebsiteConfig website, GenericConfig generic) {
        Map<String, Optional<?>> secrets = new LinkedHashMap<>();
        secrets.put("leadflow.whatsapp.app-secret (POST /api/webhook/whatsapp)", whatsapp.appSecret());
        secrets.put("leadflow.whatsapp.verify-token (GET /api/webhook/whatsapp)", whatsapp.verifyToken());
        secrets.put("leadflow.instagram.app-secret (POST /api/webhook/instagram)", instagram.appSecret());
        secrets.put("leadflow.instagram.verify-token (GET /api/webhook/instagram)", instagram.verifyToken());
        secrets.put("leadflow.twilio.auth-token (POST /api/webhook/twilio)", twilio.authToken());
        secrets.put("leadflow.email.sendgrid.token (POST /api/webhook/email/sendgrid)", email.sendgrid().token());
        secrets.put("leadflow.email.mailgun.signing-key (POST /api/webhook/email/mailgun)", email.mailgun().signingKey());
        secrets.put("leadflow.email.raw.token (POST /api/webhook/email/raw)", email.raw().token());
        secrets.put("leadflow.generic.api-key (POST /api/webhook)", generic.apiKey());
        secrets.forEach((key, value) -> {
            if (value.isEmpty()) {
                Log.warnf("%s is not set: that webhook accepts requests without checking who sent them (development only)", key);
            }
        });
        if (website.allowedOrigins().isEmpty()) {
            Log.warn("leadflow.website.allowed-origins is not set: pages on any origin may post the website form (development only)");
        }
    }
}
