package org.wikifarm.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.tenant.Wiki;

/**
 * Wikis by schema version and migrating them: platform admins only; older wikis listed first; one migrated at once,
 * all through the background run (its progress ends with every one migrated) or the operator's run on this thread,
 * which reports after each wiki.
 */
class SchemaMigrationsTest {
    @TempDir
    Path dir;

    private TestFarm farm;
    private SchemaMigrations migrations;
    private Caller alice;
    private Wiki a;
    private Wiki b;
    private Wiki c;

    @BeforeEach
    void setUp() {
        farm = new TestFarm(dir, TestFarm.limits().build());
        migrations = farm.app.migrations();
        alice = farm.signUp("alice");
        a = farm.wiki(alice, "aaa");
        b = farm.wiki(alice, "bbb");
        c = farm.wiki(alice, "ccc");
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    private void downgrade(Wiki wiki) throws Exception {
        Path file = farm.app.settings().wikisDir().resolve(wiki.id().value()).resolve("wiki.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            if (OpenWikis.SCHEMA_VERSION == 5) {
                // wiki-5 undone (it added one row). A later last changeset stays recorded: Liquibase then has
                // nothing to redo.
                statement.execute("DELETE FROM stats WHERE name = 'attachment_count'");
                statement.execute("DELETE FROM DATABASECHANGELOG WHERE ID = 'wiki-5'");
            }
            statement.execute("PRAGMA user_version = " + (OpenWikis.SCHEMA_VERSION - 1));
        }
    }

    @Test
    void onlyPlatformAdminsListAndMigrate() {
        assertThat(catchThrowableOfType(WikifarmException.Forbidden.class,
                () -> migrations.list(alice, 10, 0))).isNotNull();
        assertThat(catchThrowableOfType(WikifarmException.Forbidden.class,
                () -> migrations.migrate(alice, a.id().value()))).isNotNull();
        assertThat(catchThrowableOfType(WikifarmException.Forbidden.class,
                () -> migrations.migrateAll(alice))).isNotNull();
        assertThat(catchThrowableOfType(WikifarmException.Unauthenticated.class,
                () -> migrations.progress(Caller.ANONYMOUS))).isNotNull();
        assertThat(catchThrowableOfType(WikifarmException.NotFound.class,
                () -> migrations.migrate(farm.admin, "../../etc"))).isNotNull();
    }

    @Test
    void olderWikisComeFirstAndOneIsMigratedAtOnce() throws Exception {
        downgrade(b);
        List<SchemaMigrations.WikiSchema> listed = migrations.list(farm.admin, 10, 0);
        assertThat(listed).hasSize(3);
        assertThat(listed.get(0).id()).isEqualTo(b.id());
        assertThat(listed.get(0).older()).isTrue();
        assertThat(listed.get(0).wiki()).map(Wiki::slug).map(Object::toString).hasValue("bbb");
        assertThat(listed.subList(1, 3)).noneMatch(SchemaMigrations.WikiSchema::older);
        assertThat(migrations.list(farm.admin, 10, 2)).containsExactly(listed.get(2));
        assertThat(migrations.list(farm.admin, 10, Integer.MAX_VALUE)).isEmpty();

        OpenWikis.Migrated migrated = migrations.migrate(farm.admin, b.id().value());
        assertThat(migrated.from()).isEqualTo(OpenWikis.SCHEMA_VERSION - 1);
        assertThat(migrations.list(farm.admin, 10, 0)).noneMatch(SchemaMigrations.WikiSchema::older);
    }

    @Test
    void allOlderWikisInTheBackgroundAndForTheOperator() throws Exception {
        downgrade(a);
        downgrade(c);
        migrations.migrateAll(farm.admin);
        SchemaMigrations.Progress progress = migrations.progress(farm.admin);
        for (int i = 0; i < 600 && progress.running(); i++) {
            Thread.sleep(50);
            progress = migrations.progress(farm.admin);
        }
        assertThat(progress.running()).isFalse();
        assertThat(progress.total()).isEqualTo(2);
        assertThat(progress.migrated()).isEqualTo(2);
        assertThat(progress.failures()).isEmpty();
        assertThat(progress.finishedAt()).isNotNull();

        downgrade(b);
        List<SchemaMigrations.Progress> reports = new ArrayList<>();
        SchemaMigrations.Progress end = migrations.operator().migrateAll(reports::add);
        assertThat(end.migrated()).isEqualTo(1);
        assertThat(reports).extracting(SchemaMigrations.Progress::done).containsExactly(0, 1, 1);
        assertThat(farm.app.openWikis().schemaVersion(b.id())).isEqualTo(OpenWikis.SCHEMA_VERSION);
    }
}
