package io.leadflow.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Any server that speaks OpenAI's chat completions (vLLM, llama.cpp, LM Studio). Enabled when its URL is set. */
@ConfigMapping(prefix = "leadflow.openai")
public interface OpenAiConfig extends ProviderSettings {

    /** The server, without {@code /v1}, e.g. {@code http://localhost:8000}; skipped without it. */
    Optional<String> baseUrl();

    /** Sent as a bearer token when set (most local servers need none). */
    Optional<String> apiKey();

    /** The model name the server serves (vLLM needs the exact name; llama.cpp and LM Studio take any). */
    @WithDefault("local-model")
    String model();
}
