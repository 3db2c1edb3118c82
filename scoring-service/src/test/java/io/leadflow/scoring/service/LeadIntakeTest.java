package io.leadflow.scoring.service;

import io.leadflow.events.Analysis;
import io.leadflow.events.Channel;
import io.leadflow.events.Intent;
import io.leadflow.events.LeadAnalyzed;
import io.leadflow.events.LeadScored;
import io.leadflow.events.Urgency;
import io.leadflow.scoring.AnalyzedMessages;
import io.leadflow.scoring.Db;
import io.leadflow.testinfra.LeadflowTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.leadflow.scoring.AnalyzedMessages.uniqueEmail;
import static io.leadflow.scoring.AnalyzedMessages.uniquePhone;
import static org.assertj.core.api.Assertions.assertThat;

/** Intake against the real database: identity, merges, idempotence and concurrency. */
@QuarkusTest
@WithTestResource(value = LeadflowTestResource.class, initArgs = @ResourceArg(name = "database", value = "empty"))
class LeadIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LeadIntake intake;

    @Test
    void twoConcurrentMessagesForANewContact_giveOneLead() {
        for (int round = 0; round < 15; round++) {
            String phone = uniquePhone();
            String email = uniqueEmail("rana");
            LeadAnalyzed whatsapp = AnalyzedMessages.on(Channel.WHATSAPP).from("Rana", phone, null)
                    .says("I want to buy a sofa", Intent.BUY, Urgency.MEDIUM).build();
            LeadAnalyzed form = AnalyzedMessages.on(Channel.WEBSITE).from("Rana", phone, email)
                    .says("Please call me back", Intent.QUESTION, Urgency.LOW).build();

            List<List<LeadScored>> answers = Uni.join().all(intake.store(List.of(whatsapp)), intake.store(List.of(form)))
                    .andFailFast().await().atMost(WAIT);

            long leadId = answers.get(0).get(0).lead().id();
            assertThat(answers.get(1).get(0).lead().id()).isEqualTo(leadId);
            assertThat(Db.rows("SELECT id, message_count FROM leads WHERE user_phone = ?", phone))
                    .containsExactly(Map.of("id", leadId, "message_count", 2));
            assertThat(Db.count("SELECT count(*) FROM message WHERE lead_id = ?", leadId)).isEqualTo(2);
            assertThat(Db.rows("SELECT kind, lead_id FROM lead_identity WHERE value IN (?, ?) ORDER BY kind", phone, email))
                    .containsExactly(Map.of("kind", "email", "lead_id", leadId), Map.of("kind", "phone", "lead_id", leadId));
        }
    }

    @Test
    void aBatchWithSeveralMessagesOfOneContact_isCollapsedIntoOneLead() {
        String phone = uniquePhone();
        Instant start = Instant.now().minusSeconds(60);
        List<LeadAnalyzed> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(AnalyzedMessages.on(Channel.SMS).from("Omar", phone, null).receivedAt(start.plusSeconds(i))
                    .says("message " + i, i == 2 ? Intent.BUY : Intent.OTHER, Urgency.LOW).build());
        }

        List<LeadScored> scored = intake.store(batch).await().atMost(WAIT);

        assertThat(scored).extracting(s -> s.lead().id()).containsOnly(scored.get(0).lead().id());
        assertThat(scored).extracting(LeadScored::messageId).containsExactlyElementsOf(
                batch.stream().map(e -> e.message().messageId()).toList());
        assertThat(scored.get(4).lead().messageCount()).isEqualTo(5);
        assertThat(scored.get(4).lead().message()).isEqualTo("message 4");
        assertThat(scored.get(4).lead().intent()).isEqualTo(Intent.BUY);
        assertThat(Db.count("SELECT count(*) FROM lead_analysis a JOIN leads l ON l.id = a.lead_id WHERE l.user_phone = ?", phone))
                .isEqualTo(5);
    }

    @Test
    void sameMessageTwiceInOneBatchAndAgainLater_isStoredOnce_andAnsweredEachTime() {
        String phone = uniquePhone();
        LeadAnalyzed event = AnalyzedMessages.on(Channel.WHATSAPP).from("Zara", phone, null)
                .says("Price of the blue one?", Intent.PRICING, Urgency.MEDIUM).build();

        List<LeadScored> first = intake.store(List.of(event, event)).await().atMost(WAIT);
        List<LeadScored> again = intake.store(List.of(event)).await().atMost(WAIT);

        assertThat(first).hasSize(2);
        assertThat(first.get(1)).isEqualTo(first.get(0));
        assertThat(again.get(0)).isEqualTo(first.get(0));
        assertThat(Db.count("SELECT count(*) FROM message WHERE external_id = ?", event.message().messageId())).isEqualTo(1);
        assertThat(first.get(0).lead().messageCount()).isEqualTo(1);
    }

    @Test
    void aLaterDifferentName_doesNotOverwriteTheKnownName_butIsKeptInTheHistory() {
        String phone = uniquePhone();
        String email = uniqueEmail("ahmed");
        intake.store(List.of(AnalyzedMessages.on(Channel.WHATSAPP).from("Ahmed", phone, null).build())).await().atMost(WAIT);

        LeadScored later = intake.store(List.of(AnalyzedMessages.on(Channel.WEBSITE).from("Ahmed Raza", phone, email).build()))
                .await().atMost(WAIT).get(0);

        assertThat(later.lead().userName()).isEqualTo("Ahmed");
        assertThat(later.lead().userEmail()).as("contact details fill in").isEqualTo(email);
        assertThat(Db.rows("SELECT name, channel FROM lead_name WHERE lead_id = ? ORDER BY first_seen_at", later.lead().id()))
                .containsExactly(Map.of("name", "Ahmed", "channel", "whatsapp"), Map.of("name", "Ahmed Raza", "channel", "website"));
    }

    @Test
    void aMessageLinkingAPhoneLeadAndAnEmailLead_mergesThemIntoTheOlder_movingMessagesAndAnalyses_andRecordsTheMerge() {
        String phone = uniquePhone();
        String email = uniqueEmail("hina");
        LeadScored phoneLead = store(AnalyzedMessages.on(Channel.WHATSAPP).from("Hina", phone, null)
                .receivedAt(Instant.now().minusSeconds(120)).says("Do you deliver to Multan?", Intent.QUESTION, Urgency.LOW));
        LeadScored emailLead = store(AnalyzedMessages.on(Channel.EMAIL).from("Hina Malik", null, email)
                .receivedAt(Instant.now().minusSeconds(60)).says("How much is the sofa?", Intent.PRICING, Urgency.HIGH));
        Db.execute("UPDATE leads SET status = 'contacted', notes = 'called once' WHERE id = ?", emailLead.lead().id());
        Db.execute("INSERT INTO lead_activity (lead_id, status_from, status_to, note) VALUES (?, 'new', 'contacted', 'called once')",
                emailLead.lead().id());
        assertThat(emailLead.lead().id()).isNotEqualTo(phoneLead.lead().id());

        LeadAnalyzed linking = AnalyzedMessages.on(Channel.WEBSITE).from("Hina", phone, email)
                .says("I want to order it, call me", Intent.BUY, Urgency.MEDIUM).build();
        LeadScored merged = intake.store(List.of(linking)).await().atMost(WAIT).get(0);

        long survivor = phoneLead.lead().id();
        long gone = emailLead.lead().id();
        assertThat(merged.lead().id()).isEqualTo(survivor);
        assertThat(merged.lead().messageCount()).isEqualTo(3);
        assertThat(merged.lead().userEmail()).isEqualTo(email);
        assertThat(merged.lead().userName()).isEqualTo("Hina");
        assertThat(merged.lead().intent()).isEqualTo(Intent.BUY);
        assertThat(merged.lead().urgency()).as("the merged conversation's urgency counts").isEqualTo(Urgency.HIGH);
        assertThat(Db.count("SELECT count(*) FROM leads WHERE id = ?", gone)).isZero();
        assertThat(Db.count("SELECT count(*) FROM message WHERE lead_id = ?", survivor)).isEqualTo(3);
        assertThat(Db.count("SELECT count(*) FROM lead_analysis WHERE lead_id = ?", survivor)).isEqualTo(3);
        assertThat(Db.rows("SELECT kind, lead_id FROM lead_identity WHERE value IN (?, ?) ORDER BY kind", phone, email))
                .containsExactly(Map.of("kind", "email", "lead_id", survivor), Map.of("kind", "phone", "lead_id", survivor));
        assertThat(Db.rows("SELECT lead_id, note FROM lead_activity WHERE note = 'called once' AND lead_id IN (?, ?)", survivor, gone))
                .as("the salesperson's history moves with the person").containsExactly(Map.of("lead_id", survivor, "note", "called once"));
        assertThat(Db.rows("SELECT name FROM lead_name WHERE lead_id = ? ORDER BY first_seen_at", survivor))
                .containsExactly(Map.of("name", "Hina"), Map.of("name", "Hina Malik"));
        assertThat(Db.rows("SELECT into_lead_id, cause_channel, cause_external_id, merged_lead->>'status' AS status, "
                + "merged_lead->>'notes' AS notes FROM lead_merge WHERE merged_lead_id = ?", gone))
                .containsExactly(Map.of("into_lead_id", survivor, "cause_channel", "website",
                        "cause_external_id", linking.message().messageId(), "status", "contacted", "notes", "called once"));
    }

    @Test
    void twoLeadsKnownByTheSameName_mergeIntoAThirdInOneBatch() {
        String phone = uniquePhone();
        String email = uniqueEmail("sana");
        String otherEmail = uniqueEmail("sana.work");
        long oldest = store(AnalyzedMessages.on(Channel.WHATSAPP).from("Sana K", phone, null)
                .receivedAt(Instant.now().minusSeconds(300))).lead().id();
        long second = store(AnalyzedMessages.on(Channel.EMAIL).from("Sana", null, email)
                .receivedAt(Instant.now().minusSeconds(200))).lead().id();
        long third = store(AnalyzedMessages.on(Channel.EMAIL).from("Sana", null, otherEmail)
                .receivedAt(Instant.now().minusSeconds(100))).lead().id();

        List<LeadScored> merged = intake.store(List.of(
                AnalyzedMessages.on(Channel.WEBSITE).from("Sana K", phone, email).build(),
                AnalyzedMessages.on(Channel.WEBSITE).from("Sana K", phone, otherEmail).build())).await().atMost(WAIT);

        assertThat(merged).extracting(s -> s.lead().id()).containsExactly(oldest, oldest);
        assertThat(Db.count("SELECT count(*) FROM leads WHERE id IN (?, ?)", second, third)).isZero();
        assertThat(Db.rows("SELECT name FROM lead_name WHERE lead_id = ? ORDER BY first_seen_at", oldest))
                .containsExactly(Map.of("name", "Sana K"), Map.of("name", "Sana"));
    }

    @Test
    void aWhatsappBuyerWhoLaterEmailsFromTheAddressTheyGaveInTheChat_getsALeadOfTheirOwn_andTheChatLeadSuggestsIt() {
        String phone = uniquePhone();
        String email = uniqueEmail("imran");
        LeadScored chat = store(AnalyzedMessages.on(Channel.WHATSAPP).from("Imran", phone, null)
                .says("I want to buy 2, send the invoice to " + email, Intent.BUY, Urgency.HIGH)
                .extracted(new Analysis.ExtractedData(null, 2, null, null, null, List.of(), List.of(email))));

        LeadScored mail = store(AnalyzedMessages.on(Channel.EMAIL).from("Imran", null, email)
                .says("Here are my company details", Intent.OTHER, Urgency.LOW));

        assertThat(mail.lead().id()).as("an address written in a chat links nothing").isNotEqualTo(chat.lead().id());
        assertThat(chat.lead().userEmail()).as("but fills the chat lead's empty contact").isEqualTo(email);
        assertThat(Db.rows("SELECT lead_id FROM lead_identity WHERE kind = 'email' AND value = ?", email))
                .containsExactly(Map.of("lead_id", mail.lead().id()));
        assertThat(Db.rows("SELECT lead_id, kind FROM lead_written_identity WHERE value = ?", email))
                .containsExactly(Map.of("lead_id", chat.lead().id(), "kind", "email"));
    }

    @Test
    void aMergedLeadsWrittenIdentifiers_goWithIt_eachOnceForTheLeadItGoesInto() {
        String phone = uniquePhone();
        String email = uniqueEmail("nida");
        String sister = uniquePhone();
        String office = uniqueEmail("office");
        LeadAnalyzed first = AnalyzedMessages.on(Channel.WHATSAPP).from("Nida", phone, null)
                .receivedAt(Instant.now().minusSeconds(300)).says("My sister " + sister + " wants one too", Intent.QUESTION, Urgency.LOW)
                .extracted(new Analysis.ExtractedData(null, null, null, null, null, List.of(sister), List.of())).build();
        long phoneLead = store(first).lead().id();
        store(AnalyzedMessages.on(Channel.WHATSAPP).from("Nida", phone, null).receivedAt(Instant.now().minusSeconds(250))
                .says("Again, my sister is " + sister, Intent.QUESTION, Urgency.LOW)
                .extracted(new Analysis.ExtractedData(null, null, null, null, null, List.of(sister), List.of())));
        LeadAnalyzed mail = AnalyzedMessages.on(Channel.EMAIL).from("Nida", null, email).receivedAt(Instant.now().minusSeconds(200))
                .says("Call " + sister + " or write to " + office, Intent.QUESTION, Urgency.LOW)
                .extracted(new Analysis.ExtractedData(null, null, null, null, null, List.of(sister), List.of(office))).build();
        long emailLead = store(mail).lead().id();

        long merged = store(AnalyzedMessages.on(Channel.WEBSITE).from("Nida", phone, email).says("Please call me", Intent.BUY,
                Urgency.MEDIUM)).lead().id();

        assertThat(merged).isEqualTo(phoneLead);
        assertThat(Db.rows("SELECT lead_id, value, message_external_id FROM lead_written_identity WHERE lead_id IN (?, ?) "
                + "ORDER BY kind, value", phoneLead, emailLead)).containsExactly(
                Map.of("lead_id", phoneLead, "value", office, "message_external_id", mail.message().messageId()),
                Map.of("lead_id", phoneLead, "value", sister, "message_external_id", first.message().messageId()));
    }

    @Test
    void aFormListingOtherCustomersPhones_mergesNothing_theirLaterMessagesStayTheirs_andTheSuggestionsAreRecordedOnce() {
        String phoneA = uniquePhone();
        String phoneB = uniquePhone();
        String agentEmail = uniqueEmail("agent");
        long leadA = store(AnalyzedMessages.on(Channel.WHATSAPP).from("Asma", phoneA, null)
                .receivedAt(Instant.now().minusSeconds(300)).says("Do you sell water pumps?", Intent.QUESTION, Urgency.LOW)).lead().id();
        long leadB = store(AnalyzedMessages.on(Channel.SMS).from("Babar", phoneB, null)
                .receivedAt(Instant.now().minusSeconds(200)).says("Price of the 1 hp pump?", Intent.PRICING, Urgency.MEDIUM)).lead().id();
        LeadAnalyzed form = AnalyzedMessages.on(Channel.WEBSITE).from("Agent", null, agentEmail)
                .receivedAt(Instant.now().minusSeconds(100))
                .says("Please call my customers " + phoneA + " and " + phoneB + ", they want pumps", Intent.BUY, Urgency.HIGH)
                .extracted(new Analysis.ExtractedData(null, null, null, null, null, List.of(phoneA, phoneB), List.of()))
                .build();

        long formLead = intake.store(List.of(form, form)).await().atMost(WAIT).get(0).lead().id();
        intake.store(List.of(form)).await().atMost(WAIT);
        LeadScored laterA = store(AnalyzedMessages.on(Channel.WHATSAPP).from("Asma", phoneA, null)
                .says("I will take one", Intent.BUY, Urgency.MEDIUM));
        LeadScored laterB = store(AnalyzedMessages.on(Channel.SMS).from("Babar", phoneB, null)
                .says("Not now, thanks", Intent.OTHER, Urgency.LOW));

        assertThat(formLead).isNotIn(leadA, leadB);
        assertThat(Db.count("SELECT count(*) FROM lead_merge WHERE merged_lead_id IN (?, ?, ?)", leadA, leadB, formLead)).isZero();
        assertThat(laterA.lead().id()).as("A's later message goes to A's lead").isEqualTo(leadA);
        assertThat(laterB.lead().id()).as("B's later message goes to B's lead").isEqualTo(leadB);
        assertThat(Db.rows("SELECT id, message_count FROM leads WHERE id IN (?, ?, ?) ORDER BY id", leadA, leadB, formLead))
                .containsExactly(Map.of("id", leadA, "message_count", 2), Map.of("id", leadB, "message_count", 2),
                        Map.of("id", formLead, "message_count", 1));
        assertThat(Db.rows("SELECT kind, value, lead_id FROM lead_identity WHERE value IN (?, ?, ?) ORDER BY lead_id",
                phoneA, phoneB, agentEmail)).containsExactly(
                Map.of("kind", "phone", "value", phoneA, "lead_id", leadA),
                Map.of("kind", "phone", "value", phoneB, "lead_id", leadB),
                Map.of("kind", "email", "value", agentEmail, "lead_id", formLead));
        assertThat(Db.rows("SELECT lead_id, kind, value, message_channel, message_external_id FROM lead_written_identity "
                + "WHERE lead_id IN (?, ?, ?) ORDER BY value", leadA, leadB, formLead)).containsExactlyElementsOf(
                Stream.of(phoneA, phoneB).sorted().map(phone -> Map.<String, Object>of("lead_id", formLead,
                        "kind", "phone", "value", phone, "message_channel", "website",
                        "message_external_id", form.message().messageId())).toList());
    }

    @Test
    void scoringNeverWritesTheColumnsOtherServicesOwn() {
        String phone = uniquePhone();
        LeadScored first = store(AnalyzedMessages.on(Channel.SMS).from("Kamran", phone, null));
        Db.execute("UPDATE leads SET status = 'won', notes = 'paid', owner = 'ayesha', exported = true WHERE id = ?",
                first.lead().id());

        LeadScored second = store(AnalyzedMessages.on(Channel.SMS).from("Kamran", phone, null)
                .says("I want to buy 10 more today", Intent.BUY, Urgency.HIGH));

        assertThat(Db.rows("SELECT status, notes, owner, exported FROM leads WHERE id = ?", second.lead().id()))
                .containsExactly(Map.of("status", "won", "notes", "paid", "owner", "ayesha", "exported", true));
        assertThat(second.lead().status().label()).isEqualTo("won");
        assertThat(second.lead().exported()).isTrue();
    }

    private LeadScored store(AnalyzedMessages message) {
        return store(message.build());
    }

    private LeadScored store(LeadAnalyzed event) {
        return intake.store(List.of(event)).await().atMost(WAIT).get(0);
    }
}
