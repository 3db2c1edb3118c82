package io.leadflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** JDBC to the system's database, for baselines and for reading back what the pipeline stored. */
final class Database {

    private final Target target;

    Database(Target target) {
        this.target = target;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(target.jdbcUrl(), target.dbUser(), target.dbPassword());
    }

    long count(String sql, Object... params) throws SQLException {
        try (Connection db = connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    void execute(String... sql) throws SQLException {
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
