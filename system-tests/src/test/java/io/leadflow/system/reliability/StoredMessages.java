package io.leadflow.system.reliability;

import io.leadflow.testinfra.DbCoordinates;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stream left in PostgreSQL, read straight from the {@code message} table with the lead each message is on,
 * counted against what the stream got a 2xx for: every acknowledged message stored once, on its sender's lead.
 */
final class StoredMessages {

    private static final Pattern TOKEN = Pattern.compile("\\[s\\d#(\\d+)]");

    private final DbCoordinates db;

    StoredMessages(DbCoordinates db) {
        this.db = db;
    }

    /**
     * One scenario's count, as {@code RELIABILITY scenario=… sent=… acked=… stored=… duplicates=… lost=…} prints it,
     * with how long the pipeline took to store the last of it after the last acknowledgement ({@code catch_up_s}).
     */
    record Count(String scenario, int sent, int acked, int stored, int duplicates, int lost, int misplaced, int refused,
                 Duration catchUp) {

        String line() {
            return "RELIABILITY scenario=" + scenario + " sent=" + sent + " acked=" + acked + " stored=" + stored
                    + " duplicates=" + duplicates + " lost=" + lost
                    + (misplaced == 0 ? "" : " misplaced=" + misplaced) + (refused == 0 ? "" : " refused=" + refused)
                    + " catch_up_s=" + catchUp.toSeconds();
        }
    }

    /**
     * Waits until every acknowledged message of the stream, sent to the end, is stored (or {@code timeout} passes), then
     * counts: stored, rows beyond one per message (duplicates), acknowledged but missing (lost), and on a lead of
     * another phone (misplaced).
     */
    Count await(WebhookStream stream, Duration timeout) throws SQLException, InterruptedException {
        Set<Integer> acked = stream.ackedIndexes();
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Map<Integer, List<String>> read = read(stream.scenario());
        while (!read.keySet().containsAll(acked) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            read = read(stream.scenario());
        }
        Duration catchUp = Duration.ofNanos(System.nanoTime() - started);
        Map<Integer, List<String>> phonesByIndex = read;
        int duplicates = 0;
        int misplaced = 0;
        for (Map.Entry<Integer, List<String>> stored : phonesByIndex.entrySet()) {
            duplicates += stored.getValue().size() - 1;
            String phone = stream.phone(stored.getKey());
            misplaced += (int) stored.getValue().stream().filter(onLead -> !phone.equals(onLead)).count();
        }
        int lost = (int) acked.stream().filter(index -> !phonesByIndex.containsKey(index)).count();
        return new Count(stream.scenario(), stream.sent(), acked.size(), phonesByIndex.size(), duplicates, lost, misplaced,
                stream.refusedIndexes().size(), catchUp);
    }

    /** Each stored message of a scenario (by its index), with the phone of the lead of each row that holds it. */
    private Map<Integer, List<String>> read(String scenario) throws SQLException {
        Map<Integer, List<String>> phonesByIndex = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             PreparedStatement query = connection.prepareStatement("SELECT m.original_msg, l.user_phone FROM message m "
                     + "JOIN leads l ON l.id = m.lead_id WHERE m.original_msg LIKE ?")) {
            query.setString(1, "%[" + scenario + "#%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Matcher token = TOKEN.matcher(rows.getString(1));
                    if (token.find()) {
                        phonesByIndex.computeIfAbsent(Integer.parseInt(token.group(1)), index -> new ArrayList<>())
                                .add(rows.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return phonesByIndex; // the database is still coming back
            }
            throw e;
        }
        return phonesByIndex;
    }
}
