package org.wikifarm.importer;

import org.wikifarm.store.TestPlatforms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.tenant.WikiRepository;

/**
 * The importer on its own: a failure at any step removes everything the import created (files, rows, accounts,
 * record); a shared database is split so each wiki gets only its own rows.
 */
class ImporterTest {
    @TempDir
    Path dir;
    Path data;
    PlatformDatabase platform;
    OpenWikis files;
    Importer importer;
    OtterInstallation otter;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        try (TestFarm farm = new TestFarm(data, Settings.Limits.DEFAULT)) {
            farm.app.accounts().signUp(Caller.ANONYMOUS, "alice", "correct horse battery alice", "alice@example.org",
                    null);
        }
        platform = TestPlatforms.open(data.resolve("platform.db"));
        files = new OpenWikis(data.resolve("wikis"), 8);
        importer = new Importer(platform, new WikiRepository(platform), new UserRepository(platform), files,
                data.resolve("wikis"), new ImportRecords(data), Clock.systemUTC());
        otter = OtterInstallation.create(dir.resolve("otter"));
        otter.write("home.md", "# Home\n");
        otter.write("big page.md", "# Big Page\n" + "text ".repeat(1000));
        otter.commit("Bob", "bob@example.org", "Pages");
        otter.user("Bob", "bob@example.org", true, false, true, true);
    }

    @AfterEach
    void tearDown() {
        files.close();
        platform.close();
    }

    private Importer.Options options(String slug) {
        return new Importer.Options("alice", slug, null, Importer.History.KEEP, true);
    }

    @Test
    void aFailureWhileCopyingRemovesTheWikiItStarted() throws Exception {
        OtterSource source = OtterSource.locate(otter.folder, null, null, null);
        Importer.Prepared prepared = importer.plan(source, options("team"));
        // A blob the plan did not need to read goes missing before the copy reads it.
        String blob = OtterInstallation.git(otter.repo, "rev-parse", "HEAD:big page.md").strip();
        Files.delete(otter.repo.resolve(".git/objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2)));

        assertThatThrownBy(() -> importer.run(prepared, done -> { })).isInstanceOf(Exception.class);
        assertThat(folders(data.resolve("wikis"))).isEmpty();
        assertThat(new ImportRecords(data).list()).isEmpty();
        assertThat(count("SELECT count(*) FROM wikis")).isZero();
        assertThat(count("SELECT count(*) FROM users")).as("firstadmin and alice only").isEqualTo(2);
    }

    @Test
    void aFailureWritingTheRowsRemovesTheFilesAndAccounts() {
        OtterSource source = OtterSource.locate(otter.folder, null, null, null);
        Importer.Prepared first = importer.plan(source, options("team"));
        Importer.Prepared second = importer.plan(source, options("team"));
        Importer.Done done = importer.run(first, n -> { });

        // The second plan was made before the first took the name: its rows cannot be written.
        assertThatThrownBy(() -> importer.run(second, n -> { })).isInstanceOf(RuntimeException.class);
        assertThat(folders(data.resolve("wikis"))).containsExactly(done.wiki().id().value());
        assertThat(new ImportRecords(data).list()).hasSize(1);
        assertThat(count("SELECT count(*) FROM wikis")).isEqualTo(1);
    }

    @Test
    void aSharedDatabaseIsSplitIntoEachWikisOwnRows() {
        OtterInstallation shared = OtterInstallation.create(dir.resolve("shared"), "shared-schema.sql");
        shared.sql("INSERT INTO preferences (wiki_id, name, value) VALUES ('red', 'SITE_NAME', 'Red Wiki'),"
                + " ('blue', 'SITE_NAME', 'Blue Wiki'), ('blue', 'READ_ACCESS', 'APPROVED')");
        shared.sql("INSERT INTO drafts (wiki_id, pagepath, author_email, content, datetime) VALUES"
                + " ('red', 'Home', 'alice@example.org', 'red draft', '2024-01-01 00:00:00'),"
                + " ('blue', 'Home', 'alice@example.org', 'blue draft', '2024-01-01 00:00:00')");
        assertThat(OtterData.tenants(OtterSource.locate(null, shared.repo, shared.db, null), "wiki_id"))
                .containsExactly("blue", "red");

        OtterSource red = OtterSource.locate(null, otter.repo, shared.db, new OtterSource.Tenant("wiki_id", "red"));
        ImportPlan plan = importer.plan(red, options("red")).plan();
        assertThat(plan.displayName()).isEqualTo("Red Wiki");
        assertThat(plan.access().read().name()).as("blue's READ_ACCESS stays blue's").isEqualTo("ANONYMOUS");
        assertThat(plan.drafts()).singleElement().satisfies(d -> assertThat(d.author()).isEqualTo("alice"));
        assertThat(plan.users()).as("a user table shared by every wiki is not carried").isEmpty();

        OtterData blue = OtterData.read(OtterSource.locate(null, otter.repo, shared.db,
                new OtterSource.Tenant("wiki_id", "blue")));
        assertThat(blue.drafts()).extracting(OtterData.DraftRow::content).containsExactly("blue draft");
        assertThat(blue.preferences()).containsEntry("READ_ACCESS", "APPROVED");
    }

    @Test
    void aTenantColumnMustBeAPlainName() {
        assertThatThrownBy(() -> new OtterSource.Tenant("wiki_id\"; DROP TABLE user; --", "x"))
                .isInstanceOf(WikifarmException.InvalidInput.class);
    }

    private long count(String sql) {
        return platform.withConnection(c -> {
            try (var r = c.createStatement().executeQuery(sql)) {
                return r.next() ? r.getLong(1) : -1L;
            }
        });
    }

    private static List<String> folders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
