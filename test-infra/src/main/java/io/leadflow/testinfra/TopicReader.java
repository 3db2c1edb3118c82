package io.leadflow.testinfra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic of the test broker from the moment it is opened: create it before the action whose records
 * a test expects, then wait for them. Records are kept, so a test can also assert what did not arrive.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicReader(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, so records produced after this point are the ones read.
        partitions.forEach(consumer::position);
    }

    /** Starts reading a topic at its current end. */
    public static TopicReader fromNow(String topic) {
        return new TopicReader(topic);
    }

    /** Waits for the first record that matches, failing after {@code timeout}. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return awaitAll(match, 1, timeout).get(0);
    }

    /** Waits until {@code count} records match, failing after {@code timeout}; answers the first {@code count}. */
    public List<ConsumerRecord<String, String>> awaitAll(Predicate<ConsumerRecord<String, String>> match, int count,
                                                         Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> matching = seen.stream().filter(match).limit(count).toList();
            if (matching.size() == count) {
                return matching;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(matching.size() + " of " + count + " matching record(s) within " + timeout
                        + "; saw " + seen.size() + " record(s)");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    /** Every record that arrived within {@code window}, matching or not. */
    public List<ConsumerRecord<String, String>> collectFor(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
