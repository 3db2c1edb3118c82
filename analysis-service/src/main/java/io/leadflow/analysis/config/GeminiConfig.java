package io.leadflow.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Google's Gemini API (generateContent). Enabled when an API key is set. */
@ConfigMapping(prefix = "leadflow.gemini")
public interface GeminiConfig extends ProviderSettings {

    /** The API key (Google AI Studio); Gemini is skipped without it. */
    Optional<String> apiKey();

    /** Where the API is. */
    @WithDefault("https://generativelanguage.googleapis.com")
    String baseUrl();

    /** The model that analyses. */
    @WithDefault("gemini-2.5-flash")
    String model();
}
