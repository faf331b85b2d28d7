package org.wikifarm.store;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;
import org.wikifarm.config.Settings;

/**
 * Fresh PostgreSQL databases for tests, on the server the environment names: {@code WIKIFARM_TEST_POSTGRES} is a JDBC
 * URL of a role that may CREATE DATABASE ({@code jdbc:postgresql://127.0.0.1:5432/postgres?user=wikifarm&password=
 * wikifarm}). Without it the tests that need one are skipped, saying why; with {@code WIKIFARM_TEST_REQUIRE_POSTGRES=true}
 * (CI, {@code .ci/run}) a missing or unreachable server fails them instead. Every database is made from a template
 * migrated once per run, so a fresh one costs a file copy, not a migration; all are dropped when the JVM ends.
 */
public final class TestPostgres {
    static final String SERVER = "WIKIFARM_TEST_POSTGRES";
    static final String REQUIRED = "WIKIFARM_TEST_REQUIRE_POSTGRES";

    private static final String PREFIX = "wikifarm_test_" + ProcessHandle.current().pid() + "_";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final List<String> MADE = new ArrayList<>();
    private static final Map<String, String> BY_KEY = new ConcurrentHashMap<>();
    private static String template;

    private TestPostgres() {
    }

    /** The server's URL, or the test is skipped (failed, when PostgreSQL is required) with the reason. */
    public static String server() {
        String url = System.getenv(SERVER);
        boolean required = "true".equalsIgnoreCase(System.getenv(REQUIRED));
        if (url == null || url.isBlank()) {
            if (required) {
                fail(REQUIRED + "=true but " + SERVER + " is not set: name a PostgreSQL server (.ci/run does).");
            }
            assumeTrue(false, "PostgreSQL tests skipped: set " + SERVER + " to a JDBC URL of a role that may CREATE"
                    + " DATABASE, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=wikifarm&password=wikifarm");
        }
        try (Connection connection = DriverManager.getConnection(url)) {
            dropStale(connection);
            return url;
        } catch (SQLException e) {
            if (required) {
                fail("PostgreSQL at " + SERVER + " cannot be reached: " + e.getMessage(), e);
            }
            assumeTrue(false, "PostgreSQL tests skipped: " + SERVER + " cannot be reached: " + e.getMessage());
            throw new AssertionError(e);
        }
    }

    private static boolean staleDropped;

    /**
     * Once per run: the databases runs before this one left behind (a JVM ended before its shutdown hook had dropped
     * them all), those of test processes of this machine that no longer exist and that nobody is connected to.
     */
    private static synchronized void dropStale(Connection connection) throws SQLException {
        if (staleDropped) {
            return;
        }
        staleDropped = true;
        List<String> stale = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet names = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE 'wikifarm\\_test\\_%'")) {
            while (names.next()) {
                String name = names.getString(1);
                String[] parts = name.split("_");
                if (parts.length == 4 && parts[2].chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(parts[2])).isEmpty()) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException inUse) {
                // Someone is connected to it after all: leave it.
            }
        }
    }

    /** A new, empty database (no schema at all); its JDBC URL. */
    public static String emptyDatabase() {
        return create(null);
    }

    /** A new database at the platform schema of this code, a copy of the run's migrated template; its JDBC URL. */
    public static String migratedDatabase() {
        return create(template());
    }

    /** The same migrated database for the same key (two nodes, or two openings, of one platform database). */
    public static String migratedDatabase(String key) {
        return BY_KEY.computeIfAbsent(key, k -> migratedDatabase());
    }

    /** Settings that put the platform database in PostgreSQL at {@code url}. */
    public static Settings.PlatformDb platformDb(String url) {
        return new Settings.PlatformDb(url, "", "", "", 4);
    }

    /** A pool over {@code url} of its own (HikariCP, as a node makes). */
    public static PooledConnections pool(String url) {
        return PooledConnections.of(platformDb(url));
    }

    public static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        return source;
    }

    private static synchronized String template() {
        if (template == null) {
            String url = create(null);
            new PostgresMigrator(PlatformDatabase.CHANGELOG, PlatformDatabase.SCHEMA_VERSION).migrate(dataSource(url));
            template = databaseName(url);
        }
        return template;
    }

    private static String create(String from) {
        String server = server();
        String name = PREFIX + NEXT.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (from == null ? "" : " TEMPLATE " + from));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        remember(name, server);
        return withDatabase(server, name);
    }

    private static synchronized void remember(String name, String server) {
        if (MADE.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(server)));
        }
        MADE.add(name);
    }

    private static synchronized void dropAll(String server) {
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            for (String name : MADE) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop the test databases " + MADE + ": " + e.getMessage());
        }
    }

    /** {@code server} with its database replaced by {@code name}, parameters kept. */
    static String withDatabase(String server, String name) {
        int slash = server.indexOf('/', "jdbc:postgresql://".length());
        int query = server.indexOf('?');
        return server.substring(0, slash + 1) + name + (query < 0 ? "" : server.substring(query));
    }

    private static String databaseName(String url) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        return url.substring(slash + 1, query < 0 ? url.length() : query);
    }
}
