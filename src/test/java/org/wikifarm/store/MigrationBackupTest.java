package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;

/**
 * Migrations with a copy first: a migration that fails half way puts the database back as it was (version, rows,
 * no half-made tables) and says why; with {@code migrations = admin} a wiki with an older schema is not migrated by a
 * lease (503 {@code wiki_upgrading}, the file untouched) but by {@link OpenWikis#migrate}; a newer schema is refused
 * untouched in both modes. Old databases are built with the first changesets only ({@code db/changelog/wiki-v4.sql}).
 */
class MigrationBackupTest {
    @TempDir
    Path dir;

    private static final SqliteMigrator V4 = new SqliteMigrator("wiki", "db/changelog/wiki-v4.sql", 4);

    @Test
    void aMigrationThatFailsHalfWayPutsTheDatabaseBackAndSaysWhy() throws Exception {
        Path file = dir.resolve("wiki.db");
        V4.migrate(file);
        execute(file, "INSERT INTO stats (name, value, updated_at) VALUES ('marker', 42, 'now')");
        Path backups = dir.resolve("before");

        SqliteMigrator failing = new SqliteMigrator("wiki", "db/changelog/wiki-failing.sql", 6);
        WikifarmException failure = catchThrowableOfType(WikifarmException.Unavailable.class,
                () -> failing.migrate(file, backups));

        assertThat(failure).isNotNull();
        assertThat(failure.code()).isEqualTo("migration_failed");
        assertThat(failure.getMessage()).contains("from schema version 4 to 6").contains("put back")
                .containsIgnoringCase("no_such_table");
        assertThat(query(file, "PRAGMA user_version")).isEqualTo("4");
        assertThat(query(file, "SELECT count(*) FROM DATABASECHANGELOG")).isEqualTo("4");
        assertThat(query(file, "SELECT value FROM stats WHERE name = 'marker'")).isEqualTo("42");
        assertThat(query(file, "SELECT count(*) FROM sqlite_master WHERE name = 'half_way'")).isEqualTo("0");
        assertThat(query(file, "SELECT count(*) FROM stats WHERE name = 'attachment_count'")).isEqualTo("0");
        assertThat(backups.resolve("wiki-v4.db")).isRegularFile();

        // The real changelog then migrates it as if nothing had happened.
        new SqliteMigrator("wiki", "db/changelog/wiki/changelog.sql", OpenWikis.SCHEMA_VERSION).migrate(file, backups);
        assertThat(query(file, "PRAGMA user_version")).isEqualTo(String.valueOf(OpenWikis.SCHEMA_VERSION));
        assertThat(query(file, "SELECT value FROM stats WHERE name = 'marker'")).isEqualTo("42");
    }

    @Test
    void inAdminModeALeaseDoesNotMigrateAndOnlyMigrateDoes() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir.resolve("wikis"), 8, Clock.systemUTC(), true)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            Path file = WikiFiles.database(wikis.dir(id));
            downgradeToV4(file);

            WikifarmException refused = catchThrowableOfType(WikifarmException.Unavailable.class,
                    () -> wikis.acquire(id));
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo("wiki_upgrading");
            assertThat(wikis.schemaVersion(id)).isEqualTo(4);
            assertThat(wikis.openCount()).isZero();

            OpenWikis.Migrated migrated = wikis.migrate(id);
            assertThat(migrated.from()).isEqualTo(4);
            assertThat(migrated.to()).isEqualTo(OpenWikis.SCHEMA_VERSION);
            assertThat(WikiSnapshots.beforeMigration(wikis.dir(id)).resolve("wiki-v4.db")).isRegularFile();
            try (WikiLease lease = wikis.acquire(id)) {
                assertThat(lease.id()).isEqualTo(id);
            }
            assertThat(wikis.migrate(id).from()).isEqualTo(OpenWikis.SCHEMA_VERSION);
        }
    }

    @Test
    void inLazyModeTheFirstLeaseMigratesAfterACopy() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir.resolve("wikis"), 8, Clock.systemUTC(), false)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            downgradeToV4(WikiFiles.database(wikis.dir(id)));
            try (WikiLease lease = wikis.acquire(id)) {
                assertThat(wikis.schemaVersion(id)).isEqualTo(OpenWikis.SCHEMA_VERSION);
            }
            assertThat(WikiSnapshots.beforeMigration(wikis.dir(id)).resolve("wiki-v4.db")).isRegularFile();
        }
    }

    @Test
    void aNewerSchemaIsRefusedUntouchedInBothModes() throws Exception {
        for (boolean admin : new boolean[] {true, false}) {
            try (OpenWikis wikis = new OpenWikis(dir.resolve("wikis-" + admin), 8, Clock.systemUTC(), admin)) {
                TenantId id = TenantId.generate();
                wikis.create(id);
                Path file = WikiFiles.database(wikis.dir(id));
                execute(file, "PRAGMA user_version = 99");
                long size = Files.size(file);
                assertThat(catchThrowableOfType(SchemaTooNewException.class, () -> wikis.acquire(id))).isNotNull();
                assertThat(catchThrowableOfType(SchemaTooNewException.class, () -> wikis.migrate(id))).isNotNull();
                assertThat(query(file, "PRAGMA user_version")).isEqualTo("99");
                assertThat(Files.size(file)).isEqualTo(size);
                assertThat(WikiSnapshots.beforeMigration(wikis.dir(id))).doesNotExist();
            }
        }
    }

    /** Undoes changeset wiki-5 on a current database: what a wiki made by the previous version holds. */
    static void downgradeToV4(Path file) throws Exception {
        execute(file, "DELETE FROM stats WHERE name = 'attachment_count'");
        execute(file, "DELETE FROM DATABASECHANGELOG WHERE ID = 'wiki-5'");
        execute(file, "PRAGMA user_version = 4");
    }

    private static void execute(Path file, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String query(Path file, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
