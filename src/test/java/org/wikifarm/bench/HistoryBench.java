package org.wikifarm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.junit.jupiter.api.Test;
import org.wikifarm.app.App;
import org.wikifarm.config.Settings;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.User;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.search.SearchStatus;
import org.wikifarm.tenant.Wiki;

/**
 * "The last change of a page" and indexing against the length of history (docs/benchmarks.md, "History length"):
 * the same wiki of {@code historyPages} pages with 1,000 and with 10,000 commits. In process, on the real App (SQLite,
 * JGit, Lucene; embedding model off, so indexing time is what history could change, not the model's): the history
 * is written behind the server's back (as a push would be), then the server starts twice — the first start catches
 * up on the whole history once, the second is a plain restart — and reads every page once (each read is that page's
 * first, "cold", read), then indexes the whole wiki three times. For reference it also times the per-page history
 * walk that a cold read used to be. Run alone:
 * {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/HistoryBench.java'}.
 */
class HistoryBench {
    private static final List<Integer> COMMITS = Arrays.stream(System.getProperty("wikifarm.bench.historyCommits",
            "1000,10000").split(",")).map(String::strip).map(Integer::valueOf).toList();
    private static final int PAGES = Integer.getInteger("wikifarm.bench.historyPages", 500);
    private static final int OLD_WAY_SAMPLES = 20;
    private static final int INDEX_PASSES = 3;
    private static final Duration INDEX_LIMIT = Duration.ofMinutes(30);
    private static final Author PUSHER = new Author("Pusher", "pusher@example.org");

    private final MarkdownReport report = new MarkdownReport();

    @Test
    void history() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        Path root = Path.of(System.getProperty("wikifarm.bench.historyDir", "target/history-bench"));
        deleteRecursively(root);
        run(root.resolve("warm-up"), 200, 50); // JIT, Hibernate and Liquibase warm before anything is measured
        List<List<String>> rows = new ArrayList<>();
        for (int commits : COMMITS) {
            rows.add(run(root.resolve("commits-" + commits), commits, PAGES));
        }
        String loadAfter = MarkdownReport.loadAverage();

        report.paragraph("## History length results, " + ZonedDateTime.now().format(
                DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("In process, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", embedding model off, " + PAGES + " pages; each commit"
                + " after the first " + PAGES + " edits one of the first " + PAGES / 10 + " pages chosen at random"
                + " (the old-way walk is timed on the others, last changed near the start of history)."
                + " Load average before: " + loadBefore
                + "; after: " + loadAfter + ".");
        report.table(List.of("commits", "write history (s)", "old way: one page's history walk, median ms",
                "first start after the push: first read (one walk for all pages) ms",
                "restart: first read ms", "restart: first read of each page, median / p95 ms",
                "index every page, median of 3 passes: pages/s"), rows);
        report.writeTo(resultsFile());
    }

    private List<String> run(Path data, int commits, int pages) throws Exception {
        Map<String, String> keys = Map.of(Settings.PREFIX + "dataDir", data.toString(),
                Settings.PREFIX + "embeddingModel", "off");
        Settings settings = Settings.load(keys::get);
        Caller owner;
        Wiki wiki;
        try (App app = new App(settings)) {
            User user = app.accounts().signUp(Caller.ANONYMOUS, "bench", "correct horse battery staple", null, null);
            owner = new Caller(user);
            wiki = app.catalog().create(owner, "history", "history", false);
        }

        long began = System.nanoTime();
        List<PagePath> paths = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            paths.add(new PagePath("notes/page-" + i));
        }
        Path gitDir = data.resolve("wikis").resolve(wiki.id().value()).resolve("repo.git");
        double oldWayMillis;
        try (Repository repo = new FileRepository(gitDir.toFile())) {
            GitPageStore store = new GitPageStore(repo);
            Random random = new Random(commits);
            for (int i = 0; i < commits; i++) {
                // As in most wikis, a few pages are edited again and again and the rest were written long ago.
                PagePath page = i < pages ? paths.get(i) : paths.get(random.nextInt(Math.max(1, pages / 10)));
                store.save(page, "# Page\n\nEdit " + i + " of a page about lighthouses and the sea.\n",
                        store.lastChange(page), PUSHER, null).revision();
            }
            oldWayMillis = oldWay(repo, paths);
        }
        double writeSeconds = (System.nanoTime() - began) / 1e9;

        long firstAfterPush;
        try (App app = new App(settings)) {
            firstAfterPush = time(() -> app.pages().read(owner, wiki, paths.get(0), null));
        }
        long firstAfterRestart;
        long[] coldReads = new long[pages - 1];
        double pagesPerSecond;
        try (App app = new App(settings)) {
            firstAfterRestart = time(() -> app.pages().read(owner, wiki, paths.get(0), null));
            for (int i = 1; i < pages; i++) {
                PagePath page = paths.get(i);
                coldReads[i - 1] = time(() -> app.pages().read(owner, wiki, page, null));
            }
            // Three passes over every page: the first when the index is opened, two more asked for; the median.
            long[] passes = new long[INDEX_PASSES];
            for (int pass = 0; pass < INDEX_PASSES; pass++) {
                long indexing = System.nanoTime();
                if (pass > 0) {
                    app.search().reindex(owner, wiki);
                }
                SearchStatus status = awaitIndexed(app, owner, wiki);
                passes[pass] = System.nanoTime() - indexing;
                if (status.indexedPages() != pages) {
                    throw new AssertionError("indexed " + status.indexedPages() + " of " + pages + ": " + status);
                }
            }
            pagesPerSecond = pages / (Stats.of(passes).medianMillis() / 1000);
        }
        Stats cold = Stats.of(coldReads);
        return List.of(String.format(Locale.ROOT, "%,d", commits), fmt(writeSeconds), Stats.ms(oldWayMillis),
                Stats.ms(firstAfterPush / 1e6), Stats.ms(firstAfterRestart / 1e6),
                Stats.ms(cold.medianMillis()) + " / " + Stats.ms(cold.millis(95)), fmt(pagesPerSecond));
    }

    /** What a page's first read cost before: a path-filtered walk from HEAD to the page's last change (a cold page). */
    private static double oldWay(Repository repo, List<PagePath> paths) throws IOException {
        long[] samples = new long[OLD_WAY_SAMPLES];
        ObjectId head = repo.resolve("refs/heads/main");
        for (int i = 0; i < OLD_WAY_SAMPLES; i++) {
            PagePath page = paths.get(paths.size() / 10 + i * (paths.size() * 9 / 10) / OLD_WAY_SAMPLES);
            long began = System.nanoTime();
            try (RevWalk walk = new RevWalk(repo)) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(page.file()), TreeFilter.ANY_DIFF));
                walk.markStart(walk.parseCommit(head));
                if (walk.next() == null) {
                    throw new AssertionError("no change of " + page);
                }
            }
            samples[i] = System.nanoTime() - began;
        }
        return Stats.of(samples).medianMillis();
    }

    /** The first status opens the index, which queues every page; then wait for the queue to empty. */
    private static SearchStatus awaitIndexed(App app, Caller owner, Wiki wiki) throws InterruptedException {
        long deadline = System.nanoTime() + INDEX_LIMIT.toNanos();
        SearchStatus status;
        do {
            status = app.search().status(owner, wiki);
            if (status.queued() == 0 && !status.indexing()) {
                return status;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish in " + INDEX_LIMIT + ": " + status);
    }

    private static long time(Runnable work) {
        long began = System.nanoTime();
        work.run();
        return System.nanoTime() - began;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
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
        return base.resolveSibling("history-bench-results.md");
    }
}
