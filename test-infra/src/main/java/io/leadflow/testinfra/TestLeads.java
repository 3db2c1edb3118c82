package io.leadflow.testinfra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Leads written straight into the test database, as scoring-service would have stored them. */
public final class TestLeads {

    private TestLeads() {
    }

    /** A lead as the API's tests need it. */
    public record Lead(String name, String email, String phone, String channel, String message, String intent,
                       String urgency, int score, String quality, Instant createdAt) {
    }

    /** Inserts the lead (one message, status new) and answers its id. */
    public static long insert(Lead lead) {
        String sql = "INSERT INTO leads (user_name, user_email, user_phone, channel, message, intent, urgency, score, "
                + "quality, created_at, last_message_at, message_count, lead_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id";
        try (Connection db = TestPostgres.connect(); PreparedStatement insert = db.prepareStatement(sql)) {
            insert.setString(1, lead.name());
            insert.setString(2, lead.email());
            insert.setString(3, lead.phone());
            insert.setString(4, lead.channel());
            insert.setString(5, lead.message());
            insert.setString(6, lead.intent());
            insert.setString(7, lead.urgency());
            insert.setInt(8, lead.score());
            insert.setString(9, lead.quality());
            insert.setTimestamp(10, Timestamp.from(lead.createdAt()));
            insert.setTimestamp(11, Timestamp.from(lead.createdAt()));
            insert.setString(12, lead.phone() != null ? lead.phone() : lead.email());
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Inserting a test lead failed: " + e.getMessage(), e);
        }
    }

    /** Removes every lead and what hangs off it, for tests that need to know the whole table. */
    public static void deleteAll() {
        TestPostgres.execute("TRUNCATE lead_analysis, message, lead_identity, leads RESTART IDENTITY CASCADE");
    }
}
