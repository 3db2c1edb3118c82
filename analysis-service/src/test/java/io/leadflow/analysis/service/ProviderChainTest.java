package io.leadflow.analysis.service;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.leadflow.analysis.client.ProviderProfiles;
import io.leadflow.analysis.client.WireMockResource;
import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.testinfra.TestEvents;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole chain in its default order, every provider configured against WireMock, on the real broker. */
@QuarkusTest
@TestProfile(ProviderProfiles.AllProviders.class)
class ProviderChainTest {

    private static final String MISTRAL = "/mistral/v1/chat/completions";
    private static final String GEMINI = "/gemini/v1beta/models/gemini-2.5-flash:generateContent";
    private static final String OLLAMA = "/ollama/api/chat";
    private static final String OPENAI = "/openai/v1/chat/completions";
    private static final String VALID = "{\"intent\":\"Pricing\",\"urgency\":\"Low\",\"category\":\"furniture\","
            + "\"sentiment\":\"neutral\",\"confidence\":80,\"language\":\"en\",\"extracted\":{\"product\":\"sofa\","
            + "\"quantity\":null,\"budget\":null,\"location\":null,\"preferred_contact_time\":null,\"phones\":[],\"emails\":[]}}";

    @Inject
    MessageAnalyzer analyzer;

    @BeforeEach
    void resetProvidersAndBreakers() {
        wiremock().resetAll();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void chain_isTheConfiguredOrderEndingOffline() {
        assertThat(analyzer.chainNames()).containsExactly("mistral", "gemini", "ollama", "openai", "offline");
    }

    @Test
    void everyProviderFailing_fallsThroughToOfflineWithEveryAttemptOnTheTopic() {
        wiremock().stubFor(post(urlPathEqualTo(MISTRAL)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"message\":\"Service unavailable\",\"type\":\"service_unavailable\",\"param\":null,\"code\":\"3505\"}")));
        wiremock().stubFor(post(urlPathEqualTo(GEMINI)).willReturn(json(200,
                "{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0,\"safetyRatings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"probability\":\"HIGH\",\"blocked\":true}]}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":380,\"totalTokenCount\":380}}")));
        wiremock().stubFor(post(urlPathEqualTo(OLLAMA)).willReturn(json(404,
                "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}")));
        wiremock().stubFor(post(urlPathEqualTo(OPENAI)).willReturn(json(200,
                "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"qwen2.5-7b-instruct\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"The customer wants a sofa.\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":390,\"completion_tokens\":7,\"total_tokens\":397}}")));
        LeadMessage message = TestEvents.message(Channel.WHATSAPP, "Ahmed", "+923001234567", null,
                "I want to buy 3 units today, it is urgent (" + UUID.randomUUID() + ")");

        try (TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            TestKafka.send(Topics.MESSAGES, message.leadKey(), EventJson.write(message));
            LeadAnalyzed event = EventJson.read(analyzed.await(r -> r.value().contains(message.messageId()),
                    Duration.ofSeconds(60)).value(), LeadAnalyzed.class);

            Analysis analysis = event.analysis();
            assertThat(analysis.provider()).isEqualTo("offline");
            assertThat(analysis.attempts()).extracting(a -> a.provider() + ":" + a.outcome()).containsExactly(
                    "mistral:error", "mistral:error", "mistral:error", "gemini:blocked", "ollama:model_missing",
                    "openai:invalid_reply", "offline:ok");
            assertThat(analysis.attempts()).extracting(Analysis.ProviderAttempt::detail).containsExactly(
                    "HTTP 503", "HTTP 503", "HTTP 503", "finishReason SAFETY", "model llama3.2 is not available",
                    "content is not JSON", null);
            assertThat(analysis.latencyMs()).isGreaterThanOrEqualTo(analysis.attempts().stream()
                    .mapToLong(Analysis.ProviderAttempt::latencyMs).sum());
            assertThat(event.message()).isEqualTo(message);
        }
    }

    @Test
    void openCircuit_skipsTheProviderAtOnce() {
        wiremock().stubFor(post(urlPathEqualTo(MISTRAL)).willReturn(json(500, "{\"object\":\"error\",\"message\":\"Internal server error\"}")));
        wiremock().stubFor(post(urlPathEqualTo(GEMINI)).willReturn(json(200, geminiAnswer(VALID))));

        Analysis first = analyze("How much is the grey sofa? (" + UUID.randomUUID() + ")");
        assertThat(outcomes(first)).containsExactly("mistral:error", "mistral:error", "mistral:error", "gemini:ok");
        assertThat(CircuitBreakerMaintenance.get().currentState("mistral")).isEqualTo(CircuitBreakerState.OPEN);

        Analysis second = analyze("How much is the blue sofa? (" + UUID.randomUUID() + ")");

        assertThat(outcomes(second)).containsExactly("mistral:circuit_open", "gemini:ok");
        assertThat(second.attempts().get(0).latencyMs()).isZero();
        assertThat(second.provider()).isEqualTo("gemini");
        wiremock().verify(3, postRequestedFor(urlPathEqualTo(MISTRAL)));
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("leadflow_llm_calls_total\\{outcome=\"circuit_open\",provider=\"mistral\"} [1-9]");
    }

    @Test
    void rejectedRequests_doNotOpenTheCircuit() {
        wiremock().stubFor(post(urlPathEqualTo(MISTRAL)).willReturn(json(422,
                "{\"object\":\"error\",\"message\":\"Invalid response_format\",\"type\":\"invalid_request_error\"}")));
        wiremock().stubFor(post(urlPathEqualTo(GEMINI)).willReturn(json(200, geminiAnswer(VALID))));

        for (int i = 0; i < 4; i++) {
            assertThat(outcomes(analyze("How much is the sofa? (" + UUID.randomUUID() + ")")))
                    .containsExactly("mistral:error", "gemini:ok");
        }
        assertThat(CircuitBreakerMaintenance.get().currentState("mistral")).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void firstProviderAnswering_isTheOnlyOneCalled() {
        wiremock().stubFor(post(urlPathEqualTo(MISTRAL)).willReturn(json(200,
                "{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"model\":\"mistral-small-latest\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":" + EventJson.write(VALID) + "},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":400,\"completion_tokens\":60,\"total_tokens\":460}}")));

        Analysis analysis = analyze("How much is the sofa? (" + UUID.randomUUID() + ")");

        assertThat(outcomes(analysis)).containsExactly("mistral:ok");
        assertThat(analysis.tokens()).isEqualTo(new Analysis.TokenUsage(400, 60));
        assertThat(wiremock().getAllServeEvents()).hasSize(1);
    }

    private Analysis analyze(String text) {
        return analyzer.analyze(TestEvents.message(Channel.WEBSITE, "Sara", null, "sara@example.com", text))
                .await().atMost(Duration.ofSeconds(30));
    }

    private static List<String> outcomes(Analysis analysis) {
        return analysis.attempts().stream().map(a -> a.provider() + ":" + a.outcome()).toList();
    }

    private static String geminiAnswer(String content) {
        return "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":" + EventJson.write(content) + "}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":380,"
                + "\"candidatesTokenCount\":70,\"totalTokenCount\":450},\"modelVersion\":\"gemini-2.5-flash\"}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static WireMockServer wiremock() {
        return WireMockResource.server();
    }
}
