package io.leadflow.ingest.rest;

import io.leadflow.events.Topics;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Ingest with a producer that takes records of at most 100 kB (below the event limit, as a misconfigured broker or
 * producer would) and waits of at most a second: refusals that no retry changes are 4xx, and odd headers are no error.
 */
@QuarkusTest
@TestProfile(TightLimitsTest.TightLimits.class)
@WithTestResource(LeadflowTestResource.class)
class TightLimitsTest {

    @Test
    void aRecordTheProducerRefusesAsTooLarge_isA413_notA503ToRetry() {
        try (TopicReader messages = TopicReader.fromNow(Topics.MESSAGES)) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("phone", "+923001230077", "message", "I want a sofa. " + "Details. ".repeat(12_000),
                            "channel", "sms"))
                    .post("/api/webhook")
                    .then().statusCode(413)
                    .contentType("application/problem+json")
                    .header("Retry-After", nullValue())
                    .body("type", equalTo("https://leadflow.io/problems/payload-too-large"));
            assertThat(messages.collectFor(WebhookEvents.QUIET)).isEmpty();
        }
        given().contentType(ContentType.JSON).body(Map.of("phone", "+923001230077", "message", "I want a sofa.", "channel", "sms"))
                .post("/api/webhook")
                .then().statusCode(202);
    }

    @Test
    void preferWaitOfTwentyDigits_isTheLongestWait_notAnError() {
        given().contentType(ContentType.JSON).header("Prefer", "respond-async, wait=99999999999999999999")
                .body(Map.of("phone", "+923001230078", "message", "hello", "channel", "sms"))
                .post("/api/webhook")
                .then().statusCode(202).body("status", equalTo("accepted"));
    }

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.lead-messages.max.request.size", "100000",
                    "leadflow.ingest.max-wait", "1s");
        }
    }
}
