package io.leadflow.testinfra.generate;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Writes realistic leads straight into the Leadflow schema, fast: a million leads with their messages, analyses
 * and contact identities in a few minutes, through {@code COPY … FROM STDIN} in chunks of one transaction each.
 * For the query benchmark and for tests that need a realistic table. The same seed gives the same leads.
 *
 * <p>From the command line (the classpath of test-infra):
 * {@code java io.leadflow.testinfra.generate.LeadGenerator --url jdbc:postgresql://localhost:5433/leadflow
 * --user leadflow --password leadflow --leads 1000000}
 */
public final class LeadGenerator {

    /** Leads per COPY and transaction. */
    private static final int CHUNK = 20_000;

    private final Options options;

    /**
     * What to generate.
     *
     * @param leads   how many leads
     * @param seed    the random seed; the same seed and end give the same leads
     * @param end     the newest lead's time (usually now)
     * @param days    how many days back the leads are spread, more of them recent
     * @param writers how many connections write at once (the trigram and b-tree index updates dominate, so the
     *                database's cores are the limit)
     */
    public record Options(int leads, long seed, Instant end, int days, int writers) {
        public static Options of(int leads) {
            return new Options(leads, 42, Instant.now().truncatedTo(ChronoUnit.SECONDS), 180,
                    Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        }

        public Options withSeed(long newSeed) {
            return new Options(leads, newSeed, end, days, writers);
        }

        public Options withDays(int newDays) {
            return new Options(leads, seed, end, newDays, writers);
        }

        public Options withEnd(Instant newEnd) {
            return new Options(leads, seed, newEnd, days, writers);
        }

        public Options withWriters(int newWriters) {
            return new Options(leads, seed, end, days, Math.max(1, newWriters));
        }
    }

    /** Opens a connection to the database the leads go to. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /** What was written. */
    public record Summary(int leads, int messages, Duration took) {
        public double leadsPerSecond() {
            return leads / Math.max(0.001, took.toMillis() / 1000.0);
        }
    }

    public LeadGenerator(Options options) {
        this.options = options;
    }

    /**
     * Writes the leads, chunk by chunk (each chunk one transaction, {@link Options#writers()} at once), then vacuums
     * and analyzes the tables; {@code progress} hears the number of leads written so far. Each chunk is the next
     * slice of the timeline, its leads written in the order they arrived, so the table is laid out roughly as a
     * live system's is (with several writers, neighbouring chunks interleave); a chunk's ids are shuffled among its
     * leads, so that no test can take the id order for the time order.
     */
    public Summary write(ConnectionSource database, IntConsumer progress) throws SQLException {
        long started = System.nanoTime();
        int chunks = (options.leads() + CHUNK - 1) / CHUNK;
        AtomicInteger nextChunk = new AtomicInteger();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(options.writers());
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int w = 0; w < options.writers(); w++) {
                running.add(writers.submit(() -> {
                    try (Connection connection = database.open()) {
                        connection.setAutoCommit(false);
                        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                        for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
                            int size = Math.min(CHUNK, options.leads() - chunk * CHUNK);
                            messages.addAndGet(writeChunk(connection, copy, chunk, size));
                            progress.accept(written.addAndGet(size));
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> writer : running) {
                writer.get();
            }
        } catch (ExecutionException e) {
            nextChunk.set(chunks);
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException("generating leads failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        } finally {
            writers.shutdownNow();
        }
        // As autovacuum keeps a live system's tables; left to it, it would start on a million fresh rows in the middle
        // of whatever is measured next.
        try (Connection connection = database.open(); Statement vacuum = connection.createStatement()) {
            vacuum.execute("VACUUM (ANALYZE) leads, message, lead_analysis, lead_identity");
        }
        return new Summary(written.get(), messages.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** One chunk in one transaction; each chunk has its own seed, so the leads do not depend on which writer ran it. */
    private int writeChunk(Connection connection, CopyManager copy, int chunk, int size) throws SQLException, IOException {
        try {
            LeadFactory factory = new LeadFactory(new SplittableRandom(options.seed() * 1_000_003L + chunk),
                    options.end(), options.days());
            long[] leadIds = factory.shuffled(reserve(connection, "leads", size));
            Instant[] arrivals = factory.arrivals(size, chunk * (double) CHUNK / options.leads(),
                    (chunk * (double) CHUNK + size) / options.leads());
            List<GeneratedLead> leads = new ArrayList<>(size);
            int messageCount = 0;
            for (int i = 0; i < size; i++) {
                GeneratedLead lead = factory.next(leadIds[i], arrivals[i]);
                leads.add(lead);
                messageCount += lead.messages().size();
            }
            copyChunk(copy, leads, reserve(connection, "message", messageCount));
            connection.commit();
            return messageCount;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private static void copyChunk(CopyManager copy, List<GeneratedLead> chunk, long[] messageIds) throws SQLException, IOException {
        StringBuilder leads = new StringBuilder(chunk.size() * 900);
        StringBuilder messages = new StringBuilder(chunk.size() * 700);
        StringBuilder analyses = new StringBuilder(chunk.size() * 700);
        StringBuilder identities = new StringBuilder(chunk.size() * 80);
        int next = 0;
        for (GeneratedLead lead : chunk) {
            Csv.row(leads, lead.id(), lead.name(), lead.email(), lead.phone(), lead.channel(), lead.lastText(),
                    lead.intent(), lead.urgency(), lead.score(), lead.quality(), lead.createdAt(), lead.exported(),
                    lead.status(), lead.messages().size(), lead.lastMessageAt(), lead.updatedAt(), lead.scoredAt(),
                    lead.breakdownJson(), lead.leadKey());
            for (GeneratedLead.Message message : lead.messages()) {
                long messageId = messageIds[next++];
                Csv.row(messages, messageId, lead.id(), message.channel(), message.externalId(), message.text(),
                        message.text(), message.metadataJson(), message.at(), message.at());
                Csv.row(analyses, lead.id(), messageId, message.intent(), message.urgency(), message.category(),
                        message.sentiment(), message.confidence(), message.language(), message.extractedJson(),
                        message.provider(), message.attemptsJson(), message.latencyMs(), message.inputTokens(),
                        message.outputTokens(), message.at());
            }
            for (String[] identity : lead.identities()) {
                Csv.row(identities, identity[0], identity[1], lead.id(), lead.createdAt());
            }
        }
        copy.copyIn("COPY leads (id, user_name, user_email, user_phone, channel, message, intent, urgency, score, quality, "
                + "created_at, exported, status, message_count, last_message_at, updated_at, scored_at, score_breakdown, "
                + "lead_key) "
                + "FROM STDIN (FORMAT csv)", new StringReader(leads.toString()));
        copy.copyIn("COPY message (id, lead_id, channel, external_id, original_msg, processed_msg, metadata, created_at, "
                + "stored_at) FROM STDIN (FORMAT csv)", new StringReader(messages.toString()));
        copy.copyIn("COPY lead_analysis (lead_id, message_id, intent, urgency, category, sentiment, confidence, language, "
                + "extracted_data, provider, attempts, latency_ms, input_tokens, output_tokens, created_at) "
                + "FROM STDIN (FORMAT csv)", new StringReader(analyses.toString()));
        copy.copyIn("COPY lead_identity (kind, value, lead_id, created_at) FROM STDIN (FORMAT csv)",
                new StringReader(identities.toString()));
    }

    /** Takes {@code count} ids from a table's identity sequence, so rows can be copied with their ids. */
    private static long[] reserve(Connection connection, String table, int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)")) {
            statement.setString(1, table);
            statement.setInt(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                int i = 0;
                while (rows.next()) {
                    ids[i++] = rows.getLong(1);
                }
            }
        }
        return ids;
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        String user = null;
        String password = null;
        Options options = Options.of(1_000_000);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--url" -> url = value.startsWith("jdbc:") ? value : "jdbc:" + value;
                case "--user" -> user = value;
                case "--password" -> password = value;
                case "--leads" -> options = new Options(Integer.parseInt(value.replace("_", "")), options.seed(),
                        options.end(), options.days(), options.writers());
                case "--writers" -> options = options.withWriters(Integer.parseInt(value));
                case "--seed" -> options = options.withSeed(Long.parseLong(value));
                case "--days" -> options = options.withDays(Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (url == null || args.length % 2 != 0) {
            System.err.println("usage: LeadGenerator --url jdbc:postgresql://HOST:PORT/DB [--user U] [--password P] "
                    + "[--leads 1000000] [--seed 42] [--days 180] [--writers 2]");
            System.exit(2);
        }
        int total = options.leads();
        String jdbcUrl = url;
        String jdbcUser = user;
        String jdbcPassword = password;
        Summary summary = new LeadGenerator(options).write(() -> DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword),
                written -> {
                    if (written % 100_000 == 0 || written == total) {
                        System.out.printf(Locale.ROOT, "  %,d of %,d leads%n", written, total);
                    }
                });
        System.out.printf(Locale.ROOT, "Generated %,d leads and %,d messages in %.1f s (%,.0f leads/s)%n",
                summary.leads(), summary.messages(), summary.took().toMillis() / 1000.0, summary.leadsPerSecond());
    }
}
