package io.leadflow.analysis.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.leadflow.analysis.service.AnalysisPrompt;
import io.leadflow.analysis.service.MessageAnalyzer;
import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;
import io.leadflow.testinfra.TestEvents;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every provider must do, against a WireMock stand-in that answers as the provider does: a valid answer becomes
 * the analysis; 429 is retried after the Retry-After it asks for (and not at all when it asks too long); 5xx and
 * timeouts are retried, then the offline analyzer answers; an answer that is not JSON, or not valid against the
 * schema, is a failure that is not retried. Every try is an attempt on the analysis.
 */
abstract class ProviderContractTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VALID_ANALYSIS = """
            {"intent":"Buy","urgency":"High","category":"electronics","sentiment":"positive","confidence":91,\
            "language":"en","extracted":{"product":"laptops","quantity":3,"budget":"PKR 450000","location":"Lahore",\
            "preferred_contact_time":"after 6pm","phones":["+923001234567"],"emails":[]}}""";

    @Inject
    MessageAnalyzer analyzer;

    /** mistral, gemini, ollama or openai. */
    abstract String provider();

    /** The path WireMock serves the provider's endpoint on. */
    abstract String path();

    /** The provider's 200 answer carrying {@code content} as the model's text, with its token counts. */
    abstract String answer(String content);

    /** The prompt and completion tokens {@link #answer} reports. */
    abstract Analysis.TokenUsage answerTokens();

    /** Asserts the request is the provider's real API shape, carrying the prompt for {@code text}. */
    abstract void assertRequestShape(ServeEvent request, String text) throws Exception;

    WireMockServer wiremock() {
        return WireMockResource.server();
    }

    @BeforeEach
    void resetProvidersAndBreakers() {
        wiremock().resetAll();
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void validAnswer_isTheAnalysisAndTheRequestIsTheProvidersShape() throws Exception {
        stub(ok(VALID_ANALYSIS));
        String text = uniqueText("Need 3 laptops in Lahore today, budget PKR 450000. Call +923001234567 after 6pm");

        Analysis analysis = analyze(text);

        assertThat(analysis).usingRecursiveComparison().ignoringFields("latencyMs", "attempts").isEqualTo(new Analysis(
                Intent.BUY, Urgency.HIGH, "electronics", Sentiment.POSITIVE, 91, "en",
                new Analysis.ExtractedData("laptops", 3, "PKR 450000", "Lahore", "after 6pm", List.of("+923001234567"), List.of()),
                provider(), List.of(), 0, answerTokens()));
        assertThat(outcomes(analysis)).containsExactly(provider() + ":ok");
        List<ServeEvent> requests = requests();
        assertThat(requests).hasSize(1);
        assertRequestShape(requests.get(0), text);
    }

    @Test
    void rateLimited_isRetriedAfterTheWaitTheProviderAskedFor() {
        wiremock().stubFor(endpoint().inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(rateLimited().withHeader("Retry-After", "1")).willSetStateTo("allowed"));
        wiremock().stubFor(endpoint().inScenario("429").whenScenarioStateIs("allowed").willReturn(ok(VALID_ANALYSIS)));

        Analysis analysis = analyze(uniqueText("Need 3 laptops today"));

        assertThat(outcomes(analysis)).containsExactly(provider() + ":rate_limited", provider() + ":ok");
        assertThat(analysis.provider()).isEqualTo(provider());
        List<ServeEvent> requests = requests();
        assertThat(requests).hasSize(2);
        long waitedMs = requests.get(1).getRequest().getLoggedDate().getTime() - requests.get(0).getRequest().getLoggedDate().getTime();
        assertThat(waitedMs).as("ms between the 429 and the retry").isGreaterThanOrEqualTo(950);
    }

    @Test
    void rateLimitedWithALongWait_isNotRetriedAndTheOfflineAnalyzerAnswers() {
        stub(rateLimited().withHeader("Retry-After", "3600"));

        Analysis analysis = analyze(uniqueText("Need 3 laptops today"));

        assertThat(outcomes(analysis)).containsExactly(provider() + ":rate_limited", "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).contains("not retried");
        assertThat(analysis.provider()).isEqualTo("offline");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void serverError_isRetriedThenTheOfflineAnalyzerAnswers() {
        stub(serverError());

        Analysis analysis = analyze(uniqueText("I want to buy 3 units today, it is urgent"));

        assertThat(outcomes(analysis)).containsExactly(provider() + ":error", provider() + ":error", provider() + ":error",
                "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).startsWith("HTTP 500");
        assertThat(analysis.provider()).isEqualTo("offline");
        assertThat(analysis.intent()).isEqualTo(Intent.BUY);
        assertThat(requests()).hasSize(3);
    }

    @Test
    void slowAnswer_timesOutIsRetriedThenTheOfflineAnalyzerAnswers() {
        stub(ok(VALID_ANALYSIS).withFixedDelay(8000));

        Analysis analysis = analyze(uniqueText("I want to buy 3 units today"));

        assertThat(outcomes(analysis)).containsExactly(provider() + ":timeout", provider() + ":timeout",
                provider() + ":timeout", "offline:ok");
        assertThat(analysis.provider()).isEqualTo("offline");
    }

    @Test
    void answerThatIsNotJson_isAnInvalidReplyAndIsNotRetried() {
        stub(ok("Sure! The customer wants to buy laptops."));

        Analysis analysis = analyze(uniqueText("I want to buy 3 laptops"));

        assertThat(outcomes(analysis)).containsExactly(provider() + ":invalid_reply", "offline:ok");
        assertThat(analysis.attempts().get(0).detail()).isEqualTo("content is not JSON");
        assertThat(requests()).hasSize(1);
    }

    @Test
    void bodyThatIsNotJson_isAnInvalidReply() {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>gateway</html>"));

        Analysis analysis = analyze(uniqueText("I want to buy 3 laptops"));

        assertThat(outcomes(analysis)).containsExactly(provider() + ":invalid_reply", "offline:ok");
    }

    @Test
    void answerOutsideTheSchema_isAnInvalidReplyAndIsNotRetried() {
        for (String invalid : List.of(
                VALID_ANALYSIS.replace("\"Buy\"", "\"HOT\""),
                VALID_ANALYSIS.replace("91", "150"),
                VALID_ANALYSIS.replace("\"confidence\":91,", "\"confidence\":91,\"quality\":\"HOT\",\"score\":100,"),
                VALID_ANALYSIS.replace("\"urgency\":\"High\",", ""))) {
            wiremock().resetAll();
            stub(ok(invalid));

            Analysis analysis = analyze(uniqueText("I want to buy 3 laptops"));

            assertThat(outcomes(analysis)).containsExactly(provider() + ":invalid_reply", "offline:ok");
            assertThat(requests()).hasSize(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    MappingBuilder endpoint() {
        return post(urlPathEqualTo(path()));
    }

    void stub(ResponseDefinitionBuilder response) {
        wiremock().stubFor(endpoint().willReturn(response));
    }

    ResponseDefinitionBuilder ok(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(answer(content));
    }

    ResponseDefinitionBuilder rateLimited() {
        return aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"message\":\"Requests rate limit exceeded\",\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}");
    }

    ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"error\",\"message\":\"Internal server error\",\"type\":\"internal_server_error\",\"param\":null,\"code\":\"3000\"}");
    }

    Analysis analyze(String text) {
        LeadMessage message = TestEvents.message(Channel.WHATSAPP, "Ahmed", "+923001234567", null, text);
        return analyzer.analyze(message).await().atMost(Duration.ofSeconds(30));
    }

    /** Requests WireMock served, oldest first. */
    List<ServeEvent> requests() {
        return wiremock().getAllServeEvents().stream()
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .toList();
    }

    static List<String> outcomes(Analysis analysis) {
        return analysis.attempts().stream().map(attempt -> attempt.provider() + ":" + attempt.outcome()).toList();
    }

    /** Texts are unique per test so the reuse of identical texts never answers for the provider. */
    static String uniqueText(String text) {
        return text + " (ref " + UUID.randomUUID().toString().substring(0, 8) + ")";
    }

    /** The customer text carried in a user prompt: the JSON line between the fences, parsed. */
    static String customerTextIn(String userPrompt) throws Exception {
        List<String> lines = userPrompt.lines().toList();
        assertThat(lines).filteredOn(AnalysisPrompt.BEGIN::equals).hasSize(1);
        assertThat(lines).filteredOn(AnalysisPrompt.END::equals).hasSize(1);
        int begin = lines.indexOf(AnalysisPrompt.BEGIN);
        assertThat(lines.get(begin + 2)).isEqualTo(AnalysisPrompt.END);
        JsonNode data = JSON.readTree(lines.get(begin + 1));
        assertThat(data.size()).isEqualTo(1);
        return data.get(AnalysisPrompt.FIELD).asText();
    }

    static void verifyPostedTo(WireMockServer wiremock, String path) {
        wiremock.verify(postRequestedFor(urlPathEqualTo(path)));
    }
}
