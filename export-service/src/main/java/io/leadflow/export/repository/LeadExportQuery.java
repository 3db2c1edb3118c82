package io.leadflow.export.repository;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/** Streams leads out of PostgreSQL with a server-side cursor, so memory stays flat whatever the row count. */
@ApplicationScoped
public class LeadExportQuery {

    /** The exported columns, in file order. */
    public static final String COLUMNS = "id, user_name, user_email, user_phone, channel, message, intent, urgency, "
            + "score, quality, status, message_count, created_at, last_message_at, exported";
    private static final int FETCH_SIZE = 2_000;

    private final AgroalDataSource dataSource;

    public LeadExportQuery(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Calls {@code eachRow} for every lead, newest first. Blocking: call it on a worker thread. */
    public void forEachLead(Consumer<ResultSet> eachRow) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            // A cursor (fetch size) only streams inside a transaction.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM leads ORDER BY created_at DESC, id DESC")) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        eachRow.accept(rows);
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }
}
