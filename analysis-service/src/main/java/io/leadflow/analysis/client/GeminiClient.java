package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadflow.analysis.config.GeminiConfig;
import io.leadflow.events.Analysis;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gemini: {@code POST /v1beta/models/{model}:generateContent} with {@code x-goog-api-key}, JSON output constrained
 * by {@code responseMimeType} and {@code responseSchema}. A safety block comes as HTTP 200 ({@code finishReason:
 * SAFETY}, or {@code promptFeedback.blockReason} and no candidate): that is a failure too. A 429 says how long to wait
 * in its {@code google.rpc.RetryInfo} detail.
 */
@Singleton
public class GeminiClient extends HttpLlmClient {

    private static final int MAX_OUTPUT_TOKENS = 600;
    /** Finish reasons that mean the model refused or was stopped for its content. */
    private static final Set<String> BLOCKED = Set.of("SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII",
            "RECITATION", "IMAGE_SAFETY");

    private final GeminiConfig config;
    private volatile GeminiApi api;

    public GeminiClient(GeminiConfig config) {
        super("gemini", config, present(config.apiKey()));
        this.config = config;
    }

    @Override
    protected Uni<String> send(Prompt prompt) {
        GeminiApi.Request request = new GeminiApi.Request(
                new GeminiApi.Content(null, List.of(new GeminiApi.Part(prompt.system()))),
                List.of(new GeminiApi.Content("user", List.of(new GeminiApi.Part(prompt.user())))),
                new GeminiApi.GenerationConfig(0.0, MAX_OUTPUT_TOKENS, "application/json",
                        geminiSchema(prompt.schema())));
        return api().generateContent(config.model(), config.apiKey().orElseThrow(), request);
    }

    @Override
    protected LlmReply read(String body) {
        JsonNode answer = parse(body);
        JsonNode usage = answer.path("usageMetadata");
        Analysis.TokenUsage tokens = new Analysis.TokenUsage(usage.path("promptTokenCount").asInt(0),
                usage.path("candidatesTokenCount").asInt(0));
        String blockReason = answer.path("promptFeedback").path("blockReason").asText("");
        if (!blockReason.isEmpty()) {
            throw LlmFailure.blocked("prompt blocked: " + blockReason);
        }
        JsonNode candidate = answer.path("candidates").path(0);
        String finishReason = candidate.path("finishReason").asText("");
        if (BLOCKED.contains(finishReason)) {
            throw LlmFailure.blocked("finishReason " + finishReason);
        }
        if ("MAX_TOKENS".equals(finishReason)) {
            throw LlmFailure.invalidReply("the answer was cut off (finishReason MAX_TOKENS)");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText());
            }
        }
        if (text.isEmpty()) {
            throw LlmFailure.invalidReply("no candidates[0].content.parts text in the answer");
        }
        return new LlmReply(text.toString(), tokens);
    }

    @Override
    protected LlmFailure classify(ProviderHttpException error) {
        if (error.retryAfter() == null && (error.status() == 429 || error.status() >= 500)) {
            Duration retryDelay = retryInfo(error.body());
            if (retryDelay != null) {
                return error.status() == 429 ? LlmFailure.rateLimited(retryDelay)
                        : LlmFailure.serverError(error.status(), retryDelay);
            }
        }
        return super.classify(error);
    }

    /** The {@code retryDelay} ("34s", "3.700s") of a {@code google.rpc.RetryInfo} error detail, or null. */
    static Duration retryInfo(String body) {
        try {
            for (JsonNode detail : JSON.readTree(body == null ? "" : body).path("error").path("details")) {
                if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                    String delay = detail.path("retryDelay").asText("");
                    if (delay.endsWith("s")) {
                        double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                        return Duration.ofMillis(Math.round(Math.max(0, seconds) * 1000));
                    }
                }
            }
        } catch (Exception unreadable) {
            return null;
        }
        return null;
    }

    /**
     * Gemini's {@code responseSchema} is an OpenAPI 3.0 subset: upper-case types, {@code nullable} instead of a
     * {@code "null"} type, no {@code additionalProperties}. Converts the analysis JSON schema to it.
     */
    static JsonNode geminiSchema(JsonNode jsonSchema) {
        ObjectNode out = JSON.createObjectNode();
        JsonNode type = jsonSchema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    out.put("nullable", true);
                } else {
                    out.put("type", t.asText().toUpperCase(Locale.ROOT));
                }
            }
        } else if (type.isTextual()) {
            out.put("type", type.asText().toUpperCase(Locale.ROOT));
        }
        for (String key : List.of("description", "enum", "required", "minimum", "maximum", "maxLength", "maxItems")) {
            if (jsonSchema.has(key)) {
                out.set(key, jsonSchema.get(key).deepCopy());
            }
        }
        if (jsonSchema.has("properties")) {
            ObjectNode properties = out.putObject("properties");
            ArrayNode ordering = out.putArray("propertyOrdering");
            Iterator<Map.Entry<String, JsonNode>> fields = jsonSchema.get("properties").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                properties.set(field.getKey(), geminiSchema(field.getValue()));
                ordering.add(field.getKey());
            }
        }
        if (jsonSchema.has("items")) {
            out.set("items", geminiSchema(jsonSchema.get("items")));
        }
        return out;
    }

    @Override
    protected void prepareApi() {
        api();
    }

    private GeminiApi api() {
        if (api == null) {
            api = restClient(config.baseUrl(), GeminiApi.class);
        }
        return api;
    }
}
