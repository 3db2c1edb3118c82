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

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/** Gemini's generateContent: x-goog-api-key, responseMimeType + responseSchema, safety blocks, RetryInfo. */
@QuarkusTest
@TestProfile(ProviderProfiles.GeminiOnly.class)
class GeminiProviderTest extends ProviderContractTest {

    @Override
    String provider() {
        return "gemini";
    }

    @Override
    String path() {
        return "/gemini/v1beta/models/gemini-2.5-flash:generateContent";
    }

    @Override
    String answer(String content) {
        ObjectNode candidate = JSON.createObjectNode();
        candidate.putObject("content").put("role", "model").putArray("parts").addObject().put("text", content);
        candidate.put("finishReason", "STOP").put("index", 0);
        ObjectNode answer = JSON.createObjectNode();
        answer.putArray("candidates").add(candidate);
        answer.putObject("usageMetadata").put("promptTokenCount", 398).put("candidatesTokenCount", 92)
                .put("totalTokenCount", 490);
        answer.put("modelVersion", "gemini-2.5-flash").put("responseId", "mvtaZ8u9Gt2Vz7IP5t2ZkQ0");
        return answer.toString();
    }

    @Override
    Analysis.TokenUsage answerTokens() {
        return new Analysis.TokenUsage(398, 92);
    }

    @Override
    ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(quotaExceeded("1s"));
    }

    @Override
    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json").withBody("""
                {"error":{"code":500,"message":"An internal error has occurred. Please retry or report in \
                https://developers.generativeai.google/guide/troubleshooting","status":"INTERNAL"}}""");
    }

    @Override
    void assertRequestShape(ServeEvent request, String text) throws Exception {
        assertThat(request.getRequest().getHeader("x-goog-api-key")).isEqualTo(WireMockResource.GEMINI_KEY);
        assertThat(request.getRequest().containsHeader("Authorization")).isFalse();
        JsonNode body = JSON.readTree(request.getRequest().getBodyAsString());
        assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo(AnalysisPrompt.SYSTEM);
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(customerTextIn(body.at("/contents/0/parts/0/text").asText())).isEqualTo(text);
        assertThat(body.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        assertThat(body.at("/generationConfig/temperature").asDouble()).isZero();
        JsonNode schema = body.at("/generationConfig/responseSchema");
        assertThat(schema.get("type").asText()).isEqualTo("OBJECT");
        assertThat(schema.at("/properties/intent/enum")).extracting(JsonNode::asText)
                .containsExactly("Buy", "Pricing", "Question", "Support", "Complaint", "Spam", "Other");
        assertThat(schema.at("/properties/extracted/properties/product/type").asText()).isEqualTo("STRING");
        assertThat(schema.at("/properties/extracted/properties/product/nullable").asBoolean()).isTrue();
        assertThat(schema.at("/properties/extracted/properties/phones/items/type").asText()).isEqualTo("STRING");
        assertThat(schema.toString()).doesNotContain("additionalProperties");
    }

    @Test
    void safetyBlockOfTheAnswer_isAFailureAndTheOfflineAnalyzerAnswers() {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[
                {"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},
                {"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"},
                {"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true},
                {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"NEGLIGIBLE"}]}],
                "usageMetadata":{"promptTokenCount":398,"totalTokenCount":398},"modelVersion":"gemini-2.5-flash"}"""));

        Analysis analysis = analyze(uniqueText("You are all useless, I want my money back"));

        assertThat(outcomes(analysis)).containsExactly("gemini:blocked", "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).isEqualTo("finishReason SAFETY");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void blockedPrompt_isAFailureAndTheOfflineAnalyzerAnswers() {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[
                {"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true}]},
                "usageMetadata":{"promptTokenCount":41,"totalTokenCount":41},"modelVersion":"gemini-2.5-flash"}"""));

        Analysis analysis = analyze(uniqueText("You are all useless"));

        assertThat(outcomes(analysis)).containsExactly("gemini:blocked", "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).isEqualTo("prompt blocked: SAFETY");
    }

    @Test
    void quotaExceededWithRetryInfo_isRetriedAfterTheRetryDelay() {
        wiremock().stubFor(endpoint().inScenario("quota").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(quotaExceeded("1.2s")))
                .willSetStateTo("allowed"));
        wiremock().stubFor(endpoint().inScenario("quota").whenScenarioStateIs("allowed").willReturn(ok(VALID_ANALYSIS)));

        Analysis analysis = analyze(uniqueText("Need 3 laptops today"));

        assertThat(outcomes(analysis)).containsExactly("gemini:rate_limited", "gemini:ok");
        assertThat(analysis.attempts().get(0).detail()).isEqualTo("HTTP 429, retry after 1200 ms");
        List<ServeEvent> requests = requests();
        long waitedMs = requests.get(1).getRequest().getLoggedDate().getTime() - requests.get(0).getRequest().getLoggedDate().getTime();
        assertThat(waitedMs).isGreaterThanOrEqualTo(1150);
    }

    private static String quotaExceeded(String retryDelay) {
        return """
                {"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details.",\
                "status":"RESOURCE_EXHAUSTED","details":[\
                {"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":\
                "generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":\
                "GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaDimensions":{"location":"global",\
                "model":"gemini-2.5-flash"},"quotaValue":"10"}]},\
                {"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas",\
                "url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},\
                {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"%s"}]}}""".formatted(retryDelay);
    }
}
