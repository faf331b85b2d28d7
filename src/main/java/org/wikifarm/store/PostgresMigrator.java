package org.wikifarm.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.wikifarm.error.WikifarmException;

/**
 * Brings the platform database on PostgreSQL up to a schema version with the same Liquibase changelog as the
 * embedded file, the same rules as {@link SqliteMigrator}: the version is read first (a one-row table
 * {@code platform_schema}, PostgreSQL's stand-in for {@code PRAGMA user_version}); a database newer than the code is
 * refused untouched ({@link SchemaTooNewException}); otherwise the node takes a session-level advisory lock, so nodes
 * that start at once against one database migrate it one after the other (the lock ends with the session, so a node
 * that dies mid-way leaves no lock behind), checks again, clears a Liquibase lock such a node left, runs Liquibase,
 * and writes the version.
 */
public final class PostgresMigrator {
    /** The advisory lock's key (any fixed number; advisory locks are per database). "wikifarm" in ASCII. */
    static final long LOCK_KEY = 0x77696b696661726dL;

    private final String changelog;
    private final int version;

    public PostgresMigrator(String changelog, int version) {
        this.changelog = changelog;
        this.version = version;
    }

    /** Migrates the database if needed; returns true when it ran Liquibase. */
    public boolean migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (isCurrent(storedVersion(connection))) {
                return false;
            }
            lock(connection, "pg_advisory_lock");
            try {
                if (isCurrent(storedVersion(connection))) {
                    return false;
                }
                clearStaleLiquibaseLock(connection);
                runLiquibase(connection);
                connection.setAutoCommit(true);
                writeVersion(connection);
                return true;
            } finally {
                lock(connection, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new WikifarmException.Unavailable("platform_unavailable",
                    "The platform database cannot be reached or read: " + e.getMessage(), e);
        }
    }

    /** The version the database holds (0: none yet). */
    public static int storedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT to_regclass('platform_schema') IS NOT NULL")) {
            if (!exists.next() || !exists.getBoolean(1)) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM platform_schema WHERE id = 1")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private boolean isCurrent(int stored) {
        if (stored > version) {
            throw new SchemaTooNewException("platform", stored, version);
        }
        return stored == version;
    }

    private static void lock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.executeQuery().close();
        }
    }

    /** Under the advisory lock no other node migrates, so a Liquibase lock that is held was left by a dead one. */
    private static void clearStaleLiquibaseLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean exists;
            try (ResultSet found = statement.executeQuery(
                    "SELECT to_regclass('databasechangeloglock') IS NOT NULL")) {
                exists = found.next() && found.getBoolean(1);
            }
            if (exists) {
                statement.executeUpdate(
                        "UPDATE databasechangeloglock SET locked = FALSE, lockgranted = NULL, lockedby = NULL");
            }
        }
    }

    private void writeVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS platform_schema ("
                    + "id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO platform_schema (id, version)"
                + " VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version")) {
            upsert.setInt(1, version);
            upsert.executeUpdate();
        }
    }

    private void runLiquibase(Connection connection) {
        SqliteMigrator.runLiquibase(connection, changelog, "The platform database could not be migrated.");
    }
}
