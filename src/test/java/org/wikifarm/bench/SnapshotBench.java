package org.wikifarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.wikifarm.app.App;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.config.Settings;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.tenant.Wiki;

/**
 * Snapshots of a wiki of {@code snapshotPages} pages (1,000 by default, each written and then edited once through
 * {@code PageService}, so 2,000 commits and a real {@code wiki.db}), in process on the real App (SQLite, JGit; embedding
 * model off): the time to take a snapshot, to restore it over the wiki, and to restore it as a new wiki (median of
 * five; the first of each is a warm-up and not counted), and the wiki's read latency (one reader reading random pages
 * through {@code PageService.read}) while nothing else runs and while snapshots run back to back. Run alone:
 * {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/SnapshotBench.java'}.
 */
class SnapshotBench {
    private static final int PAGES = Integer.getInteger("wikifarm.bench.snapshotPages", 1000);
    private static final int RUNS = 5;

    private final MarkdownReport report = new MarkdownReport();

    @Test
    void snapshots() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        Path data = Path.of(System.getProperty("wikifarm.bench.snapshotDir", "target/snapshot-bench"));
        deleteRecursively(data);
        Settings settings = Settings.load(Map.of(Settings.PREFIX + "dataDir", data.toString(),
                Settings.PREFIX + "embeddingModel", "off", Settings.PREFIX + "quotaBytes", "0",
                Settings.PREFIX + "quotaPages", "0", Settings.PREFIX + "snapshotsPerWiki", "100")::get);
        try (App app = new App(settings)) {
            User user = app.accounts().signUp(Caller.ANONYMOUS, "bench", "correct horse battery staple", null, null);
            Caller owner = new Caller(user);
            Wiki wiki = app.catalog().create(owner, "snapshots", "snapshots", false);
            List<PagePath> paths = new ArrayList<>();
            long writing = System.nanoTime();
            for (int i = 0; i < PAGES; i++) {
                PagePath path = new PagePath("notes/page-" + i);
                paths.add(path);
                String revision = app.pages().save(owner, wiki, path, text(i, 0), null, "write").revision();
                app.pages().save(owner, wiki, path, text(i, 1), revision, "edit");
            }
            double writeSeconds = (System.nanoTime() - writing) / 1e9;

            long[] take = new long[RUNS];
            long[] restore = new long[RUNS];
            long[] copy = new long[RUNS];
            WikiSnapshots.Snapshot last = null;
            for (int run = -1; run < RUNS; run++) {
                long began = System.nanoTime();
                last = app.snapshots().take(owner, wiki);
                long took = System.nanoTime() - began;
                began = System.nanoTime();
                app.snapshots().restore(owner, wiki, last.id());
                long restored = System.nanoTime() - began;
                began = System.nanoTime();
                app.snapshots().restoreAsCopy(owner, wiki, last.id(), "copy" + (run + 1), null);
                long copied = System.nanoTime() - began;
                if (run >= 0) {
                    take[run] = took;
                    restore[run] = restored;
                    copy[run] = copied;
                }
            }
            // The restored wiki is whole.
            if (!app.pages().read(owner, wiki, paths.get(PAGES - 1), null).content().equals(text(PAGES - 1, 1))) {
                throw new AssertionError("the restored wiki lost its last page");
            }

            long[] quiet = readFor(app, owner, wiki, paths, 3_000, null);
            AtomicBoolean snapshotting = new AtomicBoolean(true);
            CompletableFuture<Integer> snapshotter = CompletableFuture.supplyAsync(() -> {
                int taken = 0;
                for (int i = 0; i < RUNS; i++) {
                    WikiSnapshots.Snapshot s = app.snapshots().take(owner, wiki);
                    app.snapshots().delete(owner, wiki, s.id());
                    taken++;
                }
                snapshotting.set(false);
                return taken;
            });
            long[] during = readFor(app, owner, wiki, paths, Long.MAX_VALUE, snapshotting);
            int taken = snapshotter.get();

            Stats quietStats = Stats.of(quiet);
            Stats duringStats = Stats.of(during);
            String loadAfter = MarkdownReport.loadAverage();
            report.paragraph("## Snapshot and restore results, " + ZonedDateTime.now().format(
                    DateTimeFormatter.RFC_1123_DATE_TIME));
            report.paragraph("In process, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ", embedding model off; a wiki of " + PAGES + " pages"
                    + " (2 commits each, written in " + fmt(writeSeconds) + " s); snapshot "
                    + String.format(Locale.ROOT, "%,d", last.manifest().bytes()) + " bytes (database "
                    + String.format(Locale.ROOT, "%,d", last.manifest().files().get("wiki.db").bytes())
                    + ", bundle " + String.format(Locale.ROOT, "%,d", last.manifest().files().get("repo.bundle").bytes())
                    + "). Median of " + RUNS + " runs after one warm-up. Load average before: " + loadBefore
                    + "; after: " + loadAfter + ".");
            report.table(List.of("operation", "median s", "min s", "max s"), List.of(
                    row("take a snapshot (VACUUM INTO + git bundle + checksums)", take),
                    row("restore over the wiki (verify, swap, reopen, queue the reindex)", restore),
                    row("restore as a new wiki (verify, create)", copy)));
            report.table(List.of("reads of a random page", "reads", "median ms", "p95 ms", "p99 ms", "max ms"),
                    List.of(latency("nothing else running (3 s)", quietStats),
                            latency("while " + taken + " snapshots ran back to back", duringStats)));
            report.writeTo(resultsFile());
        }
    }

    private static String text(int page, int version) {
        StringBuilder text = new StringBuilder("# Page " + page + "\n\nVersion " + version + ".\n\n");
        for (int line = 0; line < 20; line++) {
            text.append("A line about lighthouses, tides and the keepers who kept them lit, number ")
                    .append(line).append(".\n");
        }
        return text.toString();
    }

    /** Reads random pages for {@code millis}, or while {@code whileTrue} holds; one sample per read. */
    private static long[] readFor(App app, Caller owner, Wiki wiki, List<PagePath> paths, long millis,
                                  AtomicBoolean whileTrue) {
        Random random = new Random(42);
        long end = System.nanoTime() + (millis == Long.MAX_VALUE ? Long.MAX_VALUE / 4 : millis * 1_000_000);
        List<Long> samples = new ArrayList<>();
        while (whileTrue == null ? System.nanoTime() < end : whileTrue.get()) {
            PagePath path = paths.get(random.nextInt(paths.size()));
            long began = System.nanoTime();
            app.pages().read(owner, wiki, path, null);
            samples.add(System.nanoTime() - began);
        }
        return samples.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<String> row(String what, long[] nanos) {
        Stats stats = Stats.of(nanos);
        return List.of(what, fmt(stats.medianMillis() / 1000), fmt(stats.millis(0) / 1000),
                fmt(stats.millis(100) / 1000));
    }

    private static List<String> latency(String when, Stats stats) {
        return List.of(when, String.format(Locale.ROOT, "%,d", stats.count()), Stats.ms(stats.medianMillis()),
                Stats.ms(stats.millis(95)), Stats.ms(stats.millis(99)), Stats.ms(stats.millis(100)));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("snapshot-bench-results.md");
    }
}
