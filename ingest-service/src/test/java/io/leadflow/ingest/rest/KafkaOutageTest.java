package io.leadflow.ingest.rest;

import io.leadflow.events.Topics;
import io.leadflow.testinfra.KafkaBrokerProcess;
import io.leadflow.testinfra.webhooks.WebhookFixtures;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The broker goes away under a running ingest-service and comes back: webhooks get 503 with Retry-After within
 * seconds meanwhile, and what was acknowledged before, and the platform's retry after, are all in the topic.
 */
@QuarkusTest
@WithTestResource(KafkaOutageTest.OwnBroker.class)
class KafkaOutageTest {

    private static final String TEXT_ID = "wamid.HBgMOTIzMDAxMTEyMjMzFQIAEhggQTRBNjU5OUFFRTAzODEwMTQ0RkQzMjBBNzYwNzU0RTEA";

    @Broker
    KafkaBrokerProcess broker;

    @Test
    void brokerDown_webhooksGet503WithRetryAfterQuickly_andNothingIsLostOnceItIsBack() {
        String before = TEXT_ID + "-before";
        String during = TEXT_ID + "-during";
        post(before).then().statusCode(200).body("status", equalTo("accepted"));

        broker.stop();
        long started = System.nanoTime();
        post(during).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://leadflow.io/problems/unavailable"));
        // SPEC §4: "503 with Retry-After within a few seconds" (the publish timeout is 6 s).
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        broker.startAgain();
        // The platform retries the same notification until it is acknowledged.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(during).statusCode() == 200);

        List<String> stored = messageIds(List.of(before, during));
        assertThat(stored).contains(before, during);
        assertThat(stored).filteredOn(before::equals).hasSize(1);
    }

    private static io.restassured.response.Response post(String messageId) {
        return given().contentType(ContentType.JSON)
                .body(WebhookFixtures.replacing("whatsapp/text.json", Map.of(TEXT_ID, messageId)))
                .post("/api/webhook/whatsapp");
    }

    /** The message ids of every record on lead.messages.v1, once all of {@code expected} are there. */
    private List<String> messageIds(List<String> expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGES, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> ids = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    expected.stream().filter(id -> record.value().contains("\"messageId\":\"" + id + "\"")).forEach(ids::add);
                }
                return ids.containsAll(expected);
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> expected.stream()
                    .filter(id -> record.value().contains("\"messageId\":\"" + id + "\"")).forEach(ids::add));
            return ids;
        }
    }

    /** Marks the field that gets this test's own broker. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    @interface Broker {
    }

    /** A broker of this test's own, which it can stop and start: the JVM's shared test broker stays up. */
    public static class OwnBroker implements QuarkusTestResourceLifecycleManager {

        private KafkaBrokerProcess broker;

        @Override
        public Map<String, String> start() {
            broker = KafkaBrokerProcess.start();
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                    "quarkus.log.category.\"org.apache.kafka\".level", "ERROR");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(broker, new TestInjector.AnnotatedAndMatchesType(Broker.class, KafkaBrokerProcess.class));
        }

        @Override
        public void stop() {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
