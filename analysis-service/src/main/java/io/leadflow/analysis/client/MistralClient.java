package io.leadflow.analysis.client;

import io.leadflow.analysis.config.MistralConfig;
import jakarta.inject.Singleton;

/** Mistral: {@code POST /v1/chat/completions} with a bearer key and a JSON-schema response format. */
@Singleton
public class MistralClient extends ChatCompletionsClient {

    public MistralClient(MistralConfig config) {
        super("mistral", config, present(config.apiKey()), config.baseUrl(), config.model(),
                config.apiKey().orElse(null));
    }
}
