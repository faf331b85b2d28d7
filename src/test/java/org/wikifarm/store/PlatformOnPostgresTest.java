package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.config.Settings;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;

/**
 * The platform database on a real PostgreSQL ({@link TestPostgres}: skipped without one, failed in CI without one):
 * the changelog's PostgreSQL changesets, the schema version rules of the embedded file, nodes migrating one database
 * at once, and what the repositories rely on (unique violations, generated keys, substring search, ordering).
 */
class PlatformOnPostgresTest {
    @TempDir
    Path dir;

    @Test
    void aFreshDatabaseIsMigratedToTheCodesSchema() throws SQLException {
        String url = TestPostgres.emptyDatabase();

        try (PlatformDatabase db = new PlatformDatabase(TestPostgres.pool(url), Freshness.none())) {
            assertThat(db.dialect()).isEqualTo(PlatformDialect.POSTGRESQL);
            assertThat(version(db)).isEqualTo(PlatformDatabase.SCHEMA_VERSION);
            assertThat(strings(db, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name NOT LIKE 'databasechangelog%'"
                    + " ORDER BY table_name"))
                    .containsExactly("acl", "host_names", "nodes", "platform_schema", "platform_settings",
                            "recent_wikis", "tokens", "users", "wiki_domains", "wiki_levels_to_merge", "wikis");
            assertThat(strings(db, "SELECT id FROM databasechangelog ORDER BY orderexecuted"))
                    .containsExactly("platform-pg-11", "platform-pg-11-host-names");
        }
    }

    @Test
    void theSameColumnsInTheSameOrderAsTheEmbeddedFile() throws SQLException {
        String url = TestPostgres.migratedDatabase();
        try (PlatformDatabase sqlite = new PlatformDatabase(dir.resolve("platform.db"));
             PlatformDatabase postgres = new PlatformDatabase(TestPostgres.pool(url), Freshness.none())) {
            for (String table : List.of("users", "wikis", "wiki_domains", "acl", "tokens", "platform_settings",
                    "host_names", "wiki_levels_to_merge", "recent_wikis", "nodes")) {
                List<String> embedded = sqlite.withConnection(c -> columns(c, table));
                List<String> onPostgres = postgres.withConnection(c -> columns(c, table));
                assertThat(onPostgres).as(table).containsExactlyElementsOf(embedded);
            }
        }
    }

    @Test
    void aDatabaseNewerThanTheCodeIsRefusedUntouched() throws SQLException {
        String url = TestPostgres.migratedDatabase();
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE platform_schema SET version = " + (PlatformDatabase.SCHEMA_VERSION + 1));
        }

        Throwable refused = catchThrowable(() -> new PlatformDatabase(TestPostgres.pool(url), Freshness.none()));

        assertThat(refused).isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("schema version " + (PlatformDatabase.SCHEMA_VERSION + 1));
        try (Connection connection = TestPostgres.dataSource(url).getConnection()) {
            assertThat(PostgresMigrator.storedVersion(connection)).isEqualTo(PlatformDatabase.SCHEMA_VERSION + 1);
        }
    }

    /** Nodes that start at once against one empty database all come up; the schema is made once. */
    @Test
    void nodesStartingAtOnceOnAnEmptyDatabaseAllComeUp() throws Exception {
        String url = TestPostgres.emptyDatabase();
        int nodes = 4;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PlatformDatabase>> started = new ArrayList<>();
        try {
            for (int i = 0; i < nodes; i++) {
                Callable<PlatformDatabase> node = () -> {
                    start.await();
                    return new PlatformDatabase(TestPostgres.pool(url), Freshness.none());
                };
                started.add(pool.submit(node));
            }
            start.countDown();
            List<PlatformDatabase> dbs = new ArrayList<>();
            for (Future<PlatformDatabase> f : started) {
                dbs.add(f.get());
            }
            PlatformDatabase first = dbs.get(0);
            assertThat(strings(first, "SELECT id FROM databasechangelog")).hasSize(2);
            assertThat(strings(first, "SELECT locked::text FROM databasechangeloglock"))
                    .containsExactly("false");
            for (PlatformDatabase db : dbs) {
                assertThat(version(db))
                        .isEqualTo(PlatformDatabase.SCHEMA_VERSION);
                db.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A node that died while migrating left Liquibase's lock taken: the next one clears it under the advisory lock. */
    @Test
    void aLiquibaseLockLeftByADeadNodeDoesNotStopTheNext() throws SQLException {
        String url = TestPostgres.migratedDatabase();
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now(),"
                    + " lockedby = 'dead node'");
            statement.executeUpdate("UPDATE platform_schema SET version = 10");
        }

        try (PlatformDatabase db = new PlatformDatabase(TestPostgres.pool(url), Freshness.none())) {
            assertThat(version(db)).isEqualTo(PlatformDatabase.SCHEMA_VERSION);
            assertThat(strings(db, "SELECT locked::text FROM databasechangeloglock"))
                    .containsExactly("false");
        }
    }

    /** Sign-ups at once on an empty farm (two nodes, or two threads): exactly one becomes the platform admin. */
    @Test
    void onlyOneOfManyFirstAccountsBecomesAdmin() throws Exception {
        String url = TestPostgres.migratedDatabase();
        int accounts = 6;
        List<PlatformDatabase> nodes = List.of(new PlatformDatabase(TestPostgres.pool(url), Freshness.none()),
                new PlatformDatabase(TestPostgres.pool(url), Freshness.none()));
        ExecutorService pool = Executors.newFixedThreadPool(accounts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<org.wikifarm.auth.User>> made = new ArrayList<>();
            for (int i = 0; i < accounts; i++) {
                org.wikifarm.auth.UserRepository users = new org.wikifarm.auth.UserRepository(nodes.get(i % 2));
                org.wikifarm.tenant.Username name = new org.wikifarm.tenant.Username("first" + i);
                made.add(pool.submit(() -> {
                    start.await();
                    return users.insertLocal(name, null, null, "hash");
                }));
            }
            start.countDown();
            int admins = 0;
            for (Future<org.wikifarm.auth.User> f : made) {
                admins += f.get().admin() ? 1 : 0;
            }
            assertThat(admins).isEqualTo(1);
            assertThat(strings(nodes.get(0), "SELECT count(*) FROM users WHERE is_admin = 1")).containsExactly("1");
        } finally {
            pool.shutdownNow();
            nodes.forEach(PlatformDatabase::close);
        }
    }

    @Test
    void aUniqueViolationIsRecognisedByItsSqlState() {
        String url = TestPostgres.migratedDatabase();
        try (PlatformDatabase db = new PlatformDatabase(TestPostgres.pool(url), Freshness.none())) {
            db.inTransaction(c -> update(c, "INSERT INTO platform_settings (name, value) VALUES ('a', '1')"));

            Throwable again = catchThrowable(() -> db.inTransaction(
                    c -> update(c, "INSERT INTO platform_settings (name, value) VALUES ('a', '2')")));
            Throwable other = catchThrowable(() -> db.inTransaction(
                    c -> update(c, "INSERT INTO platform_settings (name, value) VALUES ('b', NULL)")));

            assertThat(again).isInstanceOf(PlatformSqlException.class);
            assertThat(((PlatformSqlException) again).isUniqueViolation()).isTrue();
            assertThat(((PlatformSqlException) other).isUniqueViolation()).isFalse();
            // The failed transaction was rolled back; the connection went back to the pool fit for use.
            assertThat(strings(db, "SELECT value FROM platform_settings")).containsExactly("1");
        }
    }

    /** Ordering and substring search are byte-wise, as on SQLite, whatever the database's collation. */
    @Test
    void textOrdersByteWiseAndContainsIsPlain() {
        String url = TestPostgres.migratedDatabase();
        try (PlatformDatabase db = new PlatformDatabase(TestPostgres.pool(url), Freshness.none())) {
            for (String name : List.of("b", "B", "a", "_x", "A-1", "a%")) {
                db.inTransaction(c -> update(c, "INSERT INTO platform_settings (name, value) VALUES ('" + name
                        + "', 'v')"));
            }
            assertThat(strings(db, "SELECT name FROM platform_settings ORDER BY name"))
                    .containsExactly("A-1", "B", "_x", "a", "a%", "b");
            List<String> found = db.withConnection(c -> {
                try (PreparedStatement query = c.prepareStatement("SELECT name FROM platform_settings WHERE "
                        + db.dialect().contains("name") + " ORDER BY name")) {
                    query.setString(1, "%");
                    return strings(query);
                }
            });
            assertThat(found).containsExactly("a%");
        }
    }

    @Test
    void settingsNameTheDatabase() {
        String url = TestPostgres.migratedDatabase();
        Settings settings = Settings.defaults(dir).withCluster(new Settings.Cluster(TestPostgres.platformDb(url),
                "local", "", "", "most-room", 3600, "", ""));
        try (PlatformDatabase db = PlatformDatabase.open(settings, Freshness.none())) {
            assertThat(db.dialect()).isEqualTo(PlatformDialect.POSTGRESQL);
        }
        assertThat(dir.resolve("platform.db")).doesNotExist();
    }

    private static int version(PlatformDatabase db) {
        Integer version = db.withConnection(PostgresMigrator::storedVersion);
        return version;
    }

    private static List<String> strings(PlatformDatabase db, String sql) {
        List<String> values = db.withConnection(c -> strings(c, sql));
        return values;
    }

    private static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            return strings(query);
        }
    }

    private static List<String> strings(PreparedStatement query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, null, table, null)) {
            while (rows.next()) {
                if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                        && !"public".equals(rows.getString("TABLE_SCHEM"))) {
                    continue;
                }
                names.add(rows.getString("COLUMN_NAME"));
            }
        }
        return names;
    }
}
