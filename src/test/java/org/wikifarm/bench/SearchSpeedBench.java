package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Search speed (docs/benchmarks.md, "Search speed"): (b) latency per mode over HTTP and the server's own
 * {@code took_ms} on a wiki of ~20,000 chunks, one client, after (a) searches/s with 8 clients, every request another
 * query, for the API's three modes and the web search screen (run first: it also warms the server's JIT up); (c) the
 * search screen beside An Otter Wiki's search, both holding the corpus's first 200 pages, then its first 2,000. Runs
 * only with {@code -Dwikifarm.bench.searchSpeed=true}. The ~20,000-chunk wiki takes 25+ minutes of embedding to build
 * and the 2,000-page one ~6: run with a kept data folder ({@code -Dit.data.dir=/work/search-20k
 * -Dmaven.clean.skip=true}) and later runs reuse them ({@link SearchCorpusWiki}).
 */
class SearchSpeedBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final int TARGET_CHUNKS = Integer.getInteger("wikifarm.bench.searchChunks", 20_000);
    private static final int QUERIES = Integer.getInteger("wikifarm.bench.searchQueries", 300);
    private static final int CLIENTS = 8;
    private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("wikifarm.bench.searchSeconds", 10));
    private static final int ROUNDS = 2;
    /**
     * How long the screen is warmed up on each wiki of (c): C2 keeps compiling for 3–4 minutes under its load
     * (docs/search.md, "The client's share, and the JIT").
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("wikifarm.bench.searchWarmSeconds",
            240));
    private static final Path PEER = Path.of(System.getProperty("wikifarm.bench.otterwikiPeer",
            "../shared/peers/otterwiki/otterwiki-peer.sh")).toAbsolutePath().normalize();

    private final MarkdownReport report = new MarkdownReport();
    private BenchClient client;
    private String password;

    /** Only when asked for: its first run builds the ~20,000-chunk wiki (25+ minutes), see the class comment. */
    @Test
    @EnabledIfSystemProperty(named = "wikifarm.bench.searchSpeed", matches = "true")
    void speed() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        client = BenchAccount.user(BASE);
        password = BenchAccount.password(BASE);
        SearchCorpusWiki.Wiki big = SearchCorpusWiki.ensure(client, BenchAccount.USERNAME, "prose-20k", TARGET_CHUNKS);
        SearchCorpusWiki.Wiki small = pagesWiki("prose-200", 200);
        SearchCorpusWiki.Wiki middle = pagesWiki("prose-2000", 2_000);
        List<JavadocCorpus.Page> corpus = JavadocCorpus.pages(0, big.pages());
        List<String> sentences = queries(corpus, 20_000, 4, 8, 1);
        List<String> words = queries(JavadocCorpus.pages(0, 200), 5_000, 1, 3, 2);

        report.paragraph("## Search speed, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("Client and server on one machine (" + Runtime.getRuntime().availableProcessors()
                + " cores), Java " + System.getProperty("java.version") + ", server " + BASE + ". Wiki "
                + big.base() + ": " + big.pages() + " pages, " + big.chunks() + " chunks; wiki " + small.base() + ": "
                + small.pages() + " pages, " + small.chunks() + " chunks; wiki " + middle.base() + ": " + middle.pages()
                + " pages, " + middle.chunks() + " chunks. Load average before: " + loadBefore + ".");

        report.heading("(a) Searches/s on " + big.chunks() + " chunks, " + CLIENTS + " clients");
        report.paragraph("Every request another query (" + "4–8 words, none repeated within the run), "
                + ROUNDS + " rounds of " + ROUND.toSeconds() + " s per target, targets alternated round by round,"
                + " after " + WARM_UP.toSeconds() + " s of the four targets interleaved with queries of their own, to"
                + " warm the JIT up for (a) and (b).");
        warmUp(big, queries(corpus, 5_000, 4, 8, 3));
        AtomicLong next = new AtomicLong(4 * (QUERIES + 30)); // (b) takes the first ones
        Map<String, Target> targets = new LinkedHashMap<>();
        targets.put("API text", api(big, "text", sentences, next));
        targets.put("API semantic", api(big, "semantic", sentences, next));
        targets.put("API hybrid", api(big, "hybrid", sentences, next));
        targets.put("search screen (hybrid)", screen(big, sentences, next));
        report.table(List.of("target", "searches/s", "p50 ms", "p95 ms", "errors"), throughput(targets));

        report.heading("(b) Latency on " + big.chunks() + " chunks, one client");
        report.paragraph(QUERIES + " queries per row (4–8 words of the corpus) after (a) and 30 warm-up rounds; the three"
                + " API modes and the search screen (hybrid, 20 hits, HTML) interleaved, each with queries of its own"
                + " (a query asked again would reuse its vector and skip the model run). *server* is"
                + " the `took_ms` of the answer (the screen's is the API's hybrid figure).");
        report.table(List.of("what", "p50 ms", "p95 ms", "p99 ms", "server p50 ms", "server p95 ms"),
                latency(big, sentences.subList(0, 4 * (QUERIES + 30))));

        report.heading("(c) Search screen beside An Otter Wiki");
        report.paragraph("Short queries (1–3 words of the first 200 pages), every request another query, "
                + CLIENTS + " clients, " + ROUNDS + " rounds of " + ROUND.toSeconds() + " s alternated. An Otter Wiki"
                + " 2.23.0 (" + PEER.getFileName() + ", gunicorn, 2 workers) holds the same Markdown; its search is"
                + " `GET /-/search/<query>`; Wikifarm's wikis " + small.base() + " and " + middle.base()
                + " hold the same pages. Before each size, the screen alone for "
                + WARM_UP.toSeconds() + " s to warm the JIT up. The last three columns: the same with Debian's"
                + " wrk as the client (2 threads, the same connections and queries, every answer's body checked), which"
                + " takes much less of the two cores than the Java client.");
        report.table(List.of("pages", "Wikifarm screen searches/s", "An Otter Wiki searches/s", "ratio",
                        "with wrk: Wikifarm", "with wrk: An Otter Wiki", "ratio with wrk"),
                otter(Map.of(200, small, 2_000, middle), words));
        report.paragraph("Load average after: " + MarkdownReport.loadAverage() + ".");
        report.writeTo(resultsFile());
    }

    /**
     * The JIT keeps compiling for minutes under a new kind of load (docs/search.md, "The client's share, and the
     * JIT"): the API's three modes and the screen, interleaved, for {@link #WARM_UP}, so that (a) and (b) measure the
     * server's steady state. With queries (a) and (b) do not use, so none of theirs has its vector kept already.
     */
    private void warmUp(SearchCorpusWiki.Wiki wiki, List<String> queries) {
        AtomicLong next = new AtomicLong();
        List<Target> targets = List.of(api(wiki, "text", queries, next), api(wiki, "semantic", queries, next),
                api(wiki, "hybrid", queries, next), screen(wiki, queries, next));
        LoadGenerator.run(CLIENTS, WARM_UP, Long.MAX_VALUE, (thread, i) -> targets.get((int) (i % 4)).call(thread));
    }

    /** A wiki of the corpus's first {@code pages} pages, the same An Otter Wiki gets (made once, kept). */
    private SearchCorpusWiki.Wiki pagesWiki(String slug, int pages) {
        SearchCorpusWiki.Wiki wiki = SearchCorpusWiki.ensure(client, BenchAccount.USERNAME, slug, 0);
        if (wiki.pages() < pages) {
            SearchCorpusWiki.put(client, wiki.base(), JavadocCorpus.pages(0, pages));
            wiki = SearchCorpusWiki.ensure(client, BenchAccount.USERNAME, slug, 0);
        }
        return wiki;
    }

    // (b) ------------------------------------------------------------------------------------------------------

    /** Four queries per round, one per mode and one for the screen: no query twice (a second would skip the model). */
    private List<List<String>> latency(SearchCorpusWiki.Wiki wiki, List<String> queries) {
        List<String> modes = List.of("text", "semantic", "hybrid");
        HtmlClient html = HtmlClient.signedIn(BASE, BenchAccount.USERNAME, password);
        int rounds = queries.size() / 4;
        int n = rounds - 30;
        long[][] http = new long[4][n];
        long[][] server = new long[3][n];
        for (int i = 0; i < rounds; i++) {
            int at = i - 30;
            for (int m = 0; m < 4; m++) {
                String query = queries.get(4 * i + m);
                long began = System.nanoTime();
                double took = m < 3 ? search(wiki.base(), query, modes.get(m)).path("took_ms").asDouble()
                        : screenGet(html, wiki.base(), query);
                long elapsed = System.nanoTime() - began;
                if (at >= 0) {
                    http[m][at] = elapsed;
                    if (m < 3) {
                        server[m][at] = (long) (took * 1e6);
                    }
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m < 4; m++) {
            Stats stats = Stats.of(http[m]);
            rows.add(List.of(m < 3 ? "API " + modes.get(m) : "search screen (hybrid, 20 hits)",
                    Stats.ms(stats.medianMillis()), Stats.ms(stats.millis(95)), Stats.ms(stats.millis(99)),
                    m < 3 ? Stats.ms(Stats.of(server[m]).medianMillis()) : "",
                    m < 3 ? Stats.ms(Stats.of(server[m]).millis(95)) : ""));
        }
        return rows;
    }

    private JsonNode search(String wiki, String query, String mode) {
        JsonNode answer = client.get(wiki + "/api/v1/search?limit=10&mode=" + mode + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)).expect(200).json();
        if (!mode.equals(answer.path("mode").asText())) {
            throw new AssertionError("asked for " + mode + ", answered " + answer.path("mode"));
        }
        return answer;
    }

    private static double screenGet(HtmlClient html, String wiki, String query) {
        html.expect(screenPath(wiki, query),
                "id=\"search-status\"");
        return 0;
    }

    /** The search screen of {@code wiki} (its URL path) for {@code query}, hybrid as the screen defaults to. */
    private static String screenPath(String wiki, String query) {
        return wiki + "/-/search?mode=hybrid&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** An Otter Wiki's search for {@code query} (the query is a path segment: spaces as %20). */
    private static String otterPath(String query) {
        return "/-/search/" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // (a) ------------------------------------------------------------------------------------------------------

    /** One request of a target, made by client thread {@code thread}. */
    private interface Target {
        void call(int thread) throws Exception;
    }

    private Target api(SearchCorpusWiki.Wiki wiki, String mode, List<String> queries, AtomicLong next) {
        return thread -> search(wiki.base(), queries.get((int) (next.getAndIncrement() % queries.size())), mode);
    }

    private Target screen(SearchCorpusWiki.Wiki wiki, List<String> queries, AtomicLong next) {
        HtmlClient[] clients = new HtmlClient[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            clients[c] = HtmlClient.signedIn(BASE, BenchAccount.USERNAME, password);
        }
        return thread -> screenGet(clients[thread], wiki.base(),
                queries.get((int) (next.getAndIncrement() % queries.size())));
    }

    private static List<List<String>> throughput(Map<String, Target> targets) {
        Map<String, List<LoadGenerator.Result>> results = new LinkedHashMap<>();
        for (Map.Entry<String, Target> target : targets.entrySet()) {
            LoadGenerator.run(CLIENTS, Duration.ofSeconds(2), Long.MAX_VALUE, (t, i) -> target.getValue().call(t));
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Target> target : targets.entrySet()) {
                results.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(
                        LoadGenerator.run(CLIENTS, ROUND, Long.MAX_VALUE, (t, i) -> target.getValue().call(t)));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        results.forEach((name, rounds) -> rows.add(row(name, rounds)));
        return rows;
    }

    private static List<String> row(String name, List<LoadGenerator.Result> rounds) {
        long operations = 0;
        long errors = 0;
        double seconds = 0;
        double p50 = 0;
        double p95 = 0;
        for (LoadGenerator.Result result : rounds) {
            operations += result.operations();
            errors += result.errors();
            seconds += result.seconds();
            p50 += result.latency().medianMillis() / rounds.size();
            p95 += result.latency().millis(95) / rounds.size();
        }
        String error = rounds.stream().map(LoadGenerator.Result::firstError).filter(e -> e != null).findFirst()
                .orElse("");
        return List.of(name, fmt(operations / seconds), Stats.ms(p50), Stats.ms(p95),
                errors + (error.isEmpty() ? "" : " (" + error.replace('|', '/') + ")"));
    }

    // (c) ------------------------------------------------------------------------------------------------------

    /**
     * Each wiki beside An Otter Wiki holding the same pages: the corpus's first 200, then 2,000 (a Wikifarm wiki has its
     * home page besides).
     */
    private List<List<String>> otter(Map<Integer, SearchCorpusWiki.Wiki> wikis, List<String> queries)
            throws Exception {
        if (!Files.isRegularFile(PEER)) {
            return List.of(List.of("An Otter Wiki not measured: " + PEER + " is missing", "", "", ""));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int pages : new java.util.TreeSet<>(wikis.keySet())) {
            SearchCorpusWiki.Wiki ours = wikis.get(pages);
            Path dir = Files.createTempDirectory("wikifarm-otterwiki-");
            int port = freePort();
            Path file = dir.resolve("pages.jsonl");
            ObjectMapper json = new ObjectMapper();
            List<String> lines = new ArrayList<>();
            for (JavadocCorpus.Page page : JavadocCorpus.pages(0, pages)) {
                lines.add(json.writeValueAsString(Map.of("path", page.path(), "content", page.markdown())));
            }
            Files.write(file, lines);
            // Its two gunicorn workers sometimes race creating its tables and it fails to boot: a fresh try.
            Path run;
            for (int attempt = 1; ; attempt++) {
                run = dir.resolve("run" + attempt);
                Process start = new ProcessBuilder("bash", PEER.toString(), run.toString(),
                        String.valueOf(port), file.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("start.log").toFile()).start();
                if (start.waitFor(10, TimeUnit.MINUTES) && start.exitValue() == 0 && searches(port)) {
                    break;
                }
                stopOtter(run);
                if (attempt == 3) {
                    throw new AssertionError("An Otter Wiki did not start: "
                            + Files.readString(dir.resolve("start.log")));
                }
            }
            try {
                AtomicLong next = new AtomicLong();
                HtmlClient[] otterClients = new HtmlClient[CLIENTS];
                for (int c = 0; c < CLIENTS; c++) {
                    otterClients[c] = new HtmlClient("http://127.0.0.1:" + port);
                }
                Map<String, Target> targets = new LinkedHashMap<>();
                targets.put("wikifarm", screen(ours, queries, next));
                targets.put("otter", thread -> otterClients[thread].expect(otterPath(
                        queries.get((int) (next.getAndIncrement() % queries.size()))), "<html"));
                // The JIT keeps compiling for minutes under a new kind of load (docs/search.md): warm the screen on
                // this wiki up before its figures count, so they are the server's steady state.
                Target warm = targets.get("wikifarm");
                LoadGenerator.run(CLIENTS, WARM_UP, Long.MAX_VALUE, (t, i) -> warm.call(t));
                List<List<String>> measured = throughput(targets);
                double wikifarm = Double.parseDouble(measured.get(0).get(1).replace(",", ""));
                double otter = Double.parseDouble(measured.get(1).get(1).replace(",", ""));
                List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", pages),
                        measured.get(0).get(1) + " (p50 " + measured.get(0).get(2) + " ms)",
                        measured.get(1).get(1) + " (p50 " + measured.get(1).get(2) + " ms)"
                                + (measured.get(1).get(4).equals("0") ? "" : ", errors " + measured.get(1).get(4)),
                        String.format(Locale.ROOT, "**%.1f×**", wikifarm / otter)));
                row.addAll(Wrk.installed() ? withWrk(ours, port, queries) : List.of("wrk not installed", "", ""));
                rows.add(row);
            } finally {
                stopOtter(run);
            }
        }
        return rows;
    }

    /**
     * Whether An Otter Wiki answers a search now and still does two seconds later: its script reports it up at the
     * first answer of any worker, and a worker that lost the race to create the tables takes the server down just
     * after.
     */
    private static boolean searches(int port) throws InterruptedException {
        HtmlClient probe = new HtmlClient("http://127.0.0.1:" + port);
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                probe.expect("/-/search/stream", "<html");
            } catch (RuntimeException | AssertionError down) {
                return false;
            }
            Thread.sleep(1_000);
        }
        return true;
    }

    private static void stopOtter(Path run) throws IOException, InterruptedException {
        Path pidFile = run.resolve("gunicorn.pid");
        if (Files.isRegularFile(pidFile)) {
            String pid = Files.readString(pidFile).strip();
            new ProcessBuilder("kill", "--", "-" + pid).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The same two searches with wrk as the client (2 threads, the same connections and queries, rounds alternated).
     * The Java client's own CPU per request comes out of the two cores the server uses: at the screen's rate a fair
     * part of them, at An Otter Wiki's a small one, so it caps the faster server more. Wikifarm's answers must hold
     * the status line, An Otter Wiki's its page; a 200 without it counts as an error.
     */
    private List<String> withWrk(SearchCorpusWiki.Wiki ours, int otterPort, List<String> queries) {
        String cookie = HtmlClient.signedIn(BASE, BenchAccount.USERNAME, password).cookie();
        List<String> ourPaths = new ArrayList<>();
        List<String> otterPaths = new ArrayList<>();
        for (String query : queries) {
            ourPaths.add(screenPath(ours.base(), query));
            otterPaths.add(otterPath(query));
        }
        List<Wrk.Result> wikifarm = new ArrayList<>();
        List<Wrk.Result> otter = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            wikifarm.add(Wrk.runPaths(BASE, ourPaths, "id=\"search-status\"", cookie, 2, CLIENTS, ROUND));
            otter.add(Wrk.runPaths("http://127.0.0.1:" + otterPort, otterPaths, "<html", null, 2, CLIENTS, ROUND));
        }
        double ourRate = Wrk.perSecond(wikifarm);
        double otterRate = Wrk.perSecond(otter);
        return List.of(fmt(ourRate) + wrkErrors(wikifarm), fmt(otterRate) + wrkErrors(otter),
                String.format(Locale.ROOT, "%.1f×", ourRate / otterRate));
    }

    private static String wrkErrors(List<Wrk.Result> rounds) {
        long errors = rounds.stream().mapToLong(r -> r.non2xx() + r.socketErrors() + r.unmarked()).sum();
        return errors == 0 ? "" : ", errors " + errors;
    }

    // ----------------------------------------------------------------------------------------------------------

    /** Distinct queries of {@code min}–{@code max} words of the corpus, as people type them. */
    static List<String> queries(List<JavadocCorpus.Page> pages, int count, int min, int max, long seed) {
        Random random = new Random(seed);
        List<String> queries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int attempts = 0;
        while (queries.size() < count && attempts++ < count * 20) {
            JavadocCorpus.Page page = pages.get(random.nextInt(pages.size()));
            String[] words = page.markdown().replaceAll("[^\\p{L}\\p{N} ]+", " ").strip().split("\\s+");
            if (words.length < 20) {
                continue;
            }
            int from = random.nextInt(words.length - max - 1);
            String query = String.join(" ", List.of(words).subList(from, from + min + random.nextInt(max - min + 1)))
                    .strip();
            if (query.length() >= 3 && seen.add(query.toLowerCase(Locale.ROOT))) {
                queries.add(query);
            }
        }
        return queries;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("search-speed-results.md");
    }
}
