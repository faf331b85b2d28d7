package org.wikifarm.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate over every wiki's own SQLite file: one SessionFactory, database-per-tenant. The connection provider
 * leases the wiki from {@link OpenWikis} for as long as Hibernate holds its connection, so eviction can never close
 * a connection in use. Liquibase owns the schema; Hibernate never writes DDL.
 */
public final class WikiSessions implements AutoCloseable {
    private final SessionFactory factory;

    public WikiSessions(OpenWikis wikis, List<Class<?>> entities) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.DIALECT, "org.hibernate.community.dialect.SQLiteDialect");
        settings.put(AvailableSettings.MULTI_TENANT_CONNECTION_PROVIDER, new ConnectionProvider(wikis));
        settings.put("hibernate.boot.allow_jdbc_metadata_access", false);
        settings.put(AvailableSettings.HBM2DDL_AUTO, "none");
        settings.put(AvailableSettings.SHOW_SQL, false);
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            factory = sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Runs {@code work} in one transaction on the given wiki's database. */
    public <T> T inTransaction(TenantId wiki, Function<Session, T> work) {
        try (Session session = factory.withOptions().tenantIdentifier(wiki.value()).openSession()) {
            Transaction transaction = session.beginTransaction();
            try {
                T result = work.apply(session);
                transaction.commit();
                return result;
            } catch (RuntimeException e) {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
                throw e;
            }
        }
    }

    @Override
    public void close() {
        factory.close();
    }

    /** Hands Hibernate a connection of the wiki it names, holding a lease on the wiki until it is released. */
    private static final class ConnectionProvider implements MultiTenantConnectionProvider<String> {
        private final transient OpenWikis wikis;
        private final transient Map<Connection, WikiLease> leases = new ConcurrentHashMap<>();

        ConnectionProvider(OpenWikis wikis) {
            this.wikis = wikis;
        }

        @Override
        public Connection getAnyConnection() throws SQLException {
            throw new SQLException("Wiki databases are only reached through a wiki id.");
        }

        @Override
        public void releaseAnyConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public Connection getConnection(String tenantIdentifier) throws SQLException {
            WikiLease lease = wikis.acquire(new TenantId(tenantIdentifier));
            try {
                Connection connection = lease.wiki().borrowConnection();
                leases.put(connection, lease);
                return connection;
            } catch (SQLException | RuntimeException e) {
                lease.close();
                throw e;
            }
        }

        @Override
        public void releaseConnection(String tenantIdentifier, Connection connection) {
            WikiLease lease = leases.remove(connection);
            if (lease != null) {
                lease.wiki().giveBack(connection);
                lease.close();
            }
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> unwrapType) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> unwrapType) {
            throw new UnsupportedOperationException("Nothing to unwrap.");
        }
    }

}
