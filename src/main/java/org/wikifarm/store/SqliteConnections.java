package org.wikifarm.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A tiny pool of connections to one SQLite file. Connections are cheap to open but not free (three file
 * descriptors and ~200 KB native memory each), so a few idle ones are kept; a connection handed out is never
 * closed by anyone but the borrower returning it, even after {@link #close()}.
 */
public final class SqliteConnections implements PlatformConnections {
    private final SQLiteDataSource dataSource;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private int borrowed;
    private boolean closed;

    public SqliteConnections(Path file, int maxIdle) {
        this.dataSource = new SQLiteDataSource(config());
        this.dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        this.maxIdle = maxIdle;
    }

    /** The settings every connection gets (docs/stack.md: per connection, not per file). */
    static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setDateClass("TEXT");
        // Transactions begin IMMEDIATE: a deferred one that reads and then writes fails with SQLITE_BUSY_SNAPSHOT
        // (which no busy timeout can help) whenever another connection committed in between, e.g. the search
        // indexer; an immediate one takes the write lock first and simply waits its turn. Transactions are short.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    public Connection borrow() throws SQLException {
        Connection connection;
        synchronized (this) {
            if (closed) {
                throw new SQLException("The database is closed.");
            }
            connection = idle.poll();
            borrowed++;
        }
        if (connection == null) {
            try {
                connection = dataSource.getConnection();
            } catch (SQLException | RuntimeException e) {
                synchronized (this) {
                    borrowed--;
                }
                throw e;
            }
        }
        return connection;
    }

    public void giveBack(Connection connection) {
        boolean keep;
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            synchronized (this) {
                borrowed--;
            }
            return;
        }
        synchronized (this) {
            borrowed--;
            keep = !closed && idle.size() < maxIdle;
            if (keep) {
                idle.push(connection);
            }
        }
        if (!keep) {
            closeQuietly(connection);
        }
    }

    public synchronized int borrowedCount() {
        return borrowed;
    }

    /** Closes the idle connections now; borrowed ones close when they are given back. */
    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(SqliteConnections::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort: the file stays consistent either way (WAL).
        }
    }
}
