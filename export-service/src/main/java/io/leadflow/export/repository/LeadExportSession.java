package io.leadflow.export.repository;

import io.leadflow.export.ExportColumns;
import io.leadflow.export.ExportRequest;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One export's transaction: the filter bound, the business's time zone set, and, when the leads are to be marked,
 * their ids kept in a temporary table so that exactly the exported rows are marked. Blocking JDBC: use it on a
 * worker thread. Nothing is marked unless {@link #markExportedAndCommit()} runs; {@link #close()} rolls back
 * whatever did not commit.
 */
public final class LeadExportSession implements AutoCloseable {

    private static final List<ExportColumns.Column> COLUMNS = ExportColumns.ALL;

    private final Connection connection;
    private final ExportSql sql;
    private final boolean marking;
    private boolean closed;
    /** A COPY broke off: the connection may hold the rest of its answer, so it must not serve anyone again. */
    private volatile boolean copyBrokenOff;

    private LeadExportSession(Connection connection, ExportSql sql, boolean marking) {
        this.connection = connection;
        this.sql = sql;
        this.marking = marking;
    }

    /** Starts an export's transaction on a connection of {@code dataSource}. */
    public static LeadExportSession open(DataSource dataSource, ExportRequest request, ZoneId zone) throws SQLException {
        Connection connection = dataSource.getConnection();
        LeadExportSession session = new LeadExportSession(connection, ExportSql.of(request.filter()), request.markExported());
        try {
            connection.setAutoCommit(false);
            session.prepare(zone);
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private void prepare(ZoneId zone) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            bind(set, "TimeZone", postgresZone(zone));
            for (ExportSql.Setting setting : sql.plannerSettings(marking)) {
                bind(set, setting.name(), setting.value());
            }
            for (ExportSql.Setting setting : sql.settings()) {
                bind(set, setting.name(), setting.value());
            }
        }
        if (marking) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ExportSql.CREATE_EXPORTED_IDS);
            }
            try (PreparedStatement insert = connection.prepareStatement(sql.insertExportedIds())) {
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE export_ids");
            }
        }
    }

    private static void bind(PreparedStatement set, String name, String value) throws SQLException {
        set.setString(1, name);
        set.setString(2, value);
        set.executeQuery().close();
    }

    /** PostgreSQL and Java share the IANA zone names; a bare "Z" is UTC. */
    public static String postgresZone(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized.equals(ZoneOffset.UTC)) {
            return "UTC";
        }
        if (normalized instanceof ZoneOffset) {
            throw new IllegalArgumentException("The export zone must be a region such as Asia/Karachi or UTC, not " + zone);
        }
        return zone.getId();
    }

    /**
     * Streams the rows as CSV, a header line first, through PostgreSQL's own CSV writer ({@code COPY}). If
     * {@code out} fails (the client went away), the driver cancels the query before this throws.
     *
     * @return the number of rows
     */
    public long copyCsv(OutputStream out) throws SQLException, IOException {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql.csvCopy(marking), out);
        } catch (IOException e) {
            // pgjdbc cancels the COPY but may leave the end of its answer unread on the connection, where the next
            // statement would read it as its own (pgjdbc issue 3163): the connection is discarded, not pooled.
            copyBrokenOff = true;
            throw e;
        }
    }

    /**
     * Reads the rows with a cursor, {@code fetchSize} at a time, each as the values of {@link ExportColumns#ALL}:
     * a {@code Long} for a number, a {@code String} for text, or null.
     *
     * @throws CancellationException once {@code cancelled} says so, checked before each row
     * @return the number of rows
     */
    public long forEachRow(int fetchSize, BooleanSupplier cancelled, Consumer<Object[]> eachRow) throws SQLException {
        long rows = 0;
        try (PreparedStatement select = connection.prepareStatement(sql.select(marking))) {
            select.setFetchSize(fetchSize);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancellationException("The export was cancelled");
                    }
                    eachRow.accept(values(result));
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Object[] values(ResultSet result) throws SQLException {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            if (COLUMNS.get(i).kind() == ExportColumns.Kind.NUMBER) {
                long number = result.getLong(i + 1);
                values[i] = result.wasNull() ? null : number;
            } else {
                values[i] = result.getString(i + 1);
            }
        }
        return values;
    }

    /** Whether this export marks its leads, and so must stay open until the file is delivered. */
    public boolean marking() {
        return marking;
    }

    /**
     * Marks the exported leads {@code exported} (those not marked already) and commits: call it once the whole
     * file is delivered. Unless the export marks its leads (a POST), this only ends the read-only transaction.
     *
     * @return the number of leads newly marked
     */
    public int markExportedAndCommit() throws SQLException {
        int marked = 0;
        if (marking) {
            try (Statement update = connection.createStatement()) {
                marked = update.executeUpdate(ExportSql.MARK_EXPORTED);
            }
        }
        connection.commit();
        return marked;
    }

    /** Rolls back whatever did not commit and gives the connection back. Safe to call more than once. */
    @Override
    public synchronized void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (copyBrokenOff) {
                discard();
            } else if (!connection.isClosed()) {
                connection.rollback();
            }
        } finally {
            connection.close();
        }
    }

    /**
     * Ends the database connection itself, under the pool's wrapper: PostgreSQL rolls its transaction back, and the
     * pool, failing to reset it when it is handed back, closes it and opens another in its place.
     */
    private void discard() throws SQLException {
        connection.unwrap(BaseConnection.class).abort(Runnable::run);
    }
}
