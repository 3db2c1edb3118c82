package io.leadflow.testinfra;

import io.leadflow.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One real Kafka broker (KRaft, broker and controller combined) per test JVM, on a free port; or the broker
 * named by {@code KAFKA_BOOTSTRAP_SERVERS}, in which case nothing is started.
 */
public final class TestKafka {

    private static final Logger LOG = Logger.getLogger(TestKafka.class.getName());

    /** The broker logs through the test JVM's logging: only its warnings are worth reading. Held, so they stay set. */
    private static final List<Logger> QUIET_LOGGERS = java.util.stream.Stream.of("kafka", "org.apache.kafka", "state.change.logger")
            .map(Logger::getLogger).toList();

    private static KafkaClusterTestKit cluster;
    private static String bootstrapServers;
    private static String expectedClusterId;

    private TestKafka() {
    }

    /** The bootstrap servers of the test broker, started on first use with every Leadflow topic created. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                bootstrapServers = external.strip();
                LOG.info("Using the Kafka broker named by KAFKA_BOOTSTRAP_SERVERS: " + bootstrapServers);
            } else {
                bootstrapServers = start();
            }
            createTopics(Topics.ALL);
        }
        return bootstrapServers;
    }

    /** Creates topics as {@link Topics#definition} says; topics that exist are left alone. */
    public static void createTopics(Collection<String> topics) {
        try (Admin admin = admin()) {
            verifyClusterIsOurs(admin);
            List<NewTopic> newTopics = topics.stream().map(Topics::definition).toList();
            try {
                admin.createTopics(newTopics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + topics + " on " + bootstrapServers, e);
        }
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /**
     * Sends the records in one produce request to one partition (all have the key), so a consumer reads them in one
     * batch; each may be as large as a topic accepts ({@link Topics#MAX_MESSAGE_BYTES}).
     */
    public static void sendTogether(String topic, String key, List<String> values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1000,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES), new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = values.stream()
                    .<Future<?>>map(value -> producer.send(new ProducerRecord<>(topic, key, value))).toList();
            producer.flush();
            for (Future<?> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /** An admin client on the test broker; close it. */
    public static Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private static void verifyClusterIsOurs(Admin admin) throws Exception {
        String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        if (expectedClusterId != null && !expectedClusterId.equals(clusterId)) {
            throw new IllegalStateException("The broker at " + bootstrapServers + " is cluster " + clusterId
                    + ", not the test broker " + expectedClusterId + " this JVM started");
        }
    }

    private static String start() {
        QUIET_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        try {
            Path baseDirectory = TempDirectories.create("kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "12")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", String.valueOf(Topics.PARTITIONS))
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            expectedClusterId = nodes.clusterId();
            Runtime.getRuntime().addShutdownHook(new Thread(TestKafka::stop, "test-kafka-stop"));
            LOG.info("Started the test Kafka broker at " + kit.bootstrapServers() + " (cluster " + expectedClusterId + ")");
            return kit.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.warning("Stopping the test Kafka broker failed: " + e);
            }
            cluster = null;
        }
    }
}
