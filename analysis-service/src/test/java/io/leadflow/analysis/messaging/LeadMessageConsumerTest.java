package io.leadflow.analysis.messaging;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestEvents;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(LeadflowTestResource.class)
class LeadMessageConsumerTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private static final String TOO_LARGE = "leadflow_dlq_records_total{reason=\"too_large\",topic=\"lead.messages.v1.dlq\"}";

    @Test
    void message_isPublishedWithItsAnalysisKeyedByLeadKey() {
        LeadMessage message = TestEvents.message(Channel.WHATSAPP, "Ahmed", "+923001234567", null,
                "I want to buy 3 units today, it is urgent");
        try (TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            TestKafka.send(Topics.MESSAGES, message.leadKey(), EventJson.write(message));

            ConsumerRecord<String, String> record = analyzed.await(r -> r.value().contains(message.messageId()), KAFKA_WAIT);
            LeadAnalyzed event = EventJson.read(record.value(), LeadAnalyzed.class);
            assertThat(record.key()).isEqualTo(message.leadKey());
            assertThat(event.message()).isEqualTo(message);
            assertThat(event.analysis().intent()).isEqualTo(Intent.BUY);
            assertThat(event.analysis().urgency()).isEqualTo(Urgency.HIGH);
            assertThat(event.analysis().provider()).isEqualTo("offline");
            assertThat(event.analysis().attempts()).singleElement()
                    .satisfies(attempt -> assertThat(attempt.outcome()).isEqualTo("ok"));
        }
    }

    @Test
    void unreadableRecord_goesToTheDeadLetterTopicAndTheNextIsStillAnalysed() {
        LeadMessage next = TestEvents.message(Channel.EMAIL, "Sara", null, "sara@example.com", "What is the price?");
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.MESSAGES));
             TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            TestKafka.send(Topics.MESSAGES, "poison-key", "{not json");
            TestKafka.send(Topics.MESSAGES, "poison-key", "{\"text\":\"no ids\"}");
            TestKafka.send(Topics.MESSAGES, next.leadKey(), EventJson.write(next));

            ConsumerRecord<String, String> notJson = deadLetters.await(r -> r.value().equals("{not json"), KAFKA_WAIT);
            assertThat(header(notJson, Topics.DLQ_REASON_HEADER)).startsWith("not a valid LeadMessage");
            assertThat(header(notJson, Topics.DLQ_SOURCE_HEADER)).isEqualTo(Topics.MESSAGES);
            ConsumerRecord<String, String> noIds = deadLetters.await(r -> r.value().contains("no ids"), KAFKA_WAIT);
            assertThat(header(noIds, Topics.DLQ_REASON_HEADER)).isEqualTo("messageId, leadKey and channel are required");
            assertThat(analyzed.await(r -> r.value().contains(next.messageId()), KAFKA_WAIT).key()).isEqualTo("sara@example.com");
        }
    }

    @Test
    void messagesOfManyLeads_areAllAnalysedAndEachLeadsStayInOrder() {
        List<LeadMessage> sent = new ArrayList<>();
        try (TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            for (int i = 0; i < 4; i++) {
                for (int lead = 0; lead < 5; lead++) {
                    LeadMessage message = TestEvents.message(Channel.WHATSAPP, "Lead " + lead, "+9230012300" + (10 + lead), null,
                            "Message " + i + " of lead " + lead + ": price of the blue sofa?");
                    sent.add(message);
                    TestKafka.send(Topics.MESSAGES, message.leadKey(), EventJson.write(message));
                }
            }
            Set<String> ids = sent.stream().map(LeadMessage::messageId).collect(Collectors.toSet());
            List<LeadAnalyzed> received = analyzed.awaitAll(r -> ids.stream().anyMatch(r.value()::contains), sent.size(), KAFKA_WAIT)
                    .stream().map(r -> EventJson.read(r.value(), LeadAnalyzed.class)).toList();

            assertThat(received).extracting(event -> event.message().messageId()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(received).allSatisfy(event -> assertThat(event.analysis().intent()).isEqualTo(Intent.PRICING));
            Map<String, List<String>> sentPerLead = sent.stream().collect(Collectors.groupingBy(LeadMessage::leadKey,
                    Collectors.mapping(LeadMessage::messageId, Collectors.toList())));
            Map<String, List<String>> receivedPerLead = received.stream().collect(Collectors.groupingBy(
                    event -> event.message().leadKey(), Collectors.mapping(event -> event.message().messageId(), Collectors.toList())));
            assertThat(receivedPerLead).isEqualTo(sentPerLead);
        }
    }

    @Test
    void aMessageWhoseAnalysisWouldNotFitARecord_isDeadLettered_andTheRestOfTheBatchIsAnalysed() {
        String key = "+923001234591";
        LeadMessage large = TestEvents.message(Channel.WEBSITE, "Large", key, null, "Price of the sofa?");
        LeadMessage next = TestEvents.message(Channel.WEBSITE, "Next", key, null, "I want to buy 2 sofas today");
        // Small enough to be dead-lettered as it is (its reason header added), too large with its analysis.
        String largeJson = TestEvents.paddedTo(large, Topics.MAX_RECORD_BYTES - 400);
        double before = metric(TOO_LARGE);
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.MESSAGES));
             TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            TestKafka.sendTogether(Topics.MESSAGES, key, List.of(largeJson, EventJson.write(next)));

            ConsumerRecord<String, String> dead = deadLetters.await(r -> r.value().contains(large.messageId()), KAFKA_WAIT);
            assertThat(dead.value()).isEqualTo(largeJson);
            assertThat(header(dead, Topics.DLQ_REASON_HEADER)).isEqualTo(
                    "RecordTooLargeException: larger than the producer's max.request.size or the topic's max.message.bytes");
            assertThat(EventJson.read(analyzed.await(r -> r.value().contains(next.messageId()), KAFKA_WAIT).value(),
                    LeadAnalyzed.class).message()).isEqualTo(next);
            assertThat(metric(TOO_LARGE) - before).isEqualTo(1);
        }
    }

    @Test
    void theBengaliBudgetOfTheWebsiteForm_isAnalysed_andSoIsTheMessageAfterIt() {
        LeadMessage bengali = TestEvents.message(Channel.WEBSITE, "Rahim", "+923001234590", null, "budget rs \u09E7,\u09E6\u09E6\u09E6");
        LeadMessage next = TestEvents.message(Channel.WEBSITE, "Rahim", "+923001234590", null, "Price of the blue sofa?");
        try (TopicReader analyzed = TopicReader.fromNow(Topics.ANALYZED)) {
            TestKafka.sendTogether(Topics.MESSAGES, bengali.leadKey(), List.of(EventJson.write(bengali), EventJson.write(next)));

            LeadAnalyzed first = EventJson.read(analyzed.await(r -> r.value().contains(bengali.messageId()), KAFKA_WAIT).value(),
                    LeadAnalyzed.class);
            assertThat(first.analysis().extracted().budget()).isEqualTo("PKR 1000");
            assertThat(analyzed.await(r -> r.value().contains(next.messageId()), KAFKA_WAIT).key()).isEqualTo(next.leadKey());
        }
    }

    @Test
    void everyTopic_acceptsRecordsOfTheLargestSizeAProducerSends() throws Exception {
        try (Admin admin = TestKafka.admin()) {
            List<ConfigResource> topics = Topics.ALL.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<String, String> maxMessageBytes = admin.describeConfigs(topics).all().get(30, TimeUnit.SECONDS).entrySet()
                    .stream().collect(Collectors.toMap(entry -> entry.getKey().name(),
                            entry -> entry.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()));

            assertThat(maxMessageBytes).hasSize(Topics.ALL.size())
                    .allSatisfy((topic, bytes) -> assertThat(bytes).as(topic).isEqualTo(String.valueOf(Topics.MAX_MESSAGE_BYTES)));
        }
    }

    @Test
    void health_isReadyWithTheBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static double metric(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
