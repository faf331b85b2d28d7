package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.wikifarm.error.WikifarmException;

/**
 * The platform database ({@code data/platform.db}): users, wikis, ACLs. Migrated when the application starts.
 * Work runs through {@link #withConnection} so a connection always goes back to the pool.
 */
public final class PlatformDatabase implements AutoCloseable {
    /** The platform schema version that {@code db/changelog/platform/changelog.sql} reaches. */
    public static final int SCHEMA_VERSION = 7;

    private final SqliteConnections connections;

    public PlatformDatabase(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        }
        new SqliteMigrator("platform", "db/changelog/platform/changelog.sql", SCHEMA_VERSION).migrate(file);
        this.connections = new SqliteConnections(file, 8);
    }

    /** Work on one connection; an SQLException is a fault of ours, not the user's, and surfaces as such. */
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T withConnection(Work<T> work) {
        Connection connection;
        try {
            connection = connections.borrow();
        } catch (SQLException e) {
            throw new WikifarmException.Unavailable("platform_unavailable", "The platform database is unavailable.", e);
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new PlatformSqlException(e);
        } finally {
            connections.giveBack(connection);
        }
    }

    /** Runs {@code work} in one transaction. */
    public <T> T inTransaction(Work<T> work) {
        return withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    @Override
    public void close() {
        connections.close();
    }

    /** An unexpected SQL failure; the message keeps SQL details out of responses. */
    public static final class PlatformSqlException extends RuntimeException {
        PlatformSqlException(SQLException cause) {
            super("Platform database error: " + cause.getMessage(), cause);
        }

        public boolean isUniqueViolation() {
            return getCause().getMessage() != null && getCause().getMessage().contains("UNIQUE constraint failed");
        }
    }
}
