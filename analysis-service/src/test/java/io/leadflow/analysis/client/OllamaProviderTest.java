package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.leadflow.analysis.service.AnalysisPrompt;
import io.leadflow.events.Analysis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/** Ollama's /api/chat: stream false, format = the JSON schema; 404 when the model was not pulled. */
@QuarkusTest
@TestProfile(ProviderProfiles.OllamaOnly.class)
class OllamaProviderTest extends ProviderContractTest {

    @Override
    String provider() {
        return "ollama";
    }

    @Override
    String path() {
        return "/ollama/api/chat";
    }

    @Override
    String answer(String content) {
        ObjectNode answer = JSON.createObjectNode().put("model", "llama3.2").put("created_at", "2025-01-10T12:00:00.123456Z");
        answer.putObject("message").put("role", "assistant").put("content", content);
        return answer.put("done_reason", "stop").put("done", true).put("total_duration", 4883583458L)
                .put("load_duration", 1334875).put("prompt_eval_count", 389).put("prompt_eval_duration", 342546000)
                .put("eval_count", 91).put("eval_duration", 4535599000L).toString();
    }

    @Override
    Analysis.TokenUsage answerTokens() {
        return new Analysis.TokenUsage(389, 91);
    }

    @Override
    ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"llama runner process has terminated: exit status 2\"}");
    }

    @Override
    void assertRequestShape(ServeEvent request, String text) throws Exception {
        assertThat(request.getRequest().containsHeader("Authorization")).isFalse();
        JsonNode body = JSON.readTree(request.getRequest().getBodyAsString());
        assertThat(body.get("model").asText()).isEqualTo("llama3.2");
        assertThat(body.get("stream").asBoolean(true)).isFalse();
        assertThat(body.get("format")).isEqualTo(AnalysisPrompt.SCHEMA);
        assertThat(body.at("/options/temperature").asDouble()).isZero();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo(AnalysisPrompt.SYSTEM);
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(customerTextIn(body.at("/messages/1/content").asText())).isEqualTo(text);
    }

    @Test
    void modelNotPulled_isModelMissingNotRetriedAndTheOfflineAnalyzerAnswers() {
        stub(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"));

        Analysis analysis = analyze(uniqueText("I want to buy 3 laptops"));

        assertThat(outcomes(analysis)).containsExactly("ollama:model_missing", "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).isEqualTo("model llama3.2 is not available");
        assertThat(requests()).hasSize(1);
    }
}
