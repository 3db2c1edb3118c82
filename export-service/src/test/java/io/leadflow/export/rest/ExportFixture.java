package io.leadflow.export.rest;

import io.leadflow.testinfra.TestLeads;
import io.leadflow.testinfra.TestPostgres;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Leads that every filter tells apart: each grade, channel, intent and several statuses; times on both sides of
 * a day's edge in Karachi; ties on time and on score; formula payloads; Urdu and Arabic; commas, quotes and
 * line feeds in a message.
 */
final class ExportFixture {

    static final Instant T = Instant.parse("2026-11-20T10:30:00Z");
    static final String PAYLOAD = "=cmd|' /C calc'!A0";
    static final String MESSY_MESSAGE = "Hello, \"friend\"\nsecond line, third \"\"part\"\"\r\nend";

    /** The ids of the leads, in insertion order (1 to 10 after a truncate). */
    final List<Long> ids = new ArrayList<>();

    static ExportFixture insert() {
        TestLeads.deleteAll();
        ExportFixture fixture = new ExportFixture();
        fixture.add("Bilal", null, "+923331234567", "sms", "ok", "Other", "Low", 30, "COLD", T);
        fixture.add(PAYLOAD, "evil@example.com", null, "website", MESSY_MESSAGE, "Question", "Low", 45, "WARM", T.plusSeconds(60));
        fixture.add("احمد خان", null, "+923001234567", "whatsapp", "میں خریدنا چاہتا ہوں", "Buy", "High", 84, "HOT", T.plusSeconds(120));
        fixture.add("سارة", "sara@example.com", "+971501234567", "instagram", "أريد شراء ثلاث وحدات، من فضلك", "Pricing", "Medium",
                62, "HOT", T.plusSeconds(120));
        fixture.add("@SUM(A1)", null, "+923009999999", "email", "-2+3+cmd|' /C calc'!A0", "Complaint", "Medium", 15, "COLD",
                Instant.parse("2026-11-19T10:30:00Z"));
        fixture.add("Sarah Khan", "sarah@example.com", null, "website", "50% off? Reply_now", "Pricing", "Medium", 59, "WARM",
                Instant.parse("2026-11-19T19:30:00Z"));
        fixture.add("Omar", "omar@example.com", "+923001112223", "whatsapp", "Need 10 units, budget 50,000", "Buy", "High", 91,
                "HOT", Instant.parse("2026-11-19T18:59:00Z"));
        fixture.add("Zara", null, "+923004445556", "email", "Thanks!", "Other", "Low", 60, "HOT",
                Instant.parse("2026-11-21T12:00:00Z"));
        fixture.add("Hamza", "hamza@example.com", null, "sms", "Is it available in blue?", "Question", "Medium", 40, "WARM",
                Instant.parse("2026-11-22T08:00:00Z"));
        fixture.add("Win", null, "+923000000001", "website", "Win money now", "Spam", "Low", 30, "COLD",
                Instant.parse("2026-11-18T08:00:00Z"));
        TestPostgres.execute(
                "UPDATE leads SET status = 'won' WHERE id IN (" + fixture.id(3) + ", " + fixture.id(9) + ")",
                "UPDATE leads SET status = 'contacted' WHERE id = " + fixture.id(7),
                "UPDATE leads SET last_message_at = created_at + interval '5 days', message_count = 3 WHERE id = " + fixture.id(1),
                "UPDATE leads SET last_message_at = created_at + interval '3 days' WHERE id = " + fixture.id(5),
                "UPDATE leads SET score_breakdown = '{\"score\":84,\"quality\":\"HOT\",\"factors\":["
                        + "{\"name\":\"intent\",\"points\":30,\"max\":30,\"evidence\":\"Buy intent from offline, confidence 80\"},"
                        + "{\"name\":\"contact_quality\",\"points\":10,\"max\":15,\"evidence\":\"valid phone\"}]}' WHERE id = "
                        + fixture.id(3));
        return fixture;
    }

    private void add(String name, String email, String phone, String channel, String message, String intent, String urgency,
                     int score, String quality, Instant createdAt) {
        ids.add(TestLeads.insert(new TestLeads.Lead(name, email, phone, channel, message, intent, urgency, score, quality, createdAt)));
    }

    /** The id of the n-th lead, from 1. */
    long id(int n) {
        return ids.get(n - 1);
    }
}
