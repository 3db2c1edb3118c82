package io.leadflow.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How analysis-service chooses and uses its providers. */
@ConfigMapping(prefix = "leadflow.analysis")
public interface AnalysisConfig {

    /**
     * The providers to try, in order: any of {@code mistral}, {@code gemini}, {@code ollama}, {@code openai},
     * {@code offline}. A provider that is not configured is skipped; the offline analyzer always ends the chain,
     * listed or not.
     */
    @WithDefault("mistral,gemini,ollama,openai,offline")
    List<String> chain();

    /**
     * The longest the LLM providers may spend on one message, waiting for a free place included; then the offline
     * analyzer answers. It bounds how long a batch of messages takes however slow the providers are.
     */
    @WithDefault("60s")
    Duration llmDeadline();

    /** The reuse of earlier analyses of the same text. */
    Cache cache();

    /** The longest customer text sent to a provider; longer texts are cut (the offline analyzer reads it all). */
    @WithDefault("4000")
    int maxPromptChars();

    /** Region for phone numbers written without a country code in the text (ISO 3166 code). */
    @WithDefault("PK")
    String defaultRegion();

    interface Cache {
        /** How long an analysis is reused for the same normalized text; {@code 0s} turns reuse off. */
        @WithDefault("10m")
        Duration window();

        /** The most analyses kept for reuse. */
        @WithDefault("10000")
        long maxEntries();
    }
}
