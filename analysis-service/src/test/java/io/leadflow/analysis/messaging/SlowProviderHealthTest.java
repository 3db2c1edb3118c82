package io.leadflow.analysis.messaging;

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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A provider that answers, but slowly: twelve messages one call at a time would take 24 s. Each message's LLM time
 * (3 s) bounds the batch: what the provider has not answered by then the offline analyzer answers, and the service
 * stays alive.
 */
@QuarkusTest
@TestProfile(ProviderProfiles.SlowMistral.class)
class SlowProviderHealthTest {

    private static final String VALID = "{\"intent\":\"Pricing\",\"urgency\":\"Low\",\"category\":\"furniture\","
            + "\"sentiment\":\"neutral\",\"confidence\":80,\"language\":\"en\",\"extracted\":{\"product\":\"sofa\","
            + "\"quantity\":null,\"budget\":null,\"location\":null,\"preferred_contact_time\":null,\"phones\":[],\"emails\":[]}}";

    @Test
    void aBatchOfMessagesForASlowProvider_isAnalysedWithinTheirDeadline_andTheServiceStaysAlive() {
        WireMockServer wiremock = WireMockResource.server();
        wiremock.stubFor(post(urlPathEqualTo("/mistral/v1/chat/completions")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(2000).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"cmpl-1\",\"object\":\"chat.completion\",\"model\":\"mistral-small-latest\",\"choices\":"
                        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + EventJson.write(VALID)
                        + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":400,\"completion_tokens\":60,"
                        + "\"total_tokens\":460}}")));
        List<LeadMessage> messages = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            messages.add(TestEvents.message(Channel.WHATSAPP, "Slow", "+923001239900", null,
                    "How much is sofa " + i + "? (" + UUID.randomUUID() + ")"));
        }
        Set<String> ids = messages.stream().map(LeadMessage::messageId).collect(Collectors.toSet());
        try (TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            TestKafka.sendTogether(Topics.MESSAGES, "+923001239900", messages.stream().map(EventJson::write).toList());

            List<Analysis> analyses = analyzed.awaitAll(r -> ids.stream().anyMatch(r.value()::contains), 12, Duration.ofSeconds(60))
                    .stream().map(r -> EventJson.read(r.value(), LeadAnalyzed.class).analysis()).toList();

            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            assertThat(analyses).hasSize(12);
            assertThat(analyses).filteredOn(analysis -> analysis.attempts().get(0).outcome().equals("out_of_time"))
                    .allSatisfy(analysis -> assertThat(analysis.provider()).isEqualTo("offline"));
        }
    }
}
