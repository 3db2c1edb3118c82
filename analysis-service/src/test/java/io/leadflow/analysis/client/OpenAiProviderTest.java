package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.leadflow.events.Analysis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/** An OpenAI-compatible server (here answering as vLLM does): chat completions with a json_schema response format. */
@QuarkusTest
@TestProfile(ProviderProfiles.OpenAiOnly.class)
class OpenAiProviderTest extends ProviderContractTest {

    @Override
    String provider() {
        return "openai";
    }

    @Override
    String path() {
        return "/openai/v1/chat/completions";
    }

    @Override
    String answer(String content) {
        ObjectNode answer = JSON.createObjectNode().put("id", "chatcmpl-9b0e6c1f5a6d4e0f8f3b").put("object", "chat.completion")
                .put("created", 1736500000).put("model", "qwen2.5-7b-instruct");
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putArray("tool_calls");
        choice.putNull("logprobs").put("finish_reason", "stop").putNull("stop_reason");
        answer.putObject("usage").put("prompt_tokens", 401).put("total_tokens", 489).put("completion_tokens", 88);
        return answer.toString();
    }

    @Override
    Analysis.TokenUsage answerTokens() {
        return new Analysis.TokenUsage(401, 88);
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"message\":\"EngineCore encountered an issue.\",\"type\":\"InternalServerError\",\"param\":null,\"code\":500}");
    }

    @Override
    void assertRequestShape(ServeEvent request, String text) throws Exception {
        assertThat(request.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + WireMockResource.OPENAI_KEY);
        MistralProviderTest.assertChatCompletionsBody(JSON.readTree(request.getRequest().getBodyAsString()),
                "qwen2.5-7b-instruct", text);
    }

    @Test
    void refusal_isBlockedAndTheOfflineAnalyzerAnswers() {
        ObjectNode answer = (ObjectNode) readTree(answer(""));
        ((ObjectNode) answer.at("/choices/0/message")).putNull("content").put("refusal", "I can't help with that request.");
        stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer.toString()));

        Analysis analysis = analyze(uniqueText("I want to buy 3 laptops"));

        assertThat(outcomes(analysis)).containsExactly("openai:blocked", "offline:ok");
    }

    @Test
    void requestTheServerRejects_isNotRetried() {
        stub(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                "{\"object\":\"error\",\"message\":\"The model `gpt-4o` does not exist.\",\"type\":\"NotFoundError\",\"param\":null,\"code\":400}"));

        Analysis analysis = analyze(uniqueText("I want to buy 3 laptops"));

        assertThat(outcomes(analysis)).containsExactly("openai:error", "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).isEqualTo("HTTP 400: The model `gpt-4o` does not exist.");
        assertThat(requests()).hasSize(1);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
