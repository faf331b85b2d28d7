package org.wikifarm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.cli.Main;
import org.wikifarm.config.Settings;
import org.wikifarm.importer.OtterInstallation;

/**
 * Import of a 1,000-page An Otter Wiki installation with {@code wikifarm import} (docs/benchmarks.md). The source is
 * made with the real git: {@code git fast-import} writes 1,000 commits that each add one lowercased page (about 1 KB,
 * two wiki links) and 200 more that edit one, some pages in folders with an attachment beside them; its database
 * (Otterwiki 2.23.0's schema) holds 20 users, 50 drafts and the usual preferences. Measured: the dry run, the import
 * with the whole history, the squashed import, in this JVM (the command's own time), and the whole history again
 * through {@code bin/wikifarm} as a new process (JVM start included) when the CLI jar is built. Each import goes into
 * a fresh data folder. Nothing here fails on a time; the imported wiki is checked for its page count.
 *
 * <p>Run alone: {@code mvn -o test -Dtest=ImportBench -Dsurefire.failIfNoSpecifiedTests=false} (after
 * {@code mvn package} for the process figure); also part of {@code mvn -Pbench verify}.
 */
class ImportBench {
    private static final int PAGES = 1_000;
    private static final int EDITS = 200;

    @TempDir
    Path root;

    @Test
    void importOfAThousandPageInstallation() throws Exception {
        OtterInstallation otter = OtterInstallation.create(root.resolve("otter"));
        long made = System.nanoTime();
        fastImport(otter.repo);
        for (int i = 0; i < 20; i++) {
            otter.user("User " + i, "user" + i + "@example.org", true, i == 0, true, i % 2 == 0);
        }
        for (int i = 0; i < 50; i++) {
            otter.sql("INSERT INTO drafts (pagepath, revision, author_email, content, cursor_line, cursor_ch, datetime)"
                    + " VALUES (?, NULL, ?, 'draft text', 1, 1, '2024-05-02 10:00:00')", "Page " + i,
                    "user" + (i % 20) + "@example.org");
        }
        otter.sql("INSERT INTO preferences (name, value) VALUES ('SITE_NAME', 'Bench Wiki'),"
                + " ('READ_ACCESS', 'ANONYMOUS'), ('WRITE_ACCESS', 'REGISTERED'), ('SIDEBAR_MENUTREE_MODE', 'SORTED')");
        double sourceSeconds = (System.nanoTime() - made) / 1e9;

        List<String> rows = new ArrayList<>();
        // Untimed: the first command of a JVM loads classes, Liquibase and Hibernate (the process row shows it).
        inProcess(otter, "warm-up", "--dry-run", "--history", "squash");
        rows.add(row("dry run (plan only)", inProcess(otter, "dry", "--dry-run")));
        rows.add(row("import, history kept (" + (PAGES + EDITS) + " commits)", inProcess(otter, "keep")));
        rows.add(row("import, history squashed (1 commit)", inProcess(otter, "squash", "--history", "squash")));
        Path launcher = Path.of("bin/wikifarm").toAbsolutePath();
        String configured = System.getProperty("wikifarm.bench.results");
        Path jar = configured == null ? Path.of("target/wikifarm-cli.jar")
                : Path.of(configured).resolveSibling("wikifarm-cli.jar");
        if (Files.exists(launcher) && Files.exists(jar)) {
            rows.add(row("import, history kept, `bin/wikifarm` as a new process", process(otter, launcher, jar)));
        }
        String report = String.format(Locale.ROOT, """
                ### Import of a 1,000-page An Otter Wiki installation

                Source: %,d pages (%,d commits: one per page, %,d edits), %,d attachments, 20 users, 50 drafts;
                made in %.1f s. Load average before: %s. Each import into a fresh data folder.

                | run | seconds |
                |---|---|
                %s
                """, PAGES, PAGES + EDITS, EDITS, PAGES / 10, sourceSeconds, MarkdownReport.loadAverage(),
                String.join("\n", rows));
        System.out.println(report);
        Path results = resultsFile();
        Files.createDirectories(results.getParent());
        Files.writeString(results, report);
    }

    private static String row(String what, double seconds) {
        return String.format(Locale.ROOT, "| %s | %.2f |", what, seconds);
    }

    private double inProcess(OtterInstallation otter, String name, String... extra) {
        Path data = newDataFolder(name);
        List<String> args = new ArrayList<>(List.of("import", otter.folder.toString(), "--owner", "bench",
                "--name", "imported", "--data", data.toString(), "--json"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(code).as(err + out.toString()).isZero();
        assertThat(out.toString()).contains("\"pages\"");
        return seconds;
    }

    private double process(OtterInstallation otter, Path launcher, Path jar) throws Exception {
        Path data = newDataFolder("process");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "import", otter.folder.toString(),
                "--owner", "bench", "--name", "imported", "--data", data.toString(), "--json")
                .redirectErrorStream(true).redirectOutput(root.resolve("process.log").toFile());
        builder.environment().put("WIKIFARM_CLI_JAR", jar.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(process.exitValue()).as(Files.readString(root.resolve("process.log"))).isZero();
        return seconds;
    }

    private Path newDataFolder(String name) {
        Path data = root.resolve("data-" + name);
        try (TestFarm farm = new TestFarm(data, Settings.Limits.DEFAULT)) {
            farm.app.accounts().signUp(Caller.ANONYMOUS, "bench", "correct horse battery bench", "user0@example.org",
                    null);
        }
        return data;
    }

    /** 1,000 commits adding a page each, 200 editing one: one {@code git fast-import} stream. */
    private static void fastImport(Path repo) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("git", "-C", repo.toString(), "fast-import", "--quiet")
                .redirectErrorStream(true).redirectOutput(repo.resolveSibling("fast-import.log").toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            long when = 1_700_000_000L;
            for (int i = 0; i < PAGES + EDITS; i++) {
                int page = i < PAGES ? i : (i * 7) % PAGES;
                String file = (page % 10 == 0 ? "section " + (page / 100) + "/" : "") + "page " + page + ".md";
                StringBuilder commit = new StringBuilder();
                commit.append("commit refs/heads/master\n");
                commit.append("committer User ").append(i % 20).append(" <user").append(i % 20)
                        .append("@example.org> ").append(when + i * 60L).append(" +0000\n");
                data(commit, (i < PAGES ? "Add " : "Edit ") + "page " + page);
                commit.append("M 100644 inline ").append(file).append('\n');
                data(commit, "# Page " + page + "\n\n" + ("Words about page " + page + " and its garden. ").repeat(20)
                        + "\n\nSee [[Page " + ((page + 1) % PAGES) + "]] and [[Page " + ((page + 7) % PAGES) + "]].\n"
                        + (i >= PAGES ? "\nEdited in commit " + i + ".\n" : ""));
                if (i < PAGES && page % 10 == 0) {
                    commit.append("M 100644 inline ").append(file, 0, file.length() - 3).append("/picture.png\n");
                    data(commit, "not really a picture " + page);
                }
                commit.append('\n');
                in.write(commit.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(repo.resolveSibling("fast-import.log"))).isZero();
        OtterInstallation.git(repo, "checkout", "-q", "master");
    }

    private static void data(StringBuilder out, String text) {
        out.append("data ").append(text.getBytes(StandardCharsets.UTF_8).length).append('\n').append(text).append('\n');
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("import-bench-results.md");
    }
}
