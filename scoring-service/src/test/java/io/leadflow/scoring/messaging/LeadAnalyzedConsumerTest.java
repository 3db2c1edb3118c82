package io.leadflow.scoring.messaging;

import io.leadflow.events.Channel;
import io.leadflow.events.EventJson;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Quality;
import io.leadflow.events.ScoreBreakdown.Factor;
import io.leadflow.events.Topics;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.AnalyzedMessages;
import io.leadflow.scoring.Db;
import io.leadflow.testinfra.LeadflowTestResource;
import io.leadflow.testinfra.TestEvents;
import io.leadflow.testinfra.TestKafka;
import io.leadflow.testinfra.TopicReader;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.leadflow.scoring.AnalyzedMessages.uniqueEmail;
import static io.leadflow.scoring.AnalyzedMessages.uniquePhone;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class LeadAnalyzedConsumerTest {

    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private static final String ERROR_RETRIES = "leadflow_consumer_retries_total{channel=\"lead-analyzed\",kind=\"error\"}";
    private static final String FAILED_DEAD_LETTERS =
            "leadflow_dlq_records_total{reason=\"failed\",topic=\"lead.analyzed.v1.dlq\"}";

    @Test
    void analysedMessage_isStoredAsAScoredLeadAndPublished() {
        LeadMessage message = TestEvents.message(Channel.WHATSAPP, "Ahmed", uniquePhone(), null,
                "I want to buy 3 units today, it is urgent");
        LeadAnalyzed event = TestEvents.analyzed(message, TestEvents.analysis(Intent.BUY, Urgency.HIGH, 92));
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            TestKafka.send(Topics.ANALYZED, message.leadKey(), EventJson.write(event));

            ConsumerRecord<String, String> record = scored.await(r -> r.value().contains(message.messageId()), KAFKA_WAIT);
            LeadScored lead = EventJson.read(record.value(), LeadScored.class);
            assertThat(record.key()).isEqualTo(message.leadKey());
            assertThat(lead.lead().userName()).isEqualTo("Ahmed");
            assertThat(lead.lead().userPhone()).isEqualTo(message.phone());
            assertThat(lead.lead().quality()).isEqualTo(Quality.HOT);
            assertThat(lead.lead().message()).isEqualTo(message.text());
            assertThat(lead.lead().messageCount()).isEqualTo(1);
            assertThat(lead.scoreBreakdown().score()).isEqualTo(lead.lead().score());
            assertThat(lead.scoreBreakdown().factors().get(0))
                    .isEqualTo(new Factor("intent", 30, 30, "Buy intent from offline, confidence 92"));

            assertThat(Db.rows("SELECT l.score, l.quality, a.provider, a.confidence, m.processed_msg, "
                    + "l.score_breakdown->>'score' AS stored_score FROM leads l JOIN message m ON m.lead_id = l.id "
                    + "JOIN lead_analysis a ON a.message_id = m.id WHERE l.id = ?", lead.lead().id()))
                    .containsExactly(Map.of("score", lead.lead().score(), "quality", "HOT", "provider", "offline",
                            "confidence", 92, "processed_msg", message.text(),
                            "stored_score", String.valueOf(lead.lead().score())));
        }
    }

    @Test
    void sameEventTwice_storesOneMessageAndPublishesTheLeadBothTimes() {
        String email = uniqueEmail("sara");
        LeadMessage message = TestEvents.message(Channel.EMAIL, "Sara", null, email, "Price please?");
        String json = EventJson.write(TestEvents.analyzed(message, TestEvents.analysis(Intent.PRICING, Urgency.LOW, 70)));
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            TestKafka.send(Topics.ANALYZED, message.leadKey(), json);
            TestKafka.send(Topics.ANALYZED, message.leadKey(), json);
            List<LeadScored> published = scored.awaitAll(r -> r.value().contains(message.messageId()), 2, KAFKA_WAIT).stream()
                    .map(r -> EventJson.read(r.value(), LeadScored.class)).toList();

            assertThat(published.get(1).lead()).isEqualTo(published.get(0).lead());
            assertThat(published.get(0).lead().messageCount()).isEqualTo(1);
            assertThat(Db.count("SELECT count(*) FROM message WHERE external_id = ?", message.messageId())).isEqualTo(1);
            assertThat(Db.count("SELECT count(*) FROM leads WHERE user_email = ?", email)).isEqualTo(1);
        }
    }

    @Test
    void thanksAfterABuyingMessage_keepsTheConversationHot() {
        String phone = uniquePhone();
        LeadAnalyzed buying = AnalyzedMessages.on(Channel.WHATSAPP).from("Bilal", phone, null)
                .says("I want to buy 3 today", Intent.BUY, Urgency.HIGH).confidence(92).build();
        LeadAnalyzed thanks = AnalyzedMessages.on(Channel.WHATSAPP).from("Bilal", phone, null)
                .receivedAt(buying.message().receivedAt().plusSeconds(30)).says("thanks!", Intent.OTHER, Urgency.LOW).build();
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            send(buying);
            LeadScored first = awaitScored(scored, buying);
            send(thanks);
            LeadScored second = awaitScored(scored, thanks);

            assertThat(first.lead().quality()).isEqualTo(Quality.HOT);
            assertThat(second.lead().id()).isEqualTo(first.lead().id());
            assertThat(second.lead().quality()).isEqualTo(Quality.HOT);
            assertThat(second.lead().intent()).isEqualTo(Intent.BUY);
            assertThat(second.lead().urgency()).isEqualTo(Urgency.HIGH);
            assertThat(second.lead().message()).isEqualTo("thanks!");
            assertThat(second.lead().messageCount()).isEqualTo(2);
            assertThat(second.scoreBreakdown().factors().get(0).evidence()).isEqualTo("Buy intent from offline, confidence 92");
        }
    }

    @Test
    void aLeadWhoseLastMessageIsWeeksOld_coolsDown_andTheBreakdownSaysWhy() {
        LeadAnalyzed old = AnalyzedMessages.on(Channel.WHATSAPP).from("Nadia", uniquePhone(), null)
                .receivedAt(Instant.now().minus(Duration.ofDays(21)).minusSeconds(3600))
                .says("I want to buy 3 units today, it is urgent", Intent.BUY, Urgency.HIGH).build();
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            send(old);
            LeadScored lead = awaitScored(scored, old);

            assertThat(lead.scoreBreakdown().factors()).last().isEqualTo(new Factor("decay", -20, 50, "quiet for 21 days"));
            assertThat(lead.lead().score()).isEqualTo(lead.scoreBreakdown().factors().stream().mapToInt(Factor::points).sum());
        }
    }

    @Test
    void crossChannelMessages_ofOnePerson_mergeIntoTheirOlderLead() {
        String phone = uniquePhone();
        String email = uniqueEmail("faisal");
        LeadAnalyzed chat = AnalyzedMessages.on(Channel.WHATSAPP).from("Faisal", phone, null)
                .receivedAt(Instant.now().minusSeconds(300)).says("Is the sofa in stock?", Intent.QUESTION, Urgency.LOW).build();
        LeadAnalyzed mail = AnalyzedMessages.on(Channel.EMAIL).from("Faisal Khan", null, email)
                .receivedAt(Instant.now().minusSeconds(200)).says("Your price for 2 sofas?", Intent.PRICING, Urgency.MEDIUM).build();
        LeadAnalyzed form = AnalyzedMessages.on(Channel.WEBSITE).from("Faisal", phone, email)
                .says("I will take 2, deliver this week", Intent.BUY, Urgency.MEDIUM).build();
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED)) {
            send(chat);
            long phoneLead = awaitScored(scored, chat).lead().id();
            send(mail);
            long emailLead = awaitScored(scored, mail).lead().id();
            send(form);
            LeadScored merged = awaitScored(scored, form);

            assertThat(emailLead).isNotEqualTo(phoneLead);
            assertThat(merged.lead().id()).isEqualTo(phoneLead);
            assertThat(merged.lead().messageCount()).isEqualTo(3);
            assertThat(merged.lead().userName()).isEqualTo("Faisal");
            assertThat(merged.lead().userPhone()).isEqualTo(phone);
            assertThat(merged.lead().userEmail()).isEqualTo(email);
            assertThat(Db.count("SELECT count(*) FROM leads WHERE id = ?", emailLead)).isZero();
            assertThat(Db.rows("SELECT m.channel, a.intent FROM message m JOIN lead_analysis a ON a.message_id = m.id "
                    + "WHERE m.lead_id = ? AND a.lead_id = m.lead_id ORDER BY m.created_at", phoneLead)).containsExactly(
                    Map.of("channel", "whatsapp", "intent", "Question"),
                    Map.of("channel", "email", "intent", "Pricing"),
                    Map.of("channel", "website", "intent", "Buy"));
            assertThat(Db.rows("SELECT into_lead_id, cause_external_id FROM lead_merge WHERE merged_lead_id = ?", emailLead))
                    .containsExactly(Map.of("into_lead_id", phoneLead, "cause_external_id", form.message().messageId()));
        }
    }

    @Test
    void aBatchWithOnePoisonEvent_deadLettersThatOneWithTheReason_andStoresTheRest() {
        String key = "batch-" + uniquePhone();
        LeadAnalyzed first = AnalyzedMessages.on(Channel.SMS).from("Asad", uniquePhone(), null).says("Price?", Intent.PRICING, Urgency.LOW).build();
        LeadAnalyzed poison = AnalyzedMessages.on(Channel.SMS).from("Asad", uniquePhone(), null)
                .says("a NUL \u0000 the database cannot store", Intent.OTHER, Urgency.LOW).build();
        LeadAnalyzed last = AnalyzedMessages.on(Channel.SMS).from("Asif", uniquePhone(), null).says("Buy 2", Intent.BUY, Urgency.LOW).build();
        double retriesBefore = metric(ERROR_RETRIES);
        double deadLettersBefore = metric(FAILED_DEAD_LETTERS);
        try (TopicReader scored = TopicReader.fromNow(Topics.SCORED);
             TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.ANALYZED))) {
            sendTogether(key, List.of(first, poison, last));

            ConsumerRecord<String, String> dead = deadLetters.await(r -> r.value().contains(poison.message().messageId()), KAFKA_WAIT);
            assertThat(dead.value()).isEqualTo(EventJson.write(poison));
            assertThat(dead.key()).isEqualTo(key);
            assertThat(new String(dead.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("the database refused it: SQLSTATE 22021");
            assertThat(metric(ERROR_RETRIES) - retriesBefore).as("attempts at the whole batch before narrowing it down")
                    .isEqualTo(3);
            assertThat(metric(FAILED_DEAD_LETTERS) - deadLettersBefore).isEqualTo(1);
            awaitScored(scored, first);
            awaitScored(scored, last);
            assertThat(Db.count("SELECT count(*) FROM message WHERE external_id IN (?, ?, ?)", first.message().messageId(),
                    poison.message().messageId(), last.message().messageId())).isEqualTo(2);
            assertThat(scored.collectFor(Duration.ofMillis(500)))
                    .noneMatch(r -> r.value().contains(poison.message().messageId()));
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
    void aMessageWithNoWayToRecogniseItsSender_goesToTheDeadLetterTopic() {
        LeadAnalyzed valid = AnalyzedMessages.on(Channel.WEBSITE).from("Nobody", null, uniqueEmail("nobody")).build();
        String anonymous = EventJson.write(valid).replace("\"email\":\"" + valid.message().email() + "\"", "\"email\":null");
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.ANALYZED))) {
            TestKafka.send(Topics.ANALYZED, "anonymous", anonymous);
            ConsumerRecord<String, String> record = deadLetters.await(r -> r.value().equals(anonymous), KAFKA_WAIT);
            assertThat(new String(record.headers().lastHeader(Topics.DLQ_REASON_HEADER).value()))
                    .isEqualTo("message has no phone, email or platform user id to recognise its sender by");
        }
    }

    @Test
    void aMessageReceivedAtAnImplausibleTime_goesToTheDeadLetterTopic() {
        LeadAnalyzed future = AnalyzedMessages.on(Channel.SMS).from("Later", uniquePhone(), null)
                .receivedAt(Instant.parse("2090-01-01T00:00:00Z")).build();
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.ANALYZED))) {
            send(future);
            ConsumerRecord<String, String> record = deadLetters.await(
                    r -> r.value().contains(future.message().messageId()), KAFKA_WAIT);
            assertThat(new String(record.headers().lastHeader(Topics.DLQ_REASON_HEADER).value()))
                    .isEqualTo("message.receivedAt is not a plausible time (before 2000 or over a day ahead)");
        }
    }

    @Test
    void health_isReadyWithBrokerAndDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void aRecordThatIsNotJson_isDeadLetteredWithAReasonThatQuotesNothingOfIt() {
        String notJson = "{\"message\": Ahmed +923001234567";
        try (TopicReader deadLetters = TopicReader.fromNow(Topics.deadLetter(Topics.ANALYZED))) {
            TestKafka.send(Topics.ANALYZED, "poison", notJson);
            ConsumerRecord<String, String> record = deadLetters.await(r -> r.value().equals(notJson), KAFKA_WAIT);
            assertThat(new String(record.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                    .isEqualTo("not a valid LeadAnalyzed: not JSON, JsonParseException at line 1, column 13");
        }
    }

    private static double metric(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
    }

    private static void send(LeadAnalyzed event) {
        TestKafka.send(Topics.ANALYZED, event.message().leadKey(), EventJson.write(event));
    }

    /** Sends the events in one produce request to one partition, so the consumer reads them in one batch. */
    private static void sendTogether(String key, List<LeadAnalyzed> events) {
        TestKafka.sendTogether(Topics.ANALYZED, key, events.stream().map(EventJson::write).toList());
    }

    private static LeadScored awaitScored(TopicReader scored, LeadAnalyzed event) {
        return EventJson.read(scored.await(r -> r.value().contains(event.message().messageId()), KAFKA_WAIT).value(),
                LeadScored.class);
    }
}
