package org.wikifarm.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the platform database's connections come from: the embedded SQLite file's own small pool
 * ({@link SqliteConnections}) or a PostgreSQL pool ({@link PooledConnections}). A borrowed connection is in auto-commit
 * mode and goes back through {@link #giveBack}, whatever happened.
 */
public interface PlatformConnections extends AutoCloseable {
    Connection borrow() throws SQLException;

    void giveBack(Connection connection);

    @Override
    void close();
}
