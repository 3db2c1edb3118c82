package io.leadflow.ingest.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadflow.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;

/**
 * The ids of the messages this instance saw Kafka acknowledge, about the latest {@code leadflow.ingest.recent-message-ids}
 * of them: a platform's redelivery of one is answered at once and not published again. This is a shortcut, not the
 * guarantee: a redelivery it does not remember (older, another instance, after a restart) is published and
 * dropped by scoring-service's unique (channel, external_id) key.
 */
@ApplicationScoped
public class RecentMessageIds {

    private final Cache<String, Boolean> ids;

    public RecentMessageIds(IngestConfig config) {
        this.ids = Caffeine.newBuilder().maximumSize(config.recentMessageIds()).build();
    }

    public boolean contains(String messageId) {
        return ids.getIfPresent(messageId) != null;
    }

    /** Remembers messages Kafka acknowledged. */
    public void addAll(Collection<String> messageIds) {
        messageIds.forEach(id -> ids.put(id, Boolean.TRUE));
    }
}
