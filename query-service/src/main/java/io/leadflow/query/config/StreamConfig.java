package io.leadflow.query.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The live stream of leads ({@code GET /api/leads/stream}). */
@ConfigMapping(prefix = "leadflow.stream")
public interface StreamConfig {

    /** How often an idle stream sends a comment, so proxies and browsers keep the connection open. */
    @WithDefault("15s")
    Duration heartbeat();

    /** How long a browser waits before it reconnects (the SSE {@code retry} field). */
    @WithDefault("3s")
    Duration reconnectDelay();

    /**
     * How far before a reconnecting browser's {@code Last-Event-ID} the replay starts: a lead written by a
     * transaction that began before that moment but committed after it is still sent.
     */
    @WithDefault("30s")
    Duration replayMargin();

    /** The most leads a reconnect replays; past it the browser is told to reload its list instead. */
    @WithDefault("500")
    int replayLimit();

    /** Events held for one slow browser; past it its stream ends and it reconnects with a replay. */
    @WithDefault("1000")
    int bufferSize();
}
