package io.leadflow.scoring.messaging;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Quality;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestEvents;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TestPostgres;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class LeadAnalyzedConsumerTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    @Test
    void analysedMessage_isStoredAsAScoredLeadAndPublished() throws SQLException {
        LeadMessage message = TestEvents.message(Channel.WHATSAPP, "Ahmed", "+923001112233", null,
                "I want to buy 3 units today, it is urgent");
        LeadAnalyzed event = TestEvents.analyzed(message, TestEvents.analysis(Intent.BUY, Urgency.HIGH, 92));
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            TestKafka.send(Topics.ANALYZED, message.leadKey(), EventJson.write(event));

            ConsumerRecord<String, String> record = scored.await(r -> r.value().contains(message.messageId()), KAFKA_WAIT);
            LeadScored lead = EventJson.read(record.value(), LeadScored.class);
            assertThat(record.key()).isEqualTo(message.leadKey());
            assertThat(lead.lead().userName()).isEqualTo("Ahmed");
            assertThat(lead.lead().userPhone()).isEqualTo("+923001112233");
            assertThat(lead.lead().quality()).isEqualTo(Quality.HOT);
            assertThat(lead.lead().message()).isEqualTo(message.text());
            assertThat(lead.lead().messageCount()).isEqualTo(1);
            assertThat(lead.scoreBreakdown().score()).isEqualTo(lead.lead().score());

            try (Connection db = TestPostgres.connect();
                 PreparedStatement query = db.prepareStatement("SELECT l.score, l.quality, a.provider, a.confidence, m.processed_msg "
                         + "FROM leads l JOIN message m ON m.lead_id = l.id JOIN lead_analysis a ON a.message_id = m.id WHERE l.id = ?")) {
                query.setLong(1, lead.lead().id());
                try (ResultSet row = query.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getInt("score")).isEqualTo(lead.lead().score());
                    assertThat(row.getString("quality")).isEqualTo("HOT");
                    assertThat(row.getString("provider")).isEqualTo("offline");
                    assertThat(row.getInt("confidence")).isEqualTo(92);
                    assertThat(row.getString("processed_msg")).isEqualTo(message.text());
                    assertThat(row.next()).isFalse();
                }
            }
        }
    }

    @Test
    void sameEventTwice_storesOneMessageAndPublishesTheLeadBothTimes() throws SQLException {
        LeadMessage message = TestEvents.message(Channel.EMAIL, "Sara", null, "sara.twice@example.com", "Price please?");
        String json = EventJson.write(TestEvents.analyzed(message, TestEvents.analysis(Intent.PRICING, Urgency.LOW, 70)));
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            TestKafka.send(Topics.ANALYZED, message.leadKey(), json);
            TestKafka.send(Topics.ANALYZED, message.leadKey(), json);
            List<LeadScored> published = scored.awaitAll(r -> r.value().contains(message.messageId()), 2, KAFKA_WAIT).stream()
                    .map(r -> EventJson.read(r.value(), LeadScored.class)).toList();

            assertThat(published.get(1).lead()).isEqualTo(published.get(0).lead());
            assertThat(published.get(0).lead().messageCount()).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM message WHERE external_id = '" + message.messageId() + "'")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM leads WHERE user_email = 'sara.twice@example.com'")).isEqualTo(1);
        }
    }

    @Test
    void unreadableRecord_goesToTheDeadLetterTopic() {
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.ANALYZED))) {
            TestKafka.send(Topics.ANALYZED, "poison", "[1, 2, 3]");
            ConsumerRecord<String, String> record = deadLetters.await(r -> r.value().equals("[1, 2, 3]"), KAFKA_WAIT);
            assertThat(new String(record.headers().lastHeader(Topics.DLQ_REASON_HEADER).value())).startsWith("not a valid LeadAnalyzed");
        }
    }

    @Test
    void health_isReadyWithBrokerAndDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = TestPostgres.connect(); ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
