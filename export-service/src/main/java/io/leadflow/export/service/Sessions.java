package io.leadflow.export.service;

import io.leadflow.export.repository.LeadExportSession;
import io.quarkus.logging.Log;

import java.sql.SQLException;

final class Sessions {

    private Sessions() {
    }

    static void closeQuietly(LeadExportSession session) {
        try {
            session.close();
        } catch (SQLException e) {
            Log.warnf("Releasing an export's database connection failed: %s", e.getMessage());
        }
    }
}
