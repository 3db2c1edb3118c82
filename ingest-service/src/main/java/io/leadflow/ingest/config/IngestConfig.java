package io.leadflow.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How webhooks are taken in. */
@ConfigMapping(prefix = "leadflow.ingest")
public interface IngestConfig {

    /** Message text longer than this is cut (the original is kept on the event). */
    @WithDefault("4000")
    int maxTextLength();

    /**
     * The original text kept on the event (an email with its quotes, an HTML body) is cut here, so one message
     * always fits a Kafka record.
     */
    @WithDefault("100000")
    int maxOriginalLength();

    /**
     * How many accepted message ids are remembered, so a platform's redelivery is answered without publishing it
     * again. Older ones (and every one after a restart) are published again and dropped by scoring's unique key.
     */
    @WithDefault("100000")
    int recentMessageIds();

    /** The longest a client may ask a webhook to wait for its scored lead ({@code ?wait=} or {@code Prefer: wait=}). */
    @WithDefault("30s")
    Duration maxWait();

    /** How long a webhook waits for the broker's acknowledgement before it answers 503. */
    @WithDefault("6s")
    Duration publishTimeout();

    /**
     * The reverse proxies in front of ingest (addresses or CIDR ranges: {@code 10.0.0.0/8}, {@code fd00::/8}). A
     * request from one of them comes from the nearest address in its {@code X-Forwarded-For} that is not one of
     * them: the client the website form's rate limit counts and the event records. Without it every request comes
     * from its connection's peer, and {@code X-Forwarded-For} is ignored.
     */
    Optional<List<String>> trustedProxies();
}
