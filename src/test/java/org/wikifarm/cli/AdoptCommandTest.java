package org.wikifarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.node.Placement;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;

/**
 * {@code wikifarm adopt}: a wiki whose node was lost with its disk comes back on this node from a backup of one of its
 * snapshots, under its own id, address and members; a wiki that is no one's, one with files here already, or one whose
 * node still runs is refused and nothing changes.
 */
class AdoptCommandTest {
    @TempDir
    Path dir;
    CliFixture farm;
    Path backup;
    TenantId id;

    @BeforeEach
    void setUp() throws Exception {
        farm = new CliFixture(dir.resolve("data"));
        try (App app = farm.open()) {
            Caller admin = CliFixture.admin(app);
            Wiki notes = app.catalog().create(admin, "notes", "Notes", false);
            app.pages().save(admin, notes, new PagePath("Garden"), "# Garden\n\nZucchini grow.", null, "first");
            id = notes.id();
        }
        CliFixture.Run taken = farm.cli("snapshot", "take", "firstadmin/notes", "--json");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        Path snapshots = farm.data.resolve("wikis").resolve(id.value()).resolve("snapshots");
        Path snapshot;
        try (Stream<Path> list = Files.list(snapshots)) {
            snapshot = list.findFirst().orElseThrow();
        }
        backup = dir.resolve("backup").resolve(snapshot.getFileName().toString());
        Files.createDirectories(backup);
        for (String name : new String[] {"manifest.json", "wiki.db", "repo.bundle"}) {
            Files.copy(snapshot.resolve(name), backup.resolve(name));
        }
    }

    /** The node that held the wiki is lost with its disk: its files are gone and its row names it. */
    private void loseTheNode(String node) throws Exception {
        org.wikifarm.store.WikiSnapshots.discard(farm.data.resolve("wikis").resolve(id.value()));
        try (App app = farm.open()) {
            app.platform().withConnection(connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE wikis SET node = ? WHERE id = ?")) {
                    update.setString(1, node);
                    update.setString(2, id.value());
                    return update.executeUpdate();
                }
            });
        }
    }

    @Test
    void aLostNodesWikiComesBackUnderItsOwnIdWithItsPagesAndAddress() throws Exception {
        loseTheNode("node7");
        CliFixture.Run run = farm.cli("adopt", backup.toString(), "--json");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.json().path("wiki").asText()).isEqualTo(id.value());
        assertThat(run.json().path("from").asText()).isEqualTo("node7");

        try (App app = farm.open()) {
            Wiki notes = CliFixture.wiki(app, "firstadmin", "notes");
            assertThat(notes.id()).isEqualTo(id);
            assertThat(app.pages().read(CliFixture.admin(app), notes, new PagePath("Garden"), null).content())
                    .contains("Zucchini");
            assertThat(app.placements().read(id)).contains(new Placement("local", null, null));
        }
        assertThat(farm.data.resolve("wikis").resolve(id.value()).resolve("snapshots")
                .resolve(backup.getFileName().toString()).resolve("manifest.json")).as("the snapshot is kept")
                .exists();
    }

    @Test
    void aWikiWithFilesHereOrOfNoOneOrWhoseNodeRunsIsRefused() throws Exception {
        CliFixture.Run here = farm.cli("adopt", backup.toString());
        assertThat(here.exitCode()).isEqualTo(ExitCode.CONFLICT);
        assertThat(here.err()).contains("already has files");

        loseTheNode("node7");
        try (App app = farm.open()) {
            new org.wikifarm.node.NodeDirectory(app.platform(), java.time.Clock.systemUTC())
                    .report("node7", "http://10.0.0.7:8080", 1);
        }
        CliFixture.Run running = farm.cli("adopt", backup.toString());
        assertThat(running.exitCode()).as(running.err()).isEqualTo(ExitCode.CONFLICT);
        assertThat(running.err()).contains("node7 still reports itself");
        assertThat(farm.data.resolve("wikis").resolve(id.value())).as("nothing was put in place").doesNotExist();
        assertThat(farm.cli("adopt", backup.toString(), "--force").exitCode()).isZero();

        CliFixture.Run damaged = farm.cli("adopt", dir.resolve("backup").toString());
        assertThat(damaged.exitCode()).as(damaged.err()).isEqualTo(ExitCode.BAD_INPUT);
        try (Stream<Path> left = Files.list(farm.data.resolve("wikis"))) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".adopt"));
        }
    }
}
