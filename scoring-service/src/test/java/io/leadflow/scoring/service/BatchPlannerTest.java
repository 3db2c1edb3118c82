package io.leadflow.scoring.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadMessage;
import io.leadflow.events.Quality;
import io.leadflow.events.Sentiment;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.BatchPlan;
import io.leadflow.scoring.BatchPlan.IdentityRow;
import io.leadflow.scoring.BatchPlan.LeadRow;
import io.leadflow.scoring.BatchPlan.Merge;
import io.leadflow.scoring.BatchPlan.NameRow;
import io.leadflow.scoring.BatchPlan.WrittenRow;
import io.leadflow.scoring.Identity;
import io.leadflow.scoring.MessageKey;
import io.leadflow.scoring.StoredLead;
import io.leadflow.scoring.model.Contact;
import io.leadflow.scoring.model.ScoringEngine;
import io.leadflow.scoring.model.ScoringModel;
import io.leadflow.scoring.model.Signal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private final BatchPlanner planner = new BatchPlanner(new ScoringEngine(ScoringModel.DEFAULTS));

    @Test
    void severalMessagesOfOneNewContact_becomeOneNewLead_writtenOnce() {
        List<LeadAnalyzed> batch = List.of(
                event("m1", Channel.WHATSAPP, "Ahmed", "+923001234567", null, "I want to buy 3 units today", T0, Intent.BUY, Urgency.HIGH),
                event("m2", Channel.WHATSAPP, "Ahmed", "+923001234567", null, "thanks!", T0.plusSeconds(30), Intent.OTHER, Urgency.LOW));

        BatchPlan plan = plan(batch, Map.of(), Map.of(), List.of(101L));

        assertThat(plan.inserts()).singleElement().satisfies(lead -> {
            assertThat(lead.id()).isEqualTo(101L);
            assertThat(lead.messageCount()).isEqualTo(2);
            assertThat(lead.message()).isEqualTo("thanks!");
            assertThat(lead.intent()).isEqualTo(Intent.BUY);
            assertThat(lead.breakdown().quality()).isEqualTo(Quality.HOT);
            assertThat(lead.createdAt()).isEqualTo(T0);
            assertThat(lead.lastMessageAt()).isEqualTo(T0.plusSeconds(30));
            assertThat(lead.leadKey()).isEqualTo("+923001234567");
        });
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.messages()).extracting(BatchPlan.MessageRow::leadId).containsExactly(101L, 101L);
        assertThat(plan.identities()).containsExactly(new IdentityRow(new Identity("phone", "+923001234567"), 101L));
        assertThat(plan.names()).containsExactly(new NameRow(101L, "Ahmed", Channel.WHATSAPP, T0));
    }

    @Test
    void differentContacts_becomeDifferentLeads() {
        List<LeadAnalyzed> batch = List.of(
                event("m1", Channel.WHATSAPP, "Ahmed", "+923001234567", null, "Price?", T0, Intent.PRICING, Urgency.LOW),
                event("m2", Channel.EMAIL, "Sara", null, "sara@example.com", "Price?", T0, Intent.PRICING, Urgency.LOW));

        BatchPlan plan = plan(batch, Map.of(), Map.of(), List.of(1L, 2L));

        assertThat(plan.inserts()).extracting(LeadRow::id).containsExactly(1L, 2L);
        assertThat(plan.leadOf().values()).containsExactly(1L, 2L);
    }

    @Test
    void aMessageOfAStoredLead_updatesItAndKeepsItsKnownName_whileTheNewNameGoesToTheHistory() {
        StoredLead ahmed = stored(7, "Ahmed", "+923001234567", null, T0.minusSeconds(3600), 2);
        List<LeadAnalyzed> batch = List.of(event("m3", Channel.WEBSITE, "Ahmed Khan", "+923001234567", "ahmed@example.com",
                "Call me back on +923001234567", T0, Intent.QUESTION, Urgency.LOW, List.of("+923001234567"), List.of()));

        BatchPlan plan = plan(batch, Map.of(new Identity("phone", "+923001234567"), 7L), Map.of(7L, ahmed), List.of());

        assertThat(plan.inserts()).isEmpty();
        assertThat(plan.updates()).singleElement().satisfies(lead -> {
            assertThat(lead.id()).isEqualTo(7L);
            assertThat(lead.contact()).isEqualTo(new Contact("Ahmed", "+923001234567", "ahmed@example.com"));
            assertThat(lead.messageCount()).isEqualTo(3);
            assertThat(lead.channel()).isEqualTo(Channel.WEBSITE);
            assertThat(lead.createdAt()).isEqualTo(T0.minusSeconds(3600));
            assertThat(lead.leadKey()).isEqualTo("+923001234567");
        });
        assertThat(plan.names()).containsExactly(new NameRow(7L, "Ahmed Khan", Channel.WEBSITE, T0));
        assertThat(plan.identities()).containsExactly(new IdentityRow(new Identity("email", "ahmed@example.com"), 7L));
        assertThat(plan.written()).as("the phone written is the sender's own").isEmpty();
        assertThat(plan.merges()).isEmpty();
    }

    @Test
    void anIdentifierTheLeadHoldsAlready_isNoSuggestion() {
        StoredLead ahmed = stored(7, "Ahmed", "+923001234567", "ahmed@example.com", T0.minusSeconds(3600), 2);
        Map<Identity, Long> owners = Map.of(new Identity("phone", "+923001234567"), 7L, new Identity("email", "ahmed@example.com"), 7L);
        List<LeadAnalyzed> batch = List.of(event("m5", Channel.WHATSAPP, "Ahmed", "+923001234567", null,
                "I sent the details to ahmed@example.com", T0, Intent.OTHER, Urgency.LOW, List.of(), List.of("ahmed@example.com")));

        BatchPlan plan = plan(batch, owners, Map.of(7L, ahmed), List.of());

        assertThat(plan.updates()).extracting(LeadRow::id).containsExactly(7L);
        assertThat(plan.written()).isEmpty();
    }

    @Test
    void theNameALeadIsKnownBy_isNotWrittenToTheHistoryAgain() {
        StoredLead ahmed = stored(7, "Ahmed", "+923001234567", null, T0.minusSeconds(3600), 1);
        List<LeadAnalyzed> batch = List.of(event("m9", Channel.WHATSAPP, "Ahmed", "+923001234567", null, "thanks!", T0,
                Intent.OTHER, Urgency.LOW));

        BatchPlan plan = plan(batch, Map.of(new Identity("phone", "+923001234567"), 7L), Map.of(7L, ahmed), List.of());

        assertThat(plan.names()).isEmpty();
        assertThat(plan.identities()).isEmpty();
    }

    @Test
    void aMessageLinkingAPhoneLeadAndAnEmailLead_mergesTheYoungerIntoTheOlder() {
        StoredLead phoneLead = stored(5, "Ahmed", "+923001234567", null, T0.minusSeconds(7200), 1);
        StoredLead emailLead = stored(9, null, null, "ahmed@example.com", T0.minusSeconds(600), 2);
        LeadAnalyzed linking = event("m4", Channel.WEBSITE, "Ahmed", "+923001234567", "ahmed@example.com",
                "Please call me about the order", T0, Intent.BUY, Urgency.MEDIUM);
        Map<Identity, Long> owners = Map.of(new Identity("phone", "+923001234567"), 5L,
                new Identity("email", "ahmed@example.com"), 9L);
        Map<Long, List<Signal>> history = Map.of(
                5L, List.of(new Signal(T0.minusSeconds(7200), Channel.WHATSAPP, Intent.QUESTION, Urgency.LOW, 80, "offline", 20, null)),
                9L, List.of(new Signal(T0.minusSeconds(600), Channel.EMAIL, Intent.PRICING, Urgency.HIGH, 80, "offline", 30, null)));

        BatchPlan plan = planner.plan(BatchPlanner.group(List.of(linking), owners), owners,
                Map.of(5L, phoneLead, 9L, emailLead), history, List.of(), T0.plusSeconds(1));

        assertThat(plan.merges()).containsExactly(new Merge(9L, 5L, MessageKey.of(linking)));
        assertThat(plan.updates()).singleElement().satisfies(lead -> {
            assertThat(lead.id()).isEqualTo(5L);
            assertThat(lead.contact()).isEqualTo(new Contact("Ahmed", "+923001234567", "ahmed@example.com"));
            assertThat(lead.messageCount()).isEqualTo(4);
            assertThat(lead.intent()).as("the strongest intent of both conversations and the new message").isEqualTo(Intent.BUY);
            assertThat(lead.urgency()).as("the email lead's urgency counts too").isEqualTo(Urgency.HIGH);
        });
        assertThat(plan.identities()).as("both identifiers already have an owner; the merge moves the email's").isEmpty();
        assertThat(plan.leadOf()).containsEntry(MessageKey.of(linking), 5L);
    }

    @Test
    void twoNewMessagesSharingNoIdentifierButOneStoredLead_joinIt() {
        StoredLead lead = stored(3, "Sara", "+923009999999", null, T0.minusSeconds(60), 1);
        Map<Identity, Long> owners = Map.of(new Identity("phone", "+923009999999"), 3L,
                new Identity("platform", "instagram:1789"), 3L);
        List<LeadAnalyzed> batch = List.of(
                event("a", Channel.WHATSAPP, null, "+923009999999", null, "hi", T0, Intent.OTHER, Urgency.LOW),
                withPlatformId(event("b", Channel.INSTAGRAM, null, null, null, "hello", T0, Intent.OTHER, Urgency.LOW), "1789"));

        BatchPlan plan = plan(batch, owners, Map.of(3L, lead), List.of());

        assertThat(plan.updates()).extracting(LeadRow::id, LeadRow::messageCount).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 3));
        assertThat(plan.inserts()).isEmpty();
    }

    @Test
    void anEmailWrittenInAWhatsappMessage_isASuggestion_notAnIdentifier_butFillsTheEmptyContact() {
        LeadAnalyzed whatsapp = event("w1", Channel.WHATSAPP, "Ahmed", "+923001234567", null,
                "my email is Ahmed@Example.com", T0, Intent.BUY, Urgency.HIGH, List.of(), List.of("Ahmed@Example.com"));

        BatchPlan plan = plan(List.of(whatsapp), Map.of(), Map.of(), List.of(11L));

        assertThat(plan.identities()).extracting(IdentityRow::identity).containsExactly(new Identity("phone", "+923001234567"));
        assertThat(plan.written()).containsExactly(
                new WrittenRow(11L, new Identity("email", "ahmed@example.com"), MessageKey.of(whatsapp)));
        assertThat(plan.inserts().get(0).contact().email()).isEqualTo("ahmed@example.com");
    }

    @Test
    void aMessageWritingTheNumbersOfTwoStoredLeads_joinsNeither_mergesNothing_andSuggestsBoth() {
        StoredLead asma = stored(5, "Asma", "+923001111111", null, T0.minusSeconds(7200), 1);
        StoredLead babar = stored(9, "Babar", "+923002222222", null, T0.minusSeconds(600), 1);
        Map<Identity, Long> owners = Map.of(new Identity("phone", "+923001111111"), 5L, new Identity("phone", "+923002222222"), 9L);
        LeadAnalyzed form = event("f1", Channel.WEBSITE, "Agent", null, "agent@example.com",
                "Call my customers +923001111111 and +923002222222", T0, Intent.BUY, Urgency.HIGH,
                List.of("+923001111111", "+923002222222", "+923001111111"), List.of());

        BatchPlan plan = planner.plan(BatchPlanner.group(List.of(form), owners), owners, Map.of(), Map.of(), List.of(12L),
                T0.plusSeconds(1));

        assertThat(plan.merges()).isEmpty();
        assertThat(plan.updates()).isEmpty();
        assertThat(plan.inserts()).extracting(LeadRow::id).containsExactly(12L);
        assertThat(plan.leadOf()).containsExactly(Map.entry(MessageKey.of(form), 12L));
        assertThat(plan.identities()).containsExactly(new IdentityRow(new Identity("email", "agent@example.com"), 12L));
        assertThat(plan.written()).containsExactly(
                new WrittenRow(12L, new Identity("phone", "+923001111111"), MessageKey.of(form)),
                new WrittenRow(12L, new Identity("phone", "+923002222222"), MessageKey.of(form)));
    }

    @Test
    void inOneBatch_aMessageWritingAnothersNumber_staysApartFromIt() {
        LeadAnalyzed mail = event("e1", Channel.EMAIL, "Sara", null, "sara@example.com", "my brother is on +923003333333", T0,
                Intent.QUESTION, Urgency.LOW, List.of("+923003333333"), List.of());
        LeadAnalyzed chat = event("w2", Channel.WHATSAPP, "Omar", "+923003333333", null, "hi", T0.plusSeconds(5),
                Intent.OTHER, Urgency.LOW);

        BatchPlan plan = plan(List.of(mail, chat), Map.of(), Map.of(), List.of(21L, 22L));

        assertThat(plan.inserts()).extracting(LeadRow::id).containsExactly(21L, 22L);
        assertThat(plan.leadOf()).containsExactly(Map.entry(MessageKey.of(mail), 21L), Map.entry(MessageKey.of(chat), 22L));
        assertThat(plan.identities()).containsExactly(new IdentityRow(new Identity("email", "sara@example.com"), 21L),
                new IdentityRow(new Identity("phone", "+923003333333"), 22L));
        assertThat(plan.written()).containsExactly(new WrittenRow(21L, new Identity("phone", "+923003333333"), MessageKey.of(mail)));
    }

    @Test
    void whatTheSenderWritesOfTheirOwn_isNoSuggestion() {
        LeadAnalyzed chat = event("w3", Channel.WHATSAPP, "Omar", "+923003333333", null, "call me on +923003333333", T0,
                Intent.QUESTION, Urgency.LOW, List.of("+923003333333"), List.of());

        assertThat(Identity.written(chat)).isEmpty();
    }

    @Test
    void phonesWrittenInAMessageButNotInE164_areNotKept() {
        LeadAnalyzed event = event("x", Channel.EMAIL, null, null, "a@example.com", "call 0300 1234567", T0, Intent.OTHER,
                Urgency.LOW, List.of("03001234567"), List.of());
        assertThat(Identity.of(event)).containsExactly(new Identity("email", "a@example.com"));
        assertThat(Identity.written(event)).isEmpty();
    }

    @Test
    void aMessageWithNoWayToRecogniseItsSender_isRefused() {
        LeadAnalyzed anonymous = event("n", Channel.WEBSITE, "Someone", null, null, "hello", T0, Intent.OTHER, Urgency.LOW);
        assertThatThrownBy(() -> BatchPlanner.group(List.of(anonymous), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no phone, email or platform user id");
    }

    @Test
    void anOlderMessageArrivingLate_doesNotReplaceTheLatestText() {
        StoredLead lead = stored(4, "Ahmed", "+923001234567", null, T0, 1);
        LeadAnalyzed late = event("late", Channel.SMS, null, "+923001234567", null, "sent earlier", T0.minusSeconds(30),
                Intent.OTHER, Urgency.LOW);

        BatchPlan plan = plan(List.of(late), Map.of(new Identity("phone", "+923001234567"), 4L), Map.of(4L, lead), List.of());

        assertThat(plan.updates().get(0).message()).isEqualTo("latest stored text");
        assertThat(plan.updates().get(0).lastMessageAt()).isEqualTo(T0);
    }

    private BatchPlan plan(List<LeadAnalyzed> batch, Map<Identity, Long> owners, Map<Long, StoredLead> leads, List<Long> ids) {
        Map<Long, List<Signal>> history = Map.of();
        for (StoredLead lead : leads.values()) {
            history = new java.util.HashMap<>(history);
            history.put(lead.id(), List.of(new Signal(lead.lastMessageAt(), lead.channel(), Intent.OTHER, Urgency.LOW, 50,
                    "offline", lead.message().length(), null)));
        }
        return planner.plan(BatchPlanner.group(batch, owners), owners, leads, history, ids, T0.plusSeconds(60));
    }

    private static StoredLead stored(long id, String name, String phone, String email, Instant at, int messages) {
        return new StoredLead(id, new Contact(name, phone, email), Channel.WHATSAPP, "latest stored text", at, at, messages,
                phone != null ? phone : email);
    }

    static LeadAnalyzed event(String id, Channel channel, String name, String phone, String email, String text,
                              Instant at, Intent intent, Urgency urgency) {
        return event(id, channel, name, phone, email, text, at, intent, urgency, List.of(), List.of());
    }

    static LeadAnalyzed event(String id, Channel channel, String name, String phone, String email, String text, Instant at,
                              Intent intent, Urgency urgency, List<String> writtenPhones, List<String> writtenEmails) {
        String key = phone != null || email != null ? LeadMessage.leadKeyOf(phone, email, channel, null) : channel.label() + ":?";
        LeadMessage message = new LeadMessage(id, key, channel, at, null, name, phone, email, null, text, text, null,
                List.of(), null, null, Map.of());
        Analysis analysis = new Analysis(intent, urgency, null, Sentiment.NEUTRAL, 80, "en",
                new Analysis.ExtractedData(null, null, null, null, null, writtenPhones, writtenEmails), "offline", List.of(), 1, null);
        return new LeadAnalyzed(message, analysis);
    }

    private static LeadAnalyzed withPlatformId(LeadAnalyzed event, String platformUserId) {
        LeadMessage m = event.message();
        return new LeadAnalyzed(new LeadMessage(m.messageId(), m.channel().label() + ":" + platformUserId, m.channel(),
                m.receivedAt(), null, m.senderName(), m.phone(), m.email(), platformUserId, m.text(), m.originalText(),
                null, List.of(), null, null, Map.of()), event.analysis());
    }
}
