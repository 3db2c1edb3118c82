package io.leadflow.analysis.client;

import io.leadflow.analysis.config.OpenAiConfig;
import io.leadflow.analysis.config.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** Any OpenAI-compatible server (vLLM, llama.cpp, LM Studio): {@code POST /v1/chat/completions}, json_schema format. */
@ApplicationScoped
public class OpenAiClient extends ChatCompletionsClient {

    private final OpenAiConfig config;

    public OpenAiClient(OpenAiConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public boolean enabled() {
        return config.baseUrl().filter(url -> !url.isBlank()).isPresent();
    }

    @Override
    public ProviderSettings settings() {
        return config;
    }

    @Override
    protected String baseUrl() {
        return config.baseUrl().orElseThrow();
    }

    @Override
    protected String model() {
        return config.model();
    }

    @Override
    protected String apiKey() {
        return config.apiKey().filter(key -> !key.isBlank()).orElse(null);
    }
}
