package io.leadflow.analysis.client;

import io.leadflow.analysis.config.MistralConfig;
import io.leadflow.analysis.config.ProviderSettings;
import jakarta.enterprise.context.ApplicationScoped;

/** Mistral: {@code POST /v1/chat/completions} with a bearer key and a JSON-schema response format. */
@ApplicationScoped
public class MistralClient extends ChatCompletionsClient {

    private final MistralConfig config;

    public MistralClient(MistralConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "mistral";
    }

    @Override
    public boolean enabled() {
        return config.apiKey().filter(key -> !key.isBlank()).isPresent();
    }

    @Override
    public ProviderSettings settings() {
        return config;
    }

    @Override
    protected String baseUrl() {
        return config.baseUrl();
    }

    @Override
    protected String model() {
        return config.model();
    }

    @Override
    protected String apiKey() {
        return config.apiKey().orElse(null);
    }
}
