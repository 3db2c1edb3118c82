package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadflow.analysis.config.ProviderSettings;
import io.leadflow.events.Analysis;
import io.smallrye.mutiny.Uni;

import java.util.List;

/** A provider that speaks chat completions with a JSON-schema response format (Mistral, OpenAI-compatible). */
public abstract class ChatCompletionsClient extends HttpLlmClient {

    static final String SCHEMA_NAME = "lead_analysis";
    private static final int MAX_OUTPUT_TOKENS = 600;

    private final String baseUrl;
    private final String model;
    private final String apiKey;
    private volatile ChatCompletionsApi api;

    /**
     * @param baseUrl the server's root URL (without /v1)
     * @param apiKey  the bearer token, or null when the server needs none
     */
    protected ChatCompletionsClient(String name, ProviderSettings settings, boolean enabled, String baseUrl, String model,
                                    String apiKey) {
        super(name, settings, enabled);
        this.baseUrl = baseUrl;
        this.model = model;
        this.apiKey = apiKey;
    }

    @Override
    protected Uni<String> send(Prompt prompt) {
        ChatCompletionsApi.Request request = new ChatCompletionsApi.Request(model,
                List.of(new ChatCompletionsApi.Message("system", prompt.system()),
                        new ChatCompletionsApi.Message("user", prompt.user())),
                0.0, MAX_OUTPUT_TOKENS,
                new ChatCompletionsApi.ResponseFormat("json_schema",
                        new ChatCompletionsApi.JsonSchema(SCHEMA_NAME, prompt.schema(), true)));
        return api().complete(apiKey == null ? null : "Bearer " + apiKey, request);
    }

    @Override
    protected LlmReply read(String body) {
        JsonNode answer = parse(body);
        JsonNode usage = answer.path("usage");
        Analysis.TokenUsage tokens = new Analysis.TokenUsage(usage.path("prompt_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0));
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (message.path("refusal").isTextual() && !message.path("refusal").asText().isBlank()) {
            throw LlmFailure.blocked("the model refused: " + shorten(message.path("refusal").asText()));
        }
        if ("content_filter".equals(choice.path("finish_reason").asText())) {
            throw LlmFailure.blocked("finish_reason content_filter");
        }
        if ("length".equals(choice.path("finish_reason").asText())) {
            throw LlmFailure.invalidReply("the answer was cut off (finish_reason length)");
        }
        JsonNode content = message.path("content");
        if (!content.isTextual()) {
            throw LlmFailure.invalidReply("no choices[0].message.content in the answer");
        }
        return new LlmReply(content.asText(), tokens);
    }

    @Override
    protected void prepareApi() {
        api();
    }

    private ChatCompletionsApi api() {
        if (api == null) {
            api = restClient(baseUrl, ChatCompletionsApi.class);
        }
        return api;
    }
}
