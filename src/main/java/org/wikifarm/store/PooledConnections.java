package org.wikifarm.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;

/**
 * Connections to the platform database on PostgreSQL, from a pool: HikariCP over {@code platformDbUrl}, or the
 * DataSource Tomcat's context names ({@code platformDbJndi}; then the pool and its size are Tomcat's). Giving a
 * connection back closes it, which returns it to the pool.
 */
public final class PooledConnections implements PlatformConnections {
    private final DataSource dataSource;
    private final HikariDataSource owned;

    private PooledConnections(DataSource dataSource, HikariDataSource owned) {
        this.dataSource = dataSource;
        this.owned = owned;
    }

    /** The pool {@code settings} name: a URL (a HikariCP pool of {@code poolSize}) or a JNDI name. */
    public static PooledConnections of(Settings.PlatformDb settings) {
        if (!settings.jndi().isEmpty()) {
            return new PooledConnections(lookUp(settings.jndi()), null);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("wikifarm-platform");
        config.setDataSourceClassName(null);
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.url());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(10_000);
        // A node must come up even while PostgreSQL is still starting: the first connection is made on first use,
        // where a failure is "the platform database is unavailable", not a failed deployment.
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        HikariDataSource pool = new HikariDataSource(config);
        return new PooledConnections(pool, pool);
    }

    /** Connections made by the caller's own DataSource (tests, the CLI); closing this leaves it open. */
    public static PooledConnections over(DataSource dataSource) {
        return new PooledConnections(dataSource, null);
    }

    private static DataSource lookUp(String name) {
        try {
            InitialContext context = new InitialContext();
            Object found;
            try {
                found = context.lookup(name);
            } catch (NamingException e) {
                if (name.startsWith("java:")) {
                    throw e;
                }
                found = context.lookup("java:comp/env/" + name);
            }
            if (!(found instanceof DataSource source)) {
                throw new WikifarmException.InvalidInput("invalid_setting", "platformDbJndi names " + name
                        + ", which is not a javax.sql.DataSource.");
            }
            return source;
        } catch (NamingException e) {
            throw new WikifarmException.InvalidInput("invalid_setting", "platformDbJndi names " + name
                    + ", which Tomcat's context does not hold (a <Resource> in context.xml, docs/scale-out.md).");
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public Connection borrow() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public void giveBack(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // The pool checks the connection before it lends it again.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing a pooled connection only returns it.
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
