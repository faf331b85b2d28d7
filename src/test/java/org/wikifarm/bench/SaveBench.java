package org.wikifarm.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Saves only, for comparing two builds of the write path on a busy machine (docs/benchmarks.md, "API saves, one build
 * against another"): the (b) figures of {@link CoreApiBench} — 8 threads on one wiki, 8 wikis with one thread each,
 * every save a new commit with the right base revision — after a warm-up round, in {@code wikifarm.bench.rounds}
 * rounds (default 5) of 10 s each, so that two builds run one after the other see about the same load; each case's
 * median round is the figure. Prints the figures; it fails only when the server answers wrongly.
 */
class SaveBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final int ROUNDS = Integer.getInteger("wikifarm.bench.rounds", 5);
    private static final int CLIENTS = 8;
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final long NO_COUNT_LIMIT = 10_000_000;

    @Test
    void saves() {
        BenchFarm farm = new BenchFarm(BenchAccount.admin(BASE), BenchAccount.USERNAME);
        String one = farm.createWiki("saves-one");
        String[] pageRevisions = new String[CLIENTS];
        String[] wikis = new String[CLIENTS];
        String[] homeRevisions = new String[CLIENTS];
        for (int t = 0; t < CLIENTS; t++) {
            pageRevisions[t] = farm.writePage(one, "Page-" + t, BenchFarm.PAGE_TEXT, null);
            wikis[t] = farm.createWiki("saves-w" + t);
            homeRevisions[t] = farm.writePage(wikis[t], "Home", BenchFarm.PAGE_TEXT, null);
        }
        List<String> failures = new ArrayList<>();
        List<Double> oneWikiRates = new ArrayList<>();
        List<Double> eightWikiRates = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            String load = MarkdownReport.loadAverage();
            LoadGenerator.Result oneWiki = LoadGenerator.run(CLIENTS, MEASURE, NO_COUNT_LIMIT, (thread, i) ->
                    pageRevisions[thread] = farm.writePage(one, "Page-" + thread, BenchFarm.PAGE_TEXT + "Edit " + i,
                            pageRevisions[thread]));
            LoadGenerator.Result eightWikis = LoadGenerator.run(CLIENTS, MEASURE, NO_COUNT_LIMIT, (thread, i) ->
                    homeRevisions[thread] = farm.writePage(wikis[thread], "Home", BenchFarm.PAGE_TEXT + "Edit " + i,
                            homeRevisions[thread]));
            System.out.printf(Locale.ROOT, "bench: saves %s: 1 wiki/8 threads %.0f/s (median %s ms),"
                    + " 8 wikis %.0f/s (median %s ms); load before %s%n", round == 0 ? "warm-up" : "round " + round,
                    oneWiki.perSecond(), Stats.ms(oneWiki.latency().medianMillis()), eightWikis.perSecond(),
                    Stats.ms(eightWikis.latency().medianMillis()), load);
            if (round > 0) {
                oneWikiRates.add(oneWiki.perSecond());
                eightWikiRates.add(eightWikis.perSecond());
            }
            for (LoadGenerator.Result result : List.of(oneWiki, eightWikis)) {
                if (result.errors() > 0) {
                    failures.add(result.errors() + " errors, first " + result.firstError());
                }
            }
        }
        System.out.printf(Locale.ROOT, "bench: saves median of %d rounds: 1 wiki/8 threads %.0f/s, 8 wikis %.0f/s;"
                + " load after %s%n", ROUNDS, median(oneWikiRates), median(eightWikiRates),
                MarkdownReport.loadAverage());
        if (!failures.isEmpty()) {
            throw new AssertionError("The server answered wrongly during the benchmark: " + failures);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
