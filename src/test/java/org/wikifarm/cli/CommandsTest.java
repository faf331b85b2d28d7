package org.wikifarm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.importer.OtterInstallation;

/** {@code info}, {@code wikis list}, {@code recompute-usage}, {@code reindex}, {@code close}, and the command line's own errors. */
class CommandsTest {
    @TempDir
    Path dir;
    CliFixture farm;

    @BeforeEach
    void setUp() {
        farm = new CliFixture(dir.resolve("data"));
        OtterInstallation otter = OtterInstallation.create(dir.resolve("otter"));
        otter.write("home.md", "# Home\n\nWelcome to the garden.\n");
        otter.write("roses.md", "# Roses\n\nRoses need sun.\n");
        otter.commit("Alice", "alice@example.org", "Pages");
        assertThat(farm.cli("import", otter.folder.toString(), "--owner", "alice", "--name", "garden").exitCode())
                .isZero();
    }

    @Test
    void infoCountsUsersWikisPagesAndSchemas() {
        CliFixture.Run run = farm.cli("info", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode info = run.json();
        assertThat(info.path("users").asInt()).isEqualTo(2);
        assertThat(info.path("wikis").asInt()).isEqualTo(1);
        assertThat(info.path("pages").asInt()).isEqualTo(2);
        assertThat(info.path("serverRunning").asBoolean()).isFalse();
        assertThat(info.path("wikiSchema").path("wikisByVersion").size()).isEqualTo(1);
        assertThat(farm.cli("info").out()).contains("Wikis         1", "Pages         2");
    }

    @Test
    void infoOfASourceShowsWhatItHolds() {
        CliFixture.Run run = farm.cli("info", dir.resolve("otter").toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("pages").asInt()).isEqualTo(2);
        assertThat(run.json().path("commits").asInt()).isEqualTo(1);
    }

    @Test
    void wikisListShowsEveryWiki() {
        CliFixture.Run run = farm.cli("wikis", "list", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("wikis").get(0).path("slug").asText()).isEqualTo("garden");
        assertThat(farm.cli("wikis", "list").out()).contains("alice/garden");
    }

    @Test
    void recomputeUsageMeasuresAgain() {
        CliFixture.Run run = farm.cli("recompute-usage", "alice/garden", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode measured = run.json().path("measured").get(0);
        assertThat(measured.path("pages").asInt()).isEqualTo(2);
        assertThat(measured.path("diskUsageBytes").asLong()).isPositive();
        assertThat(farm.cli("recompute-usage", "alice/nothing").exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void reindexBuildsTheSearchIndexToTheEnd() {
        CliFixture.Run run = farm.cli("reindex", "--all", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.json().path("reindexed").get(0).path("indexedPages").asInt()).isEqualTo(2);
    }

    @Test
    void closeWithoutAServerSaysSo() {
        CliFixture.Run noPassword = farm.cli("close", "--idle", "--url", "http://127.0.0.1:9", "--user", "firstadmin");
        assertThat(noPassword.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        Path password = dir.resolve("password");
        try {
            java.nio.file.Files.writeString(password, "secret\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        CliFixture.Run run = farm.cli("close", "--idle", "--url", "http://127.0.0.1:9", "--user", "firstadmin",
                "--password-file", password.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.SERVER);
        assertThat(run.json().path("error").asText()).isEqualTo("server_unreachable");
    }

    @Test
    void snapshotsAreTakenListedRestoredAndDeleted() {
        CliFixture.Run taken = farm.cli("snapshot", "take", "alice/garden", "--json");
        assertThat(taken.exitCode()).as(taken.err()).isZero();
        String id = taken.json().path("taken").get(0).path("id").asText();
        String commit = taken.json().path("taken").get(0).path("commit").asText();
        assertThat(commit).hasSize(40);
        CliFixture.Run listed = farm.cli("snapshot", "list", "alice/garden", "--json");
        assertThat(listed.json().path("snapshots").get(0).path("id").asText()).isEqualTo(id);
        assertThat(farm.cli("snapshot", "list", "alice/garden").out()).contains(id, "schema");

        CliFixture.Run restored = farm.cli("restore", "alice/garden", id, "--json");
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.json().path("commit").asText()).isEqualTo(commit);
        assertThat(farm.cli("restore", "alice/garden", "../../etc").exitCode()).isIn(ExitCode.BAD_INPUT,
                ExitCode.NOT_FOUND);
        assertThat(farm.cli("restore", "alice/garden", "20990101T000000Z").exitCode()).isEqualTo(ExitCode.NOT_FOUND);

        assertThat(farm.cli("snapshot", "delete", "alice/garden", id).exitCode()).isZero();
        assertThat(farm.cli("snapshot", "list", "alice/garden", "--json").json().path("snapshots").size()).isZero();
    }

    @Test
    void migrateOfCurrentWikisChangesNothingAndSaysSo() {
        CliFixture.Run all = farm.cli("migrate", "--all", "--json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.json().path("failures").size()).isZero();
        CliFixture.Run one = farm.cli("migrate", "alice/garden", "--json");
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.json().path("to").asInt()).isEqualTo(one.json().path("from").asInt());
        assertThat(farm.cli("migrate").exitCode()).as("--all or a wiki").isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aWrongCommandLineIsExitCodeTwo() {
        assertThat(farm.cli("no-such-command").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(farm.cli("reindex").exitCode()).as("--all or a wiki").isEqualTo(ExitCode.USAGE);
        assertThat(farm.cli("--help").out()).contains("Exit codes:", "import", "recompute-usage");
    }
}
