package org.wikifarm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Core platform benchmarks (docs/benchmarks.md, "Core platform"), run by {@code mvn -Pbench verify} against a
 * Tomcat on a fresh data folder: (a) the first request to a wiki that is not open, (b) saves per second, (c) file
 * descriptors and heap as more and more wikis are touched, (d) reads per second. It prints Markdown and writes it
 * to {@code wikifarm.bench.results}. It fails when the server answers wrongly, never because something is slow.
 */
class CoreApiBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final int CAP = Integer.getInteger("wikifarm.bench.openWikiCap", 256);
    private static final int COLD_WIKIS = 1_000;
    private static final int COLD_PASSES = 2;
    private static final int[] TOUCH_STAGES = {1_000, 2_000, 5_000, 10_000};
    private static final int SETUP_THREADS = 6;
    private static final int CLIENTS = 8;
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(30);
    private static final long NO_COUNT_LIMIT = 10_000_000;

    private final MarkdownReport report = new MarkdownReport();
    private final List<String> failures = new ArrayList<>();
    private BenchClient admin;
    private BenchFarm farm;

    @Test
    void corePlatform() {
        String loadBefore = MarkdownReport.loadAverage();
        signUpAdmin();
        List<List<String>> resources = new ArrayList<>();
        resources.add(resourceRow(ServerRuntime.settled(admin, 3), null));

        String hot = farm.createWiki("hot-wiki");
        farm.writePage(hot, "Home", BenchFarm.PAGE_TEXT, null);
        List<List<String>> saves = List.of(savesInOneWiki(), savesAcrossWikis());

        List<List<String>> cold = null;
        List<List<String>> reads = null;
        for (int stage : TOUCH_STAGES) {
            long began = System.nanoTime();
            farm.growTo(stage, SETUP_THREADS, SETUP_LIMIT);
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf(Locale.ROOT, "bench: %,d wikis touched (%.0f s for this stage)%n", farm.created(),
                    seconds);
            resources.add(resourceRow(ServerRuntime.settled(admin, 3), seconds));
            if (stage == COLD_WIKIS) {
                cold = coldAndWarm(hot);
                reads = List.of(readsOfOnePage(hot));
            }
        }

        header(loadBefore, MarkdownReport.loadAverage());
        report.heading("(a) First request to a wiki that is not open");
        report.paragraph(COLD_PASSES + " round-robin passes over " + String.format(Locale.ROOT, "%,d", COLD_WIKIS)
                + " wikis (more than the cap of " + CAP
                + ", so every request opens its wiki and evicts another), each cold GET followed by a warm GET of"
                + " one open wiki; one client thread. Target: cold − warm ≤ 5 ms median.");
        report.table(List.of("request", "samples", "median ms", "p95 ms", "p99 ms"), cold);
        report.heading("(b) API saves per second");
        report.paragraph("PUT of a ~1 KB page with the right base revision (each thread edits its own page, so no"
                + " 409s), " + MEASURE.toSeconds() + " s each.");
        report.table(List.of("case", "saves", "errors", "saves/s", "median ms", "p95 ms", "p99 ms"), saves);
        report.heading("(c) Open files and heap while touching more and more wikis");
        report.paragraph("Each wiki is created and gets one page through the API (6 client threads), which opens it."
                + " Readings: minimum of 3 `GET /api/v1/health?gc=true`. Open-wiki cap: " + CAP + ".");
        report.table(List.of("wikis touched", "open wikis", "open files", "heap used MB", "heap committed MB",
                "setup s"), resources);
        report.heading("(d) API page reads per second");
        report.paragraph("GET of one ~1 KB page from " + CLIENTS + " connections for " + MEASURE.toSeconds() + " s.");
        report.table(List.of("case", "reads", "errors", "reads/s", "median ms", "p95 ms", "p99 ms"), reads);
        report.paragraph("Requests sent again after their connection closed with no answer, over the whole run: "
                + BenchClient.retries() + ".");
        report.writeTo(resultsFile());

        if (!failures.isEmpty()) {
            throw new AssertionError("The server answered wrongly during the benchmark: " + failures);
        }
    }

    /** The shared bench account (the server's first account, so a platform admin), whichever benchmark runs first. */
    private void signUpAdmin() {
        admin = BenchAccount.admin(BASE);
        farm = new BenchFarm(admin, BenchAccount.USERNAME);
    }

    private List<List<String>> coldAndWarm(String hot) {
        String hotPage = BenchFarm.pageUrl(hot, "Home");
        for (int i = 0; i < 200; i++) {
            admin.get(hotPage).expect(200);
        }
        Stats.Recorder cold = new Stats.Recorder();
        Stats.Recorder warm = new Stats.Recorder();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (int n = 0; n < COLD_PASSES * COLD_WIKIS && System.nanoTime() < deadline; n++) {
            cold.add(timedGet(BenchFarm.pageUrl(farm.numbered(n % COLD_WIKIS), "Home")));
            warm.add(timedGet(hotPage));
        }
        Stats coldStats = Stats.Recorder.merge(List.of(cold));
        Stats warmStats = Stats.Recorder.merge(List.of(warm));
        return List.of(latencyRow("cold (opens the wiki)", coldStats), latencyRow("warm (wiki open)", warmStats),
                List.of("**cold − warm**", "", "**" + Stats.ms(coldStats.medianMillis() - warmStats.medianMillis())
                        + "**", Stats.ms(coldStats.millis(95) - warmStats.millis(95)),
                        Stats.ms(coldStats.millis(99) - warmStats.millis(99))));
    }

    private long timedGet(String path) {
        long began = System.nanoTime();
        admin.get(path).expect(200);
        return System.nanoTime() - began;
    }

    private List<String> savesInOneWiki() {
        String wiki = farm.createWiki("save-one");
        String[] revisions = new String[CLIENTS];
        for (int t = 0; t < CLIENTS; t++) {
            revisions[t] = farm.writePage(wiki, "Page-" + t, BenchFarm.PAGE_TEXT, null);
        }
        LoadGenerator.Result result = LoadGenerator.run(CLIENTS, MEASURE, NO_COUNT_LIMIT, (thread, i) ->
                revisions[thread] = farm.writePage(wiki, "Page-" + thread, BenchFarm.PAGE_TEXT + "Edit " + i,
                        revisions[thread]));
        return throughputRow("1 wiki, " + CLIENTS + " threads (own page each)", result);
    }

    private List<String> savesAcrossWikis() {
        String[] wikis = new String[CLIENTS];
        String[] revisions = new String[CLIENTS];
        for (int t = 0; t < CLIENTS; t++) {
            wikis[t] = farm.createWiki("save-w" + t);
            revisions[t] = farm.writePage(wikis[t], "Home", BenchFarm.PAGE_TEXT, null);
        }
        LoadGenerator.Result result = LoadGenerator.run(CLIENTS, MEASURE, NO_COUNT_LIMIT, (thread, i) ->
                revisions[thread] = farm.writePage(wikis[thread], "Home", BenchFarm.PAGE_TEXT + "Edit " + i,
                        revisions[thread]));
        return throughputRow(CLIENTS + " wikis, 1 thread each", result);
    }

    private List<String> readsOfOnePage(String hot) {
        String page = BenchFarm.pageUrl(hot, "Home");
        LoadGenerator.run(CLIENTS, Duration.ofSeconds(2), NO_COUNT_LIMIT, (thread, i) -> admin.get(page).expect(200));
        LoadGenerator.Result result = LoadGenerator.run(CLIENTS, MEASURE, NO_COUNT_LIMIT,
                (thread, i) -> admin.get(page).expect(200));
        return throughputRow("1 page, " + CLIENTS + " connections", result);
    }

    private List<String> throughputRow(String label, LoadGenerator.Result result) {
        if (result.errors() > 0) {
            failures.add(label + ": " + result.errors() + " errors, first " + result.firstError());
        }
        Stats latency = result.latency();
        return List.of(label, Long.toString(result.operations()), Long.toString(result.errors()),
                String.format(Locale.ROOT, "%.0f", result.perSecond()), Stats.ms(latency.medianMillis()),
                Stats.ms(latency.millis(95)), Stats.ms(latency.millis(99)));
    }

    private static List<String> latencyRow(String label, Stats stats) {
        return List.of(label, Integer.toString(stats.count()), Stats.ms(stats.medianMillis()),
                Stats.ms(stats.millis(95)), Stats.ms(stats.millis(99)));
    }

    private List<String> resourceRow(ServerRuntime runtime, Double setupSeconds) {
        return List.of(String.format(Locale.ROOT, "%,d", farm.created()), Integer.toString(runtime.openWikis()),
                String.format(Locale.ROOT, "%,d", runtime.openFiles()), megabytes(runtime.heapUsedBytes()),
                megabytes(runtime.heapCommittedBytes()),
                setupSeconds == null ? "" : String.format(Locale.ROOT, "%.0f", setupSeconds));
    }

    private void header(String loadBefore, String loadAfter) {
        report.paragraph("## Core platform results, "
                + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("Client and server on one machine (" + Runtime.getRuntime().availableProcessors()
                + " cores seen by the client), Java " + System.getProperty("java.version") + ", open-wiki cap " + CAP
                + ", server " + BASE + ". Load average (1, 5, 15 min) before: " + loadBefore + "; after: "
                + loadAfter + ".");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / 1024.0 / 1024.0);
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("wikifarm.it.data", "target/bench-data")).toAbsolutePath().getParent()
                .resolve("bench-results.md");
    }
}
