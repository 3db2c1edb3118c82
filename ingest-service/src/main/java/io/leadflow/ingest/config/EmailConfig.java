package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The inbound email webhooks under {@code /api/webhook/email/}. */
@ConfigMapping(prefix = "leadflow.email")
public interface EmailConfig {

    SendGrid sendgrid();

    Mailgun mailgun();

    Raw raw();

    /** SendGrid Inbound Parse, {@code /api/webhook/email/sendgrid}. */
    interface SendGrid {
        /** The secret in the Parse URL: {@code ?token=…}, or the password of basic auth ({@code https://user:token@…}). */
        Optional<String> token();
    }

    /** Mailgun routes, {@code /api/webhook/email/mailgun}. */
    interface Mailgun {
        /** The HTTP webhook signing key: {@code signature} must be the HMAC-SHA256 of {@code timestamp + token} with it. */
        Optional<String> signingKey();

        /** A {@code timestamp} further than this from now is refused, and a {@code token} is refused if seen within it. */
        @WithDefault("5m")
        Duration maxAge();
    }

    /** Raw RFC 5322 messages, {@code /api/webhook/email/raw}. */
    interface Raw {
        /** The bearer token a mail relay sends as {@code Authorization: Bearer …}. */
        Optional<String> token();
    }
}
