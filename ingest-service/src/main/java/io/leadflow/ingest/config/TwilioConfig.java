package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The Twilio WhatsApp / SMS webhook, {@code /api/webhook/twilio}. */
@ConfigMapping(prefix = "leadflow.twilio")
public interface TwilioConfig {

    /** The account's auth token: requests must carry {@code X-Twilio-Signature} made with it. */
    Optional<String> authToken();

    /**
     * {@code scheme://host:port} as Twilio calls this service (behind a proxy, the public address); the request path
     * and query are appended to it to check the signature. Without it, the address the request came in on is used.
     */
    Optional<String> publicBaseUrl();
}
