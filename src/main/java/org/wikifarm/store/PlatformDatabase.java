package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;

/**
 * The platform database: users, wikis, ACLs, placement. The embedded SQLite file {@code data/platform.db} by default,
 * or PostgreSQL when the settings {@code platformDb*} name one (docs/scale-out.md); the same changelog, the same SQL
 * (the few differences are in {@link #dialect()}). Migrated when the application starts.
 * Work runs through {@link #withConnection} so a connection always goes back to the pool. Every statement prepared
 * is counted ({@link #statements()}, shown to platform admins by the health endpoint), so tests and benchmarks can
 * see how many queries a request costs. What the repositories remember of it is bounded by {@link #freshness()}; a
 * committed transaction counts as a change that retires it.
 */
public final class PlatformDatabase implements AutoCloseable {
    /** The platform schema version that {@code db/changelog/platform/changelog.sql} reaches. */
    public static final int SCHEMA_VERSION = 11;

    private static final Set<String> PREPARING = Set.of("prepareStatement", "createStatement", "prepareCall");

    private final PlatformConnections connections;
    private final PlatformDialect dialect;
    private final Freshness freshness;
    private final LongAdder statements = new LongAdder();

    /** A database whose repositories remember nothing (each answer is read again). */
    public PlatformDatabase(Path file) {
        this(file, Freshness.none());
    }

    public PlatformDatabase(Path file, Freshness freshness) {
        this.freshness = freshness;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file.getParent(), e);
        }
        new SqliteMigrator("platform", CHANGELOG, SCHEMA_VERSION).migrate(file);
        this.connections = new SqliteConnections(file, 8);
        this.dialect = PlatformDialect.SQLITE;
    }

    /** The platform database on PostgreSQL, through {@code connections}: migrated first. */
    public PlatformDatabase(PooledConnections connections, Freshness freshness) {
        this.freshness = freshness;
        try {
            new PostgresMigrator(CHANGELOG, SCHEMA_VERSION).migrate(connections.dataSource());
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        this.connections = connections;
        this.dialect = PlatformDialect.POSTGRESQL;
    }

    /** The platform database {@code settings} name: PostgreSQL if {@code platformDb*} say so, else the embedded file. */
    public static PlatformDatabase open(Settings settings, Freshness freshness) {
        Settings.PlatformDb where = settings.cluster().platformDb();
        return where.embedded() ? new PlatformDatabase(settings.platformDatabase(), freshness)
                : new PlatformDatabase(PooledConnections.of(where), freshness);
    }

    /** The changelog both databases are migrated with. */
    static final String CHANGELOG = "db/changelog/platform/changelog.sql";

    /** Which database this is, for the few statements written differently on each. */
    public PlatformDialect dialect() {
        return dialect;
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
            return work.run(counting(connection));
        } catch (SQLException e) {
            throw new PlatformSqlException(e);
        } finally {
            connections.giveBack(connection);
        }
    }

    /**
     * Runs {@code work} in one transaction. Transactions here change who owns what (wikis, accounts, roles), so once
     * one commits, whatever was remembered is retired ({@link Freshness#changed()}).
     */
    public <T> T inTransaction(Work<T> work) {
        T result = withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                T done = work.run(connection);
                connection.commit();
                return done;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        });
        freshness.changed();
        return result;
    }

    /** What the repositories may remember, and for how long. */
    public Freshness freshness() {
        return freshness;
    }

    /** A write outside a transaction changed who may do what: retire what was remembered. Call after the write. */
    public void changed() {
        freshness.changed();
    }

    /** How many statements have been prepared on this database since it was opened. */
    public long statements() {
        return statements.sum();
    }

    /** The connection, counting the statements prepared on it. */
    private Connection counting(Connection connection) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (PREPARING.contains(method.getName())) {
                statements.increment();
            }
            try {
                return method.invoke(connection, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
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

        /** A unique or primary key refused the row: SQLState 23505 on PostgreSQL, the extended result code on SQLite. */
        public boolean isUniqueViolation() {
            return isUniqueViolation((SQLException) getCause());
        }

        static boolean isUniqueViolation(SQLException e) {
            if (e instanceof SQLiteException sqlite) {
                return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
            return "23505".equals(e.getSQLState());
        }
    }
}
