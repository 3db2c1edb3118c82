package io.leadflow.analysis.client;

import io.leadflow.testinfra.LeadflowTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test profiles: one provider at a time in front of the offline analyzer, or all four. Short timeouts and waits. */
public final class ProviderProfiles {

    private ProviderProfiles() {
    }

    static Map<String, String> fastSettings(String... providers) {
        Map<String, String> config = new HashMap<>();
        for (String provider : providers) {
            config.put("leadflow." + provider + ".timeout", "3s");
            config.put("leadflow." + provider + ".max-retries", "2");
            config.put("leadflow." + provider + ".retry-delay", "50ms");
            config.put("leadflow." + provider + ".max-retry-delay", "2s");
        }
        return config;
    }

    abstract static class Base implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LeadflowTestResource.class), new TestResourceEntry(WireMockResource.class));
        }
    }

    /** Only one provider, then offline. */
    abstract static class Only extends Base {
        private final String provider;

        Only(String provider) {
            this.provider = provider;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = fastSettings(provider);
            config.put("leadflow.analysis.chain", provider + ",offline");
            return config;
        }
    }

    public static class MistralOnly extends Only {
        public MistralOnly() {
            super("mistral");
        }
    }

    public static class GeminiOnly extends Only {
        public GeminiOnly() {
            super("gemini");
        }
    }

    public static class OllamaOnly extends Only {
        public OllamaOnly() {
            super("ollama");
        }
    }

    public static class OpenAiOnly extends Only {
        public OpenAiOnly() {
            super("openai");
        }
    }

    /**
     * Mistral alone, one call at a time, and a message's LLM time of 3 s.
     */
    public static class SlowMistral extends Base {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("leadflow.analysis.chain", "mistral,offline");
            config.put("leadflow.mistral.timeout", "5s");
            config.put("leadflow.mistral.max-retries", "0");
            config.put("leadflow.mistral.concurrency", "1");
            config.put("leadflow.analysis.llm-deadline", "3s");
            config.put("mp.messaging.incoming.lead-messages.auto.commit.interval.ms", "500");
            config.put("mp.messaging.incoming.lead-messages.fetch.min.bytes", "1");
            config.put("mp.messaging.incoming.lead-messages.fetch.max.bytes", "65536");
            config.put("mp.messaging.outgoing.lead-analyzed.max.block.ms", "1000");
            config.put("mp.messaging.outgoing.lead-analyzed.request.timeout.ms", "2000");
            config.put("mp.messaging.outgoing.lead-analyzed.delivery.timeout.ms", "3000");
            return config;
        }
    }

    /** The default chain with every provider configured; Mistral's circuit opens after three failed calls. */
    public static class AllProviders extends Base {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = fastSettings("mistral", "gemini", "ollama", "openai");
            config.put("leadflow.mistral.circuit-breaker.request-volume-threshold", "3");
            config.put("leadflow.mistral.circuit-breaker.failure-ratio", "0.5");
            config.put("leadflow.mistral.circuit-breaker.delay", "10m");
            return config;
        }
    }
}
