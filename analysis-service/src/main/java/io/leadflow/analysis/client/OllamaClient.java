package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.analysis.config.OllamaConfig;
import io.leadflow.events.Analysis;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Ollama: {@code POST /api/chat} with {@code stream:false} and {@code format} = the analysis JSON schema. A 404 means
 * the model has not been pulled.
 */
@Singleton
public class OllamaClient extends HttpLlmClient {

    private final OllamaConfig config;
    private volatile OllamaApi api;

    public OllamaClient(OllamaConfig config) {
        super("ollama", config, present(config.baseUrl()));
        this.config = config;
    }

    @Override
    protected Uni<String> send(Prompt prompt) {
        OllamaApi.Request request = new OllamaApi.Request(config.model(),
                List.of(new ChatCompletionsApi.Message("system", prompt.system()),
                        new ChatCompletionsApi.Message("user", prompt.user())),
                false, prompt.schema(), Map.of("temperature", 0));
        return api().chat(request);
    }

    @Override
    protected LlmReply read(String body) {
        JsonNode answer = parse(body);
        Analysis.TokenUsage tokens = new Analysis.TokenUsage(answer.path("prompt_eval_count").asInt(0),
                answer.path("eval_count").asInt(0));
        if ("length".equals(answer.path("done_reason").asText())) {
            throw LlmFailure.invalidReply("the answer was cut off (done_reason length)");
        }
        JsonNode content = answer.path("message").path("content");
        if (!content.isTextual()) {
            throw LlmFailure.invalidReply("no message.content in the answer");
        }
        return new LlmReply(content.asText(), tokens);
    }

    @Override
    protected LlmFailure classify(ProviderHttpException error) {
        if (error.status() == 404) {
            return LlmFailure.modelMissing(config.model());
        }
        return super.classify(error);
    }

    @Override
    protected void prepareApi() {
        api();
    }

    private OllamaApi api() {
        if (api == null) {
            api = restClient(config.baseUrl().orElseThrow(), OllamaApi.class);
        }
        return api;
    }
}
