package io.leadflow.ingest.service;

import io.leadflow.ingest.config.IngestConfig;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration as the service's defaults give it, for unit tests that run without Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static IngestConfig ingest(int maxTextLength, int maxOriginalLength) {
        return new IngestConfig() {
            @Override
            public int maxTextLength() {
                return maxTextLength;
            }

            @Override
            public int maxOriginalLength() {
                return maxOriginalLength;
            }

            @Override
            public int recentMessageIds() {
                return 3;
            }

            @Override
            public Duration maxWait() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration publishTimeout() {
                return Duration.ofSeconds(6);
            }

            @Override
            public Optional<List<String>> trustedProxies() {
                return Optional.empty();
            }
        };
    }

    /** The normalizer with the defaults: region PK, texts up to 4000 characters, originals up to 100000. */
    public static ContactNormalizer contacts() {
        return new ContactNormalizer(() -> "PK", ingest(4000, 100_000));
    }
}
