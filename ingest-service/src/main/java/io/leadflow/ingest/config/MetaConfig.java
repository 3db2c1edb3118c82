package io.leadflow.ingest.config;

import java.util.Optional;

/** A Meta webhook (WhatsApp Cloud API, Instagram Messaging): the handshake token and the signing secret. */
public interface MetaConfig {

    /**
     * The token typed into the app dashboard's webhook setup; the GET handshake echoes the challenge only for it, and
     * answers 503 while it is not set.
     */
    Optional<String> verifyToken();

    /** The app secret: POSTs must carry {@code X-Hub-Signature-256}, the HMAC-SHA256 of the raw body with it. */
    Optional<String> appSecret();
}
