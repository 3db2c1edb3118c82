package io.leadflow.ingest.service;

import io.leadflow.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the messages this instance saw Kafka acknowledge, the newest {@code leadflow.ingest.recent-message-ids}
 * of them: a platform's redelivery of one is answered at once and not published again. This is a shortcut, not the
 * guarantee: a redelivery it does not remember (older, another instance, after a restart) is published and
 * dropped by scoring-service's unique (channel, external_id) key.
 */
@ApplicationScoped
public class RecentMessageIds {

    private final Map<String, Boolean> ids;

    public RecentMessageIds(IngestConfig config) {
        int capacity = config.recentMessageIds();
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean contains(String messageId) {
        return ids.containsKey(messageId);
    }

    /** Remembers messages Kafka acknowledged. */
    public synchronized void addAll(Collection<String> messageIds) {
        messageIds.forEach(id -> ids.put(id, Boolean.TRUE));
    }
}
