package io.leadflow.bench;

import org.HdrHistogram.Histogram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leads per second from webhook to a row in PostgreSQL with the offline analyzer, and the webhook-to-stored latency
 * at a fixed 500 webhooks/s; beside them, the same rows written by batched multi-row INSERTs straight into the same
 * database. Measured after a warm-up, in steady state. Targets (SPEC §11): ratio >= 0.25; p99 <= 1 s at 500/s.
 */
final class PipelineScenario {

    private static final int FIXED_RATE = 500;
    private static final List<String> TABLES = List.of("leads", "message", "lead_analysis", "lead_identity");

    private final Target target;
    private final Mode mode;
    private final Progress progress;
    private final Database db;

    PipelineScenario(Target target, Mode mode, Progress progress) {
        this.target = target;
        this.mode = mode;
        this.progress = progress;
        this.db = new Database(target);
    }

    ScenarioResult run() throws Exception {
        Map<String, Object> details = new LinkedHashMap<>();
        long runId = System.currentTimeMillis();
        Webhooks webhooks = new Webhooks("pipeline-" + runId, target.whatsappAppSecret());

        // Steady state is what is measured: a fresh JVM spends as much CPU compiling its hot paths as running them.
        progress.step("pipeline: warming up (the services' JIT compiles the hot paths)");
        Instant warmupStart = Instant.now();
        awaitStored(warmupStart, post(new Webhooks("pipeline-warmup-" + runId, target.whatsappAppSecret()),
                mode.pipelineWarmup()), mode.scenarioLimit());

        Instant sustainedStart = Instant.now();
        long accepted = post(webhooks, mode.pipelineMessages());
        progress.step("pipeline: " + accepted + " webhooks accepted, waiting for them in PostgreSQL");
        Stored sustained = awaitStored(sustainedStart, accepted, mode.scenarioLimit());
        double leadsPerSecond = sustained.count * 1e9 / Math.max(1, sustained.span.toNanos());
        details.put("sustained_messages", sustained.count);
        details.put("sustained_seconds", sustained.span.toMillis() / 1000.0);

        details.put("quiet_wait_before_rate_s", Machine.awaitQuiet(progress).toSeconds());
        progress.step("pipeline: " + FIXED_RATE + " webhooks/s for " + mode.pipelineFixedRate().toSeconds() + " s");
        Instant fixedStart = Instant.now();
        HttpLoad.Outcome fixed;
        try (HttpLoad load = new HttpLoad(target.ingestPort(), 256)) {
            fixed = load.openLoop(FIXED_RATE, mode.pipelineFixedRate(), n -> webhooks.mixed(10_000_000L + n));
        }
        awaitStored(fixedStart, fixed.accepted(), Duration.ofMinutes(2));
        Histogram latency = storedLatency(fixedStart);
        details.put("fixed_rate_webhooks", IngestScenario.summary(fixed));
        details.put("fixed_rate_stored_p999_ms", latency.getValueAtPercentile(99.9));

        progress.step("pipeline: baseline, the same rows by multi-row INSERT");
        double baseline = baselineLeadsPerSecond(sustainedStart, sustained.last, details);
        double ratio = leadsPerSecond / baseline;
        double p99 = latency.getValueAtPercentile(99);
        return new ScenarioResult("pipeline", Math.round(leadsPerSecond), "leads/s", (double) Math.round(baseline), ratio,
                (double) latency.getValueAtPercentile(50), p99, "ratio >= 0.25 and webhook-to-stored p99 <= 1000 ms at 500/s",
                ratio >= 0.25 && p99 <= 1000, details);
    }

    private long post(Webhooks webhooks, int count) throws InterruptedException {
        progress.step("pipeline: posting " + count + " webhooks as fast as ingest takes them");
        try (HttpLoad load = new HttpLoad(target.ingestPort(), 128)) {
            return load.closedLoopCount(64, count, webhooks::mixed).accepted();
        }
    }

    private record Stored(long count, Duration span, Instant last) {
    }

    /** Waits until {@code expected} messages received since {@code since} are stored; answers how long they took. */
    private Stored awaitStored(Instant since, long expected, Duration limit) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (Connection connection = db.connect();
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT count(*), min(created_at), max(stored_at) FROM message WHERE created_at >= ?")) {
                query.setTimestamp(1, Timestamp.from(since));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    long count = row.getLong(1);
                    if (count >= expected || System.nanoTime() > deadline) {
                        if (count < expected) {
                            progress.step("pipeline: only " + count + " of " + expected + " stored within " + limit);
                        }
                        if (count == 0) {
                            throw new IllegalStateException("no message was stored within " + limit);
                        }
                        Instant first = row.getTimestamp(2).toInstant();
                        Instant last = row.getTimestamp(3).toInstant();
                        return new Stored(count, Duration.between(first, last), last);
                    }
                }
            }
            Thread.sleep(250);
        }
    }

    private Histogram storedLatency(Instant since) throws SQLException {
        Histogram latency = new Histogram(3_600_000L, 3);
        try (Connection connection = db.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT (extract(epoch FROM stored_at - created_at) * 1000)::bigint FROM message WHERE created_at >= ?")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    latency.recordValue(Math.max(0, Math.min(latency.getHighestTrackableValue(), rows.getLong(1))));
                }
            }
        }
        return latency;
    }

    /**
     * Re-writes the rows the sustained run stored (its leads, messages, analyses and identities) into copies of the
     * tables, with every index, by multi-row INSERTs of 100 rows, a transaction per 1,000 rows.
     */
    private double baselineLeadsPerSecond(Instant from, Instant to, Map<String, Object> details) throws SQLException {
        try (Connection connection = db.connect()) {
            Map<String, List<Object[]>> rows = new LinkedHashMap<>();
            Map<String, List<String>> columns = new LinkedHashMap<>();
            for (String table : TABLES) {
                String scope = switch (table) {
                    case "message" -> "created_at >= ? AND created_at <= ?";
                    case "leads" -> "id IN (SELECT lead_id FROM message WHERE created_at >= ? AND created_at <= ?)";
                    default -> "lead_id IN (SELECT lead_id FROM message WHERE created_at >= ? AND created_at <= ?)";
                };
                List<String> names = writableColumns(connection, table);
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT " + String.join(", ", names) + " FROM " + table + " WHERE " + scope)) {
                    select.setTimestamp(1, Timestamp.from(from));
                    select.setTimestamp(2, Timestamp.from(to));
                    try (ResultSet result = select.executeQuery()) {
                        List<Object[]> values = new ArrayList<>();
                        while (result.next()) {
                            Object[] row = new Object[names.size()];
                            for (int c = 0; c < names.size(); c++) {
                                row[c] = result.getObject(c + 1);
                            }
                            values.add(row);
                        }
                        columns.put(table, names);
                        rows.put(table, values);
                    }
                }
            }
            long leads = rows.get("leads").size();
            for (String table : TABLES) {
                db.execute("DROP TABLE IF EXISTS bench_" + table,
                        "CREATE TABLE bench_" + table + " (LIKE " + table + " INCLUDING ALL)");
            }
            connection.setAutoCommit(false);
            long started = System.nanoTime();
            for (String table : TABLES) {
                insertBatched(connection, "bench_" + table, columns.get(table), rows.get(table));
            }
            connection.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            connection.setAutoCommit(true);
            for (String table : TABLES) {
                db.execute("DROP TABLE bench_" + table);
            }
            details.put("baseline_rows", rows.values().stream().mapToInt(List::size).sum());
            details.put("baseline_seconds", seconds);
            return leads / seconds;
        }
    }

    /** The columns a client writes: not the identity id, not generated ones (PostgreSQL computes those). */
    private static List<String> writableColumns(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER' "
                + "AND is_identity = 'NO' ORDER BY ordinal_position")) {
            query.setString(1, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static void insertBatched(Connection connection, String table, List<String> columns, List<Object[]> rows)
            throws SQLException {
        int perStatement = 100;
        String tuple = "(" + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        int inTransaction = 0;
        for (int start = 0; start < rows.size(); start += perStatement) {
            List<Object[]> slice = rows.subList(start, Math.min(rows.size(), start + perStatement));
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                    + String.join(", ", java.util.Collections.nCopies(slice.size(), tuple));
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int index = 1;
                for (Object[] row : slice) {
                    for (Object value : row) {
                        insert.setObject(index++, value);
                    }
                }
                insert.executeUpdate();
            }
            inTransaction += slice.size();
            if (inTransaction >= 1000) {
                connection.commit();
                inTransaction = 0;
            }
        }
    }
}
