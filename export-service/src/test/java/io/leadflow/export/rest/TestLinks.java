package io.leadflow.export.rest;

import io.leadflow.leadquery.SharedViews;
import io.leadflow.testinfra.TestAccess;
import io.leadflow.testinfra.TestPostgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Share links as query-service would create them: a row of {@code shares} keeping the token's hash. */
final class TestLinks {

    /** A share link: its id and the token its creator was given. */
    record Link(long id, String token) {

        /** The address of one of its downloads, e.g. {@code leads.csv}. */
        String file(String name) {
            return "/api/shared/" + token + "/export/" + name;
        }
    }

    private TestLinks() {
    }

    /** A link of test-admin's, open for a day, scoped to {@code filters} (the JSON of GET /api/leads parameters). */
    static Link create(String filters, boolean maskContacts, boolean allowExport) {
        TestAccess.token("test-admin", "admin"); // its creator
        String token = SharedViews.newToken();
        try (Connection db = TestPostgres.connect(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO shares (token_hash, created_by, expires_at, filters, mask_contacts, allow_export) "
                        + "VALUES (?, 'test-admin', now() + interval '1 day', ?::jsonb, ?, ?) RETURNING id")) {
            insert.setBytes(1, SharedViews.hash(token));
            insert.setString(2, filters);
            insert.setBoolean(3, maskContacts);
            insert.setBoolean(4, allowExport);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return new Link(id.getLong(1), token);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
