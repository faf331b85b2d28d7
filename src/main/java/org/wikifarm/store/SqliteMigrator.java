package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.sqlite.SQLiteDataSource;
import org.wikifarm.error.WikifarmException;

/**
 * Brings one SQLite file up to a schema version with Liquibase, safely across threads and processes.
 * Liquibase's own lock is not safe on SQLite (docs/stack.md), so: {@code PRAGMA user_version} fast path → in-JVM lock
 * plus an OS file lock on a side file → check again → clear a stale Liquibase lock → update → set
 * {@code user_version}. A file whose version is newer than the code is refused and never touched.
 */
public final class SqliteMigrator {
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final String what;
    private final String changelog;
    private final int version;

    /**
     * @param what      a name for messages, e.g. "wiki"
     * @param changelog the Liquibase changelog on the class path
     * @param version   the schema version the changelog reaches; raise it with every new changeset
     */
    public SqliteMigrator(String what, String changelog, int version) {
        this.what = what;
        this.changelog = changelog;
        this.version = version;
    }

    public int version() {
        return version;
    }

    /** Migrates the file if needed; returns true when it ran Liquibase. */
    public boolean migrate(Path file) {
        return migrate(file, (Path) null);
    }

    /**
     * Migrates the file if needed, first copying a database that has a schema ({@code user_version} above 0) into
     * {@code backupDir} by {@code VACUUM INTO} ({@code <what>-v<version>.db}, replacing an older copy); if the migration
     * fails, the file is put back from that copy and the failure says so, and why. No other connection to the file may
     * be open. {@code backupDir} null: no copy (a new file has nothing to lose). Returns true when it ran Liquibase.
     */
    public boolean migrate(Path file, Path backupDir) {
        if (isCurrent(file)) {
            return false;
        }
        Path absolute = file.toAbsolutePath().normalize();
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(absolute, p -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel channel = FileChannel.open(lockFile(absolute),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (isCurrent(absolute)) {
                return false;
            }
            int from = storedVersion(absolute);
            Path backup = from > 0 && backupDir != null ? backup(absolute, backupDir, from) : null;
            try {
                update(absolute);
            } catch (RuntimeException e) {
                if (backup == null) {
                    throw e;
                }
                putBack(absolute, backup);
                throw new WikifarmException.Unavailable("migration_failed", "The " + what + " database could not be"
                        + " migrated from schema version " + from + " to " + version + ", and was put back as it was"
                        + " (version " + from + ") from the copy taken before. Reason: " + reason(e), e);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + absolute + " for migration", e);
        } finally {
            jvmLock.unlock();
        }
    }

    private Path backup(Path file, Path backupDir, int from) {
        Path backup = backupDir.resolve(what + "-v" + from + ".db");
        try (Connection connection = open(file)) {
            java.nio.file.Files.createDirectories(backupDir);
            java.nio.file.Files.deleteIfExists(backup);
            WikiSnapshots.vacuumInto(connection, backup);
            return backup;
        } catch (SQLException e) {
            throw unreadable(file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file + " before migrating it", e);
        }
    }

    /** The copy back in place of the file (its WAL and shared memory with it): written aside, renamed over. */
    private static void putBack(Path file, Path backup) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".putting-back");
            java.nio.file.Files.copy(backup, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
            java.nio.file.Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
            java.nio.file.Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot put " + file + " back from " + backup, e);
        }
    }

    /** The innermost cause's message, bounded: what went wrong, for the person who runs the migration. */
    private static String reason(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause.getCause() != null && depth < 20; depth++) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    /** The fast path for a file that is already open: migrates only when {@code connection} sees an old version. */
    public void migrate(Path file, Connection connection) {
        try {
            if (!isCurrent(storedVersion(connection))) {
                migrate(file);
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
    }

    /** The version stored in the file (0 for a new file). */
    public int storedVersion(Path file) {
        try (Connection connection = open(file)) {
            return storedVersion(connection);
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
    }

    static int storedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            return result.next() ? result.getInt(1) : 0;
        }
    }

    private boolean isCurrent(Path file) {
        return isCurrent(storedVersion(file));
    }

    /** Whether a stored version is older than the code's (a newer one is refused: {@link SchemaTooNewException}). */
    public boolean isOlder(int stored) {
        return !isCurrent(stored);
    }

    private boolean isCurrent(int stored) {
        if (stored > version) {
            throw new SchemaTooNewException(what, stored, version);
        }
        return stored == version;
    }

    private void update(Path file) {
        try (Connection connection = open(file)) {
            try (Statement statement = connection.createStatement()) {
                // Once, at creation, under the lock: setting WAL on every open races (docs/stack.md).
                statement.execute("PRAGMA journal_mode=WAL");
                clearStaleLiquibaseLock(statement);
            }
            runLiquibase(connection);
            // Liquibase leaves the connection in manual-commit mode; the version must not sit in a transaction that
            // closing the connection rolls back.
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA user_version = " + version);
            }
        } catch (SQLException e) {
            throw unreadable(file, e);
        }
    }

    private static void clearStaleLiquibaseLock(Statement statement) throws SQLException {
        try (ResultSet tables = statement.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='DATABASECHANGELOGLOCK'")) {
            if (!tables.next() || tables.getInt(1) == 0) {
                return;
            }
        }
        statement.executeUpdate("UPDATE DATABASECHANGELOGLOCK SET LOCKED = 0, LOCKGRANTED = NULL, LOCKEDBY = NULL");
    }

    private void runLiquibase(Connection connection) {
        runLiquibase(connection, changelog, "The " + what + " database could not be migrated.");
    }

    /** Liquibase's update of {@code changelog} on {@code connection}; a failure is a 503 {@code migration_failed}. */
    static void runLiquibase(Connection connection, String changelog, String failure) {
        try {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(SqliteMigrator.class.getClassLoader()));
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .execute());
        } catch (Exception e) {
            throw new WikifarmException.Unavailable("migration_failed", failure, e);
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteDataSource dataSource = new SQLiteDataSource(SqliteConnections.config());
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource.getConnection();
    }

    private static Path lockFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".migration-lock");
    }

    private WikifarmException unreadable(Path file, SQLException e) {
        return new WikifarmException.Unavailable("database_unreadable",
                "The " + what + " database cannot be read; it may be damaged.", e);
    }
}
