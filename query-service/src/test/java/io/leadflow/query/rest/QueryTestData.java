package io.leadflow.query.rest;

import io.leadflow.testinfra.TestPostgres;
import io.leadflow.testinfra.generate.LeadGenerator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rows the query tests need beyond {@code TestLeads}: generated leads, messages, analyses, a breakdown. */
public final class QueryTestData {

    private QueryTestData() {
    }

    /** A lead as the tests read it straight from the table, to check the API against. */
    public record Row(long id, String name, String email, String phone, String channel, String message, String intent,
               String urgency, int score, String quality, String status, Instant createdAt, Instant lastMessageAt) {
    }

    /** Writes {@code count} realistic leads (their conversations included) ending at {@code end}. */
    public static void generate(int count, long seed, Instant end) {
        try {
            new LeadGenerator(LeadGenerator.Options.of(count).withSeed(seed).withEnd(end).withDays(30).withWriters(1))
                    .write(TestPostgres::connect, written -> { });
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every lead in the table. */
    public static List<Row> all() {
        List<Row> rows = new ArrayList<>();
        try (Connection db = TestPostgres.connect(); PreparedStatement select = db.prepareStatement(
                "SELECT id, user_name, user_email, user_phone, channel, message, intent, urgency, score, quality, status, "
                        + "created_at, last_message_at FROM leads")) {
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5), result.getString(6), result.getString(7), result.getString(8),
                            result.getInt(9), result.getString(10), result.getString(11),
                            result.getTimestamp(12).toInstant(), result.getTimestamp(13).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Adds a message and its analysis to a lead; answers the message's id. */
    public static long message(long leadId, String channel, String text, Instant at, String subject, String intent, String urgency,
                        int confidence, String provider, String extractedJson) {
        try (Connection db = TestPostgres.connect()) {
            long messageId;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO message (lead_id, channel, external_id, "
                    + "original_msg, processed_msg, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id")) {
                insert.setLong(1, leadId);
                insert.setString(2, channel);
                insert.setString(3, "test-" + leadId + "-" + at.toEpochMilli());
                insert.setString(4, text);
                insert.setString(5, text);
                insert.setString(6, subject == null ? "{}" : "{\"subject\":\"" + subject + "\"}");
                insert.setTimestamp(7, Timestamp.from(at));
                try (ResultSet id = insert.executeQuery()) {
                    id.next();
                    messageId = id.getLong(1);
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO lead_analysis (lead_id, message_id, intent, "
                    + "urgency, category, sentiment, confidence, language, extracted_data, provider, attempts, latency_ms, "
                    + "created_at) VALUES (?, ?, ?, ?, 'sales', 'positive', ?, 'en', ?::jsonb, ?, "
                    + "'[{\"provider\":\"mistral\",\"outcome\":\"ok\",\"latencyMs\":640,\"detail\":null}]'::jsonb, 640, ?)")) {
                insert.setLong(1, leadId);
                insert.setLong(2, messageId);
                insert.setString(3, intent);
                insert.setString(4, urgency);
                insert.setInt(5, confidence);
                insert.setString(6, extractedJson);
                insert.setString(7, provider);
                insert.setTimestamp(8, Timestamp.from(at));
                insert.execute();
            }
            return messageId;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A HOT lead with a two-message conversation (an email question, then a WhatsApp order), both analysed, and a
     * seven-factor breakdown; answers its id.
     */
    public static long leadWithConversation(String name, String phone, String intent, int score, String quality) {
        Instant now = Instant.now();
        long id = io.leadflow.testinfra.TestLeads.insert(new io.leadflow.testinfra.TestLeads.Lead(name, null, phone,
                "whatsapp", "I want to buy 3 today, it is urgent", intent, "High", score, quality, now.minusSeconds(90)));
        message(id, "email", "Do you have solar panels?", now.minusSeconds(90), "Solar panels", "Question", "Low", 70,
                "offline", "{\"product\":\"solar panels\"}");
        message(id, "whatsapp", "I want to buy 3 today, it is urgent", now.minusSeconds(30), null, intent, "High", 92,
                "mistral", "{\"product\":\"solar panels\",\"quantity\":3}");
        breakdown(id, "{\"score\":" + score + ",\"quality\":\"" + quality + "\",\"factors\":["
                + "{\"name\":\"intent\",\"points\":28,\"max\":30,\"evidence\":\"Buy intent from mistral, confidence 92\"},"
                + "{\"name\":\"urgency\",\"points\":20,\"max\":20,\"evidence\":\"High urgency\"},"
                + "{\"name\":\"contact_quality\",\"points\":10,\"max\":15,\"evidence\":\"valid phone\"},"
                + "{\"name\":\"channel\",\"points\":10,\"max\":10,\"evidence\":\"whatsapp\"},"
                + "{\"name\":\"data_quality\",\"points\":6,\"max\":10,\"evidence\":\"name, product, quantity\"},"
                + "{\"name\":\"message_length\",\"points\":3,\"max\":5,\"evidence\":\"35 characters\"},"
                + "{\"name\":\"bonus\",\"points\":5,\"max\":10,\"evidence\":\"phone and name\"}]}");
        return id;
    }

    /** Makes a phone or email the lead's sender's own, as scoring records it. */
    public static void identity(long leadId, String kind, String value) {
        execute("INSERT INTO lead_identity (kind, value, lead_id) VALUES (?, ?, ?)", kind, value, leadId);
    }

    /** Records that one of the lead's messages wrote a phone or email, as scoring records it. */
    public static void written(long leadId, String kind, String value, long messageId, Instant at) {
        execute("INSERT INTO lead_written_identity (lead_id, kind, value, message_channel, message_external_id, created_at) "
                + "SELECT ?, ?, ?, channel, external_id, ? FROM message WHERE id = ?", leadId, kind, value, Timestamp.from(at), messageId);
    }

    private static void execute(String sql, Object... params) {
        try (Connection db = TestPostgres.connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single number a query answers. */
    public static int count(String sql) {
        try (Connection db = TestPostgres.connect(); java.sql.Statement statement = db.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void breakdown(long leadId, String json) {
        try (Connection db = TestPostgres.connect();
             PreparedStatement update = db.prepareStatement("UPDATE leads SET score_breakdown = ?::jsonb WHERE id = ?")) {
            update.setString(1, json);
            update.setLong(2, leadId);
            update.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
