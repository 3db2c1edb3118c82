package io.leadflow.testinfra;

import java.net.URI;

/**
 * Where a PostgreSQL database is, in the form the services are configured with:
 * {@code leadflow.db.url=postgresql://host:port/database}, {@code leadflow.db.user}, {@code leadflow.db.password}.
 */
public record DbCoordinates(String host, int port, String database, String user, String password) {

    /** Parses {@code postgresql://host:port/database}. */
    public static DbCoordinates parse(String url, String user, String password) {
        URI uri = URI.create(url);
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("expected postgresql://host:port/database, got " + url);
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        return new DbCoordinates(uri.getHost(), port, uri.getPath().substring(1), user, password);
    }

    /** The services' form, {@code postgresql://host:port/database}. */
    public String url() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:" + url();
    }
}
