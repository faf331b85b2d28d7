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
import org.wikifarm.error.WikifarmException;

/**
 * The platform database ({@code data/platform.db}): users, wikis, ACLs. Migrated when the application starts.
 * Work runs through {@link #withConnection} so a connection always goes back to the pool. Every statement prepared
 * is counted ({@link #statements()}, shown to platform admins by the health endpoint), so tests and benchmarks can
 * see how many queries a request costs. What the repositories remember of it is bounded by {@link #freshness()}; a
 * committed transaction counts as a change that retires it.
 */
public final class PlatformDatabase implements AutoCloseable {
    /** The platform schema version that {@code db/changelog/platform/changelog.sql} reaches. */
    public static final int SCHEMA_VERSION = 11;

    private static final Set<String> PREPARING = Set.of("prepareStatement", "createStatement", "prepareCall");

    private final SqliteConnections connections;
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

        public boolean isUniqueViolation() {
            return getCause().getMessage() != null && getCause().getMessage().contains("UNIQUE constraint failed");
        }
    }
}
