package org.wikifarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.importer.OtterInstallation;
import org.wikifarm.page.Change;
import org.wikifarm.page.Editing;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.DataDirLock;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.Username;
import org.wikifarm.tenant.Wiki;

/**
 * {@code wikifarm import} of An Otter Wiki installation (a real git repository and an Otterwiki-shaped SQLite
 * database made in the test) into a data folder, checked through the product's services as a server would serve it;
 * the dry run, the undo, the rollback of a failed import, and the bad inputs with their exit codes.
 */
class ImportCommandTest {
    @TempDir
    Path dir;
    CliFixture farm;
    OtterInstallation otter;
    String secondCommit;

    @BeforeEach
    void setUp() {
        farm = new CliFixture(dir.resolve("data"));
        otter = OtterInstallation.create(dir.resolve("otter"));
        otter.write("home.md", "# Home\n\nSee [[Project Plan]] and [[Notes/Meeting]].\n");
        otter.write("project plan.md", "# Project Plan\n\nFirst version.\n");
        otter.write("project plan/diagram.png", "not really a png");
        otter.commit("Bob Builder", "bob@example.org", "First pages");
        otter.write("project plan.md", "# Project Plan\n\nSecond version.\n");
        secondCommit = otter.commit("Carol Reader", "carol@example.org", "Plan: second version");
        otter.write("notes/meeting.md", "# Meeting\n\nNotes.\n");
        otter.commit("Alice", "alice@example.org", "Meeting notes");
        otter.sql("INSERT INTO preferences (name, value) VALUES ('SITE_NAME', 'Team Wiki'), ('READ_ACCESS',"
                + " 'REGISTERED'), ('WRITE_ACCESS', 'APPROVED'), ('MAIL_SERVER', 'smtp.example.org')");
        otter.user("Bob Builder", "bob@example.org", true, false, true, true);
        otter.user("Carol", "carol@example.org", true, false, true, false);
        otter.user("Dave", "dave@example.org", false, false, false, false);
        otter.user("Alice", "alice@example.org", true, true, true, true);
        otter.sql("INSERT INTO drafts (pagepath, revision, author_email, content, cursor_line, cursor_ch, datetime)"
                + " VALUES ('Project Plan', ?, 'bob@example.org', 'Bob''s unsaved plan', 3, 1,"
                + " '2024-05-02 10:00:00.000000')", secondCommit);
        otter.sql("INSERT INTO drafts (pagepath, revision, author_email, content, cursor_line, cursor_ch, datetime)"
                + " VALUES ('Home', NULL, 'stranger@example.org', 'lost', 1, 1, '2024-05-02 10:00:00.000000')");
    }

    @Test
    void importsPagesHistoryPreferencesUsersAndDraftsAndLeavesTheSourceAsItWas() {
        String before = OtterInstallation.digest(otter.folder);
        CliFixture.Run run = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team",
                "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        JsonNode imported = run.json().path("imports").get(0);
        assertThat(imported.path("importId").asText()).startsWith("imp-");
        assertThat(OtterInstallation.digest(otter.folder)).as("the source is untouched").isEqualTo(before);

        try (App app = farm.open()) {
            Wiki wiki = CliFixture.wiki(app, "alice", "team");
            Caller admin = CliFixture.admin(app);
            assertThat(wiki.displayName()).isEqualTo("Team Wiki");
            assertThat(wiki.access().read()).isEqualTo(AccessLevel.REGISTERED);
            assertThat(wiki.access().write()).isEqualTo(AccessLevel.APPROVED);
            assertThat(wiki.access().attachment()).isEqualTo(AccessLevel.ANONYMOUS);
            assertThat(wiki.pageCount()).isEqualTo(3);
            assertThat(app.pages().list(admin, wiki, "")).extracting(PagePath::value)
                    .containsExactlyInAnyOrder("Home", "Project Plan", "Notes/Meeting");
            assertThat(app.pages().read(admin, wiki, new PagePath("Project Plan"), null).content())
                    .contains("Second version");
            List<Change> history = app.pages().history(admin, wiki, new PagePath("Project Plan"), 10, 100_000)
                    .changes();
            assertThat(history).extracting(Change::message)
                    .containsExactly("Plan: second version", "First pages");
            assertThat(history).extracting(Change::author).containsExactly("Carol Reader", "Bob Builder");
            assertThat(app.usage().measure(wiki.id()).attachments()).isEqualTo(1);

            UserRepository users = new UserRepository(app.platform());
            assertThat(users.roleOn(wiki.id(), users.findByUsername(new Username("bob-builder")).orElseThrow().id()))
                    .hasValueSatisfying(role -> assertThat(role.name()).isEqualTo("EDITOR"));
            assertThat(users.roleOn(wiki.id(), users.findByUsername(new Username("carol")).orElseThrow().id()))
                    .hasValueSatisfying(role -> assertThat(role.name()).isEqualTo("VIEWER"));
            assertThat(users.findByUsername(new Username("dave"))).as("unapproved: not carried").isEmpty();

            Caller bob = new Caller(users.findByUsername(new Username("bob-builder")).orElseThrow());
            Editing editing = app.pages().editor(bob, wiki, new PagePath("Project Plan"));
            assertThat(editing.draft()).hasValueSatisfying(draft -> {
                assertThat(draft.content()).isEqualTo("Bob's unsaved plan");
                assertThat(draft.baseRevision()).as("the copied commit of the draft's revision")
                        .isEqualTo(history.get(0).revision());
            });
        }
    }

    @Test
    void aDryRunReportsThePlanAndChangesNothing() {
        String dataBefore = state();
        CliFixture.Run run = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team",
                "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = run.json().path("imports").get(0).path("plan");
        assertThat(plan.path("pages").path("project plan.md").asText()).isEqualTo("Project Plan.md");
        assertThat(plan.path("attachments").path("project plan/diagram.png").asText())
                .isEqualTo("Project Plan/diagram.png");
        assertThat(plan.path("commits").asInt()).isEqualTo(3);
        assertThat(plan.path("notCarried").toString()).contains("MAIL_SERVER");
        assertThat(plan.path("droppedDrafts").toString()).contains("stranger@example.org");
        assertThat(state()).isEqualTo(dataBefore);

        CliFixture.Run text = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team",
                "--dry-run");
        assertThat(text.out()).contains("Would create the wiki alice/team \"Team Wiki\"", "project plan.md ->"
                + " Project Plan.md", "carol@example.org -> carol (new account, no password), viewer");
    }

    @Test
    void squashedHistoryIsOneImportCommit() {
        assertThat(farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team", "--history",
                "squash").exitCode()).isZero();
        try (App app = farm.open()) {
            Wiki wiki = CliFixture.wiki(app, "alice", "team");
            assertThat(app.pages().history(CliFixture.admin(app), wiki, new PagePath("Home"), 10, 100_000).changes())
                    .singleElement().satisfies(c -> assertThat(c.message()).startsWith("Imported from An Otter Wiki"));
        }
    }

    @Test
    void anImportCanBeUndoneWithTheAccountsItMade() {
        CliFixture.Run run = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team",
                "--json");
        String importId = run.json().path("imports").get(0).path("importId").asText();
        String wikiId = run.json().path("imports").get(0).path("wikiId").asText();
        assertThat(farm.cli("import", "--list").out()).contains(importId);

        CliFixture.Run undo = farm.cli("import", "--undo", importId, "--json");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(farm.data.resolve("wikis").resolve(wikiId)).doesNotExist();
        try (App app = farm.open()) {
            UserRepository users = new UserRepository(app.platform());
            assertThat(users.findByUsername(new Username("bob-builder"))).isEmpty();
            assertThat(users.findByUsername(new Username("alice"))).isPresent();
            assertThat(app.wikis().findById(new org.wikifarm.store.TenantId(wikiId))).isEmpty();
        }
        assertThat(farm.cli("import", "--undo", importId).exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void aTakenNameIsAConflictAndChangesNothing() {
        assertThat(farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team").exitCode())
                .isZero();
        String before = state();
        CliFixture.Run again = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team",
                "--json");
        assertThat(again.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(again.json().path("error").asText()).isEqualTo("slug_taken");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aDatabaseOfTheWrongShapeIsRefusedClearly() {
        OtterInstallation wrong = OtterInstallation.create(dir.resolve("wrong"), "shared-schema.sql");
        wrong.write("home.md", "# Home\n");
        wrong.commit("Bob", "bob@example.org", "Home");
        wrong.sql("DROP TABLE drafts");
        CliFixture.Run run = farm.cli("import", wrong.folder.toString(), "--owner", "alice", "--name", "team");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("is not An Otter Wiki database", "no table 'drafts'");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
        assertThat(wikiFolders()).isEmpty();
    }

    @Test
    void aFileThatIsNoDatabaseAndAFolderThatIsNoInstallationAreRefused() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("nothing"));
        CliFixture.Run run = farm.cli("import", folder.toString(), "--owner", "alice", "--name", "team");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("is not An Otter Wiki installation");

        Files.writeString(otter.db, "this is not a database at all, just some text that is long enough");
        CliFixture.Run notDb = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team");
        assertThat(notDb.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(wikiFolders()).isEmpty();
    }

    @Test
    void aFolderThatIsNoDataFolderGetsNothing() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliFixture.Run run = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team",
                "--data", empty.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.NOT_A_DATA_DIR);
        assertThat(run.json().path("error").asText()).isEqualTo("not_a_data_dir");
        try (Stream<Path> files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
        assertThat(farm.cli("info", "--data", dir.resolve("missing").toString()).exitCode())
                .isEqualTo(ExitCode.NOT_A_DATA_DIR);
    }

    @Test
    void whileAServerHoldsTheDataFolderNothingIsWritten() {
        try (DataDirLock server = DataDirLock.take(farm.data, "the Wikifarm server")) {
            String before = OtterInstallation.digest(farm.data.resolve("wikis"));
            CliFixture.Run run = farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team");
            assertThat(run.exitCode()).isEqualTo(ExitCode.LOCKED);
            assertThat(run.err()).contains("is in use by the Wikifarm server");
            assertThat(OtterInstallation.digest(farm.data.resolve("wikis"))).isEqualTo(before);
            assertThat(farm.cli("recompute-usage", "--all").exitCode()).isEqualTo(ExitCode.LOCKED);
            // Reading commands still work beside a running server.
            CliFixture.Run info = farm.cli("info", "--json");
            assertThat(info.exitCode()).isZero();
            assertThat(info.json().path("serverRunning").asBoolean()).isTrue();
        }
        assertThat(farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "team").exitCode())
                .isZero();
    }

    @Test
    void anUnknownOwnerIsNotFound() {
        assertThat(farm.cli("import", otter.folder.toString(), "--owner", "nobody", "--name", "team").exitCode())
                .isEqualTo(ExitCode.NOT_FOUND);
    }

    /**
     * What an import could change: the wikis' files, the import records, and every row of the platform tables an
     * import writes (read as rows, since opening the database may checkpoint its WAL into the file).
     */
    private String state() {
        StringBuilder rows = new StringBuilder(OtterInstallation.digest(farm.data.resolve("wikis")));
        rows.append(Files.exists(farm.data.resolve("instance").resolve("imports")));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + farm.data.resolve("platform.db"))) {
            for (String table : List.of("users", "wikis", "acl", "host_names")) {
                try (java.sql.ResultSet r = c.createStatement().executeQuery("SELECT * FROM " + table + " ORDER BY 1")) {
                    while (r.next()) {
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            rows.append(r.getString(i)).append('|');
                        }
                        rows.append('\n');
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return rows.toString();
    }

    private List<Path> wikiFolders() {
        try (Stream<Path> files = Files.list(farm.data.resolve("wikis"))) {
            return files.toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
