package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** The Twilio WhatsApp / SMS webhook, {@code /api/webhook/twilio}. */
@ConfigMapping(prefix = "leadflow.twilio")
public interface TwilioConfig {

    /** The account's auth token: requests must carry {@code X-Twilio-Signature} made with it. */
    Optional<String> authToken();

    /**
     * {@code scheme://host:port} as Twilio calls this service (behind a proxy or ingress, the public address); the
     * request path and query are appended to it to check the signature. Required with the auth token: ingest refuses
     * to start with the token alone, since the address a request arrives on is not the one Twilio signed.
     */
    Optional<String> publicBaseUrl();
}
