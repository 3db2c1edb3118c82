package io.leadflow.testinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * A PostgreSQL server of a test's own, on a port chosen once, that the test can stop and start again with its data: a
 * real database outage, for tests of what the services do while it is gone and after it is back. The JVM's shared
 * {@link TestPostgres} is not touched.
 */
public final class PostgresProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PostgresProcess.class.getName());
    private static final String DATABASE = "leadflow";

    private final Path directory;
    private final int port;
    private EmbeddedPostgres server;

    private PostgresProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Creates a new data directory, starts the server on it and creates the {@code leadflow} database. */
    public static PostgresProcess start() {
        try {
            PostgresProcess postgres = new PostgresProcess(TempDirectories.create("postgres-process-"), freePort());
            postgres.startAgain();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "postgres-process-stop"));
            try (Connection connection = postgres.server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database", e);
        }
    }

    /** Where the database is; the same before and after a restart. */
    public DbCoordinates coordinates() {
        return new DbCoordinates("localhost", port, DATABASE, "postgres", "postgres");
    }

    /** Stops the server the way an operator does ({@code pg_ctl stop}), keeping its data. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = null;
        LOG.info("Stopped the PostgreSQL process on port " + port);
    }

    /** Starts the stopped server again, on the same port and data directory, and waits until it takes connections. */
    public synchronized void startAgain() {
        if (server != null) {
            throw new IllegalStateException("The PostgreSQL process on port " + port + " is running");
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Started the PostgreSQL process on port " + port);
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
