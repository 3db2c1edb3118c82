package io.leadflow.analysis.client;

import io.leadflow.analysis.config.OpenAiConfig;
import jakarta.inject.Singleton;

/** Any OpenAI-compatible server (vLLM, llama.cpp, LM Studio): {@code POST /v1/chat/completions}, json_schema format. */
@Singleton
public class OpenAiClient extends ChatCompletionsClient {

    public OpenAiClient(OpenAiConfig config) {
        super("openai", config, present(config.baseUrl()), config.baseUrl().orElse(null), config.model(),
                config.apiKey().filter(key -> !key.isBlank()).orElse(null));
    }
}
