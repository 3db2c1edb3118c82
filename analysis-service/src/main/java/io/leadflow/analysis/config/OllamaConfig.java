package io.leadflow.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** A local Ollama server (/api/chat). Enabled when its URL is set. */
@ConfigMapping(prefix = "leadflow.ollama")
public interface OllamaConfig extends ProviderSettings {

    /** Where Ollama listens, e.g. {@code http://localhost:11434}; Ollama is skipped without it. */
    Optional<String> baseUrl();

    /** The model that analyses; it must have been pulled ({@code ollama pull llama3.2}). */
    @WithDefault("llama3.2")
    String model();
}
