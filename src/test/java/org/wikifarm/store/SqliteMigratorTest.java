package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import org.wikifarm.error.WikifarmException;

class SqliteMigratorTest {
    private final SqliteMigrator migrator =
            new SqliteMigrator("wiki", "db/changelog/wiki/changelog.sql", OpenWikis.SCHEMA_VERSION);

    @TempDir
    Path dir;

    @Test
    void migratesANewFileToTheWikiSchema() throws SQLException {
        Path file = dir.resolve("wiki.db");

        assertThat(migrator.migrate(file)).isTrue();

        assertThat(tables(file)).containsExactly("cache", "drafts", "embedding_cache", "index_failures",
                "index_queue", "page_last_change", "page_last_change_stamp", "preferences", "stats");
        assertThat(userVersion(file)).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(migrator.storedVersion(file)).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(migrator.version()).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(stats(file)).containsExactly("attachment_count=0", "disk_usage_bytes=0", "page_count=0");
        assertThat(query(file, "PRAGMA journal_mode")).isEqualTo("wal");
    }

    @Test
    void secondMigrationTakesTheFastPath() throws SQLException {
        Path file = dir.resolve("wiki.db");
        assertThat(migrator.migrate(file)).isTrue();
        execute(file, "INSERT INTO preferences (name, value) VALUES ('kept', 'yes')");

        assertThat(migrator.migrate(file)).isFalse();
        assertThat(migrator.migrate(file)).isFalse();

        assertThat(query(file, "SELECT value FROM preferences WHERE name = 'kept'")).isEqualTo("yes");
        assertThat(query(file, "SELECT count(*) FROM DATABASECHANGELOG"))
                .isEqualTo(Integer.toString(OpenWikis.SCHEMA_VERSION));
    }

    @Test
    void fastPathOnAnOpenConnectionMigratesOnlyAnOldFile() throws SQLException {
        Path file = dir.resolve("wiki.db");
        try (Connection connection = connect(file)) {
            migrator.migrate(file, connection);
            assertThat(userVersion(file)).isEqualTo(OpenWikis.SCHEMA_VERSION);
            migrator.migrate(file, connection);
        }
        assertThat(query(file, "SELECT count(*) FROM DATABASECHANGELOG"))
                .isEqualTo(Integer.toString(OpenWikis.SCHEMA_VERSION));
    }

    @Test
    void refusesANewerSchemaAndLeavesTheFileUntouched() throws Exception {
        Path file = dir.resolve("wiki.db");
        migrator.migrate(file);
        int newer = OpenWikis.SCHEMA_VERSION + 1;
        execute(file, "PRAGMA user_version = " + newer);
        byte[] before = Files.readAllBytes(file);
        List<Path> filesBefore = listing();

        Throwable thrown = catchThrowable(() -> migrator.migrate(file));

        assertThat(thrown).isInstanceOf(SchemaTooNewException.class)
                .isInstanceOf(WikifarmException.Unavailable.class);
        assertThat(((SchemaTooNewException) thrown).code()).isEqualTo("schema_too_new");
        assertThat(thrown.getMessage()).contains("wiki database has schema version " + newer)
                .contains("(" + OpenWikis.SCHEMA_VERSION + ")");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(listing()).isEqualTo(filesBefore);

        try (Connection connection = connect(file)) {
            assertThat(catchThrowable(() -> migrator.migrate(file, connection)))
                    .isInstanceOf(SchemaTooNewException.class);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(userVersion(file)).isEqualTo(newer);
    }

    @Test
    void refusesAForeignFileWithAHighUserVersionUntouched() throws Exception {
        Path file = dir.resolve("future.db");
        execute(file, "CREATE TABLE t (x)");
        execute(file, "PRAGMA user_version = 99");
        byte[] before = Files.readAllBytes(file);

        Throwable thrown = catchThrowable(() -> migrator.migrate(file));

        assertThat(thrown).isInstanceOf(SchemaTooNewException.class);
        assertThat(((WikifarmException) thrown).code()).isEqualTo("schema_too_new");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(tables(file)).containsExactly("t");
    }

    @Test
    void staleLiquibaseLockFromACrashedRunDoesNotBlock() throws SQLException {
        Path file = dir.resolve("wiki.db");
        migrator.migrate(file);
        execute(file, "INSERT INTO preferences (name, value) VALUES ('kept', 'yes')");
        execute(file, "UPDATE DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKEDBY = 'crashed-host'");
        execute(file, "PRAGMA user_version = 0");
        assertThat(query(file, "SELECT LOCKED FROM DATABASECHANGELOGLOCK")).isEqualTo("1");

        assertThat(migrator.migrate(file)).isTrue();

        assertThat(userVersion(file)).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(query(file, "SELECT LOCKED FROM DATABASECHANGELOGLOCK")).isEqualTo("0");
        assertThat(query(file, "SELECT value FROM preferences WHERE name = 'kept'")).isEqualTo("yes");
        assertThat(query(file, "SELECT count(*) FROM DATABASECHANGELOG"))
                .isEqualTo(Integer.toString(OpenWikis.SCHEMA_VERSION));
        assertThat(migrator.migrate(file)).isFalse();
    }

    @Test
    void eightThreadsMigratingOneNewFileMigrateItOnce() throws Exception {
        Path file = dir.resolve("race.db");
        int threads = 8;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Boolean> task = () -> {
                    ready.countDown();
                    go.await();
                    return migrator.migrate(file);
                };
                results.add(pool.submit(task));
            }
            ready.await();
            go.countDown();
            int ran = 0;
            for (Future<Boolean> result : results) {
                if (result.get()) { // rethrows any failure
                    ran++;
                }
            }
            assertThat(ran).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(userVersion(file)).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(query(file, "SELECT count(*) FROM DATABASECHANGELOG"))
                .isEqualTo(Integer.toString(OpenWikis.SCHEMA_VERSION));
        assertThat(stats(file)).containsExactly("attachment_count=0", "disk_usage_bytes=0", "page_count=0");
    }

    @Test
    void aFileThatIsNotADatabaseIsUnavailableNotARawSqlError() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "This is not a database.\n".repeat(200), StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(file);

        Throwable thrown = catchThrowable(() -> migrator.migrate(file));

        assertThat(thrown).isInstanceOf(WikifarmException.Unavailable.class);
        assertThat(((WikifarmException) thrown).code()).isEqualTo("database_unreadable");
        assertThat(thrown.getMessage()).isEqualTo("The wiki database cannot be read; it may be damaged.");
        assertThat(thrown.getCause()).isInstanceOf(SQLException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);

        Throwable stored = catchThrowable(() -> migrator.storedVersion(file));
        assertThat(stored).isInstanceOf(WikifarmException.Unavailable.class);
    }

    private List<Path> listing() throws Exception {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    static Connection connect(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static void execute(Path file, String sql) throws SQLException {
        try (Connection connection = connect(file); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String query(Path file, String sql) throws SQLException {
        try (Connection connection = connect(file); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    static int userVersion(Path file) throws SQLException {
        return Integer.parseInt(query(file, "PRAGMA user_version"));
    }

    static List<String> tables(Path file) throws SQLException {
        return strings(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                + " AND name NOT LIKE 'DATABASECHANGELOG%' ORDER BY name");
    }

    static List<String> stats(Path file) throws SQLException {
        return strings(file, "SELECT name || '=' || value FROM stats ORDER BY name");
    }

    private static List<String> strings(Path file, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = connect(file); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
