package io.leadflow.scoring;

import io.leadflow.testinfra.TestPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the test database, for assertions on what scoring stored. */
public final class Db {

    private Db() {
    }

    /** Every row of a query, each as column → value. */
    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection db = TestPostgres.connect(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                query.setObject(i + 1, params[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        row.put(columns.getColumnLabel(c), rows.getObject(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
    }

    /** The single value of a query that answers one. */
    public static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + sql + ", got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    public static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    public static void execute(String sql, Object... params) {
        try (Connection db = TestPostgres.connect(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + e.getMessage(), e);
        }
    }
}
