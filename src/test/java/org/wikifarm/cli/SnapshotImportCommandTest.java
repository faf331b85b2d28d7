package org.wikifarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.importer.OtterInstallation;
import org.wikifarm.page.PagePath;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.Wiki;

/**
 * {@code wikifarm import --snapshot}: a Wikifarm wiki moved from one installation's data folder (one of its snapshot
 * folders, taken with {@code wikifarm snapshot take}) into another's, checked through the product's services; the
 * dry run, the undo, a damaged snapshot and a folder that is no snapshot, each leaving both installations as they were.
 */
class SnapshotImportCommandTest {
    @TempDir
    Path dir;
    CliFixture source;
    CliFixture target;
    Path snapshot;
    int history;

    @BeforeEach
    void setUp() {
        source = new CliFixture(dir.resolve("source"));
        OtterInstallation otter = OtterInstallation.create(dir.resolve("otter"));
        otter.write("home.md", "# Home\n\nWelcome to the garden.\n");
        otter.write("roses.md", "# Roses\n\nRoses need sun.\n");
        otter.write("roses/plan.txt", "rows of roses");
        otter.commit("Alice", "alice@example.org", "Pages");
        otter.write("roses.md", "# Roses\n\nRoses need sun and water.\n");
        otter.commit("Alice", "alice@example.org", "More about roses");
        otter.sql("INSERT INTO preferences (name, value) VALUES ('SITE_NAME', 'The Garden')");
        assertThat(source.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "garden",
                "--no-users").exitCode()).isZero();
        CliFixture.Run taken = source.cli("snapshot", "take", "alice/garden", "--json");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        String id = taken.json().path("taken").get(0).path("id").asText();
        try (App app = source.open()) {
            Wiki garden = CliFixture.wiki(app, "alice", "garden");
            snapshot = source.data.resolve("wikis").resolve(garden.id().value()).resolve("snapshots").resolve(id);
            history = app.pages().history(CliFixture.admin(app), garden, new PagePath("Roses"), 10, 100_000)
                    .changes().size();
        }
        assertThat(snapshot.resolve("manifest.json")).exists();
        target = new CliFixture(dir.resolve("target"));
    }

    @Test
    void aWikiMovesWithItsPagesHistoryAndFilesAndTheSourceStaysAsItWas() {
        String sourceBefore = OtterInstallation.digest(source.data);
        CliFixture.Run run = target.cli("import", "--snapshot", snapshot.toString(), "--owner", "alice", "--name",
                "moved", "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.json().path("imports").get(0).path("importId").asText()).startsWith("imp-");
        assertThat(OtterInstallation.digest(source.data)).as("the source is untouched").isEqualTo(sourceBefore);

        try (App app = target.open()) {
            Wiki moved = CliFixture.wiki(app, "alice", "moved");
            Caller admin = CliFixture.admin(app);
            assertThat(moved.displayName()).isEqualTo("The Garden");
            assertThat(moved.access().read()).isNotEqualTo(AccessLevel.ANONYMOUS);
            assertThat(moved.pageCount()).isEqualTo(2);
            assertThat(app.pages().read(admin, moved, new PagePath("Roses"), null).content())
                    .contains("sun and water");
            assertThat(app.pages().history(admin, moved, new PagePath("Roses"), 10, 100_000).changes())
                    .hasSize(history);
            assertThat(app.pages().attachments(admin, moved, new PagePath("Roses")))
                    .extracting(attachment -> attachment.name()).containsExactly("plan.txt");
        }
        assertThat(leftovers(target.data)).isEmpty();
    }

    @Test
    void aDryRunReportsThePlanAndChangesNothing() {
        String before = OtterInstallation.digest(target.data.resolve("wikis"));
        CliFixture.Run run = target.cli("import", "--snapshot", snapshot.toString(), "--owner", "alice", "--name",
                "moved", "--dry-run", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = run.json().path("imports").get(0).path("plan");
        assertThat(plan.path("pages").has("Roses.md")).isTrue();
        assertThat(plan.path("attachments").has("Roses/plan.txt")).isTrue();
        assertThat(plan.path("commits").asInt()).isEqualTo(2);
        assertThat(plan.path("displayName").asText()).isEqualTo("The Garden");
        assertThat(plan.path("notCarried").toString()).contains("members and tokens");
        assertThat(OtterInstallation.digest(target.data.resolve("wikis"))).isEqualTo(before);
        CliFixture.Run list = target.cli("wikis", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).doesNotContain("alice/moved");

        CliFixture.Run text = target.cli("import", "--snapshot", snapshot.toString(), "--owner", "alice", "--name",
                "moved", "--dry-run");
        assertThat(text.exitCode()).as("exit code; standard error: " + text.err()).isZero();
        assertThat(text.out()).as(text.err()).contains("Would create the wiki alice/moved \"The Garden\"");
    }

    @Test
    void anImportCanBeUndone() {
        CliFixture.Run run = target.cli("import", "--snapshot", snapshot.toString(), "--owner", "alice", "--name",
                "moved", "--json");
        String importId = run.json().path("imports").get(0).path("importId").asText();
        String wikiId = run.json().path("imports").get(0).path("wikiId").asText();

        CliFixture.Run undo = target.cli("import", "--undo", importId);
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(target.data.resolve("wikis").resolve(wikiId)).doesNotExist();
        assertThat(target.cli("wikis", "list").out()).doesNotContain("alice/moved");
    }

    @Test
    void aDamagedSnapshotIsRefusedAndLeavesNothingBehind() throws IOException {
        Path damaged = dir.resolve("damaged");
        copy(snapshot, damaged);
        Files.writeString(damaged.resolve("wiki.db"), "x", StandardOpenOption.APPEND);
        String before = OtterInstallation.digest(target.data.resolve("wikis"));

        CliFixture.Run run = target.cli("import", "--snapshot", damaged.toString(), "--owner", "alice", "--name",
                "moved", "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.json().path("error").asText()).isEqualTo("damaged_snapshot");
        assertThat(OtterInstallation.digest(target.data.resolve("wikis"))).isEqualTo(before);
        assertThat(leftovers(target.data)).isEmpty();

        CliFixture.Run notOne = target.cli("import", "--snapshot", dir.resolve("otter").toString(), "--owner",
                "alice", "--name", "moved", "--json");
        assertThat(notOne.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(notOne.json().path("error").asText()).isEqualTo("not_a_snapshot");
        assertThat(target.cli("import", "--snapshot", snapshot.toString(), "--owner", "nobody", "--name", "moved")
                .exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    /** Staging folders an import could leave in the wikis folder. */
    private static java.util.List<Path> leftovers(Path data) {
        try (Stream<Path> entries = Files.list(data.resolve("wikis"))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith(".import-")).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
