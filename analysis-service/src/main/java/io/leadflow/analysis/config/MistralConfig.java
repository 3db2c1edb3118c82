package io.leadflow.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Mistral's chat completions API. Enabled when an API key is set. */
@ConfigMapping(prefix = "leadflow.mistral")
public interface MistralConfig extends ProviderSettings {

    /** The API key (La Plateforme); Mistral is skipped without it. */
    Optional<String> apiKey();

    /** Where the API is. */
    @WithDefault("https://api.mistral.ai")
    String baseUrl();

    /** The model that analyses. */
    @WithDefault("mistral-small-latest")
    String model();
}
