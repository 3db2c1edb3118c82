package io.leadflow.testinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * One real PostgreSQL server per test JVM (the PostgreSQL binaries shipped in a Maven artifact, on a free
 * port, with a throwaway data directory); or the database named by {@code LEADFLOW_DB_URL},
 * {@code LEADFLOW_DB_USER} and {@code LEADFLOW_DB_PASSWORD}, in which case nothing is started.
 */
public final class TestPostgres {

    private static final Logger LOG = Logger.getLogger(TestPostgres.class.getName());
    private static final String DATABASE = "leadflow";

    private static EmbeddedPostgres server;
    private static DbCoordinates coordinates;
    private static boolean migrated;

    private TestPostgres() {
    }

    /** Where the test database is, started on first use. */
    public static synchronized DbCoordinates coordinates() {
        if (coordinates == null) {
            String external = System.getenv("LEADFLOW_DB_URL");
            if (external != null && !external.isBlank()) {
                coordinates = DbCoordinates.parse(external.strip(), System.getenv("LEADFLOW_DB_USER"),
                        System.getenv("LEADFLOW_DB_PASSWORD"));
                LOG.info("Using the database named by LEADFLOW_DB_URL: " + coordinates.url());
            } else {
                coordinates = start();
            }
        }
        return coordinates;
    }

    /**
     * Applies scoring-service's Flyway history, the one schema every service shares. Services other than
     * scoring never migrate; their tests call this to find the schema scoring would have created.
     */
    public static synchronized void migrate() {
        if (migrated) {
            return;
        }
        DbCoordinates db = coordinates();
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("filesystem:" + migrationsDirectory())
                .load()
                .migrate();
        migrated = true;
    }

    /** A new JDBC connection to the test database; close it. */
    public static Connection connect() throws SQLException {
        DbCoordinates db = coordinates();
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Runs statements, one after the other, in autocommit. */
    public static void execute(String... sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** The first column of every row a query returns, as text. */
    public static List<String> column(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** The scoring-service migrations, found from the module directory a test runs in. */
    static Path migrationsDirectory() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("scoring-service/src/main/resources/db/migration");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scoring-service/src/main/resources/db/migration not found above "
                + Paths.get("").toAbsolutePath());
    }

    private static DbCoordinates start() {
        try {
            Path base = TempDirectories.create("postgres-");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(base.resolve("binaries").toFile())
                    .setDataDirectory(base.resolve("data"))
                    .setCleanDataDirectory(true)
                    // A throwaway database: durability buys nothing here and costs seconds per test run.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            try (Connection connection = pg.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            server = pg;
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "test-postgres-stop"));
            DbCoordinates db = new DbCoordinates("localhost", pg.getPort(), DATABASE, "postgres", "postgres");
            LOG.info("Started the test PostgreSQL at " + db.url());
            return db;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the test PostgreSQL", e);
        }
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warning("Stopping the test PostgreSQL failed: " + e);
            }
            server = null;
        }
    }
}
