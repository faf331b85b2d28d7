package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Web UI page views (docs/benchmarks.md, "Web UI page views"), run by {@code mvn -Pbench verify}: anonymous views
 * per second of one rendered page of a public 200-page wiki, next to Tomcat serving the very same HTML as a static
 * file from the deployed webapp, alternating in short rounds so all see the same machine load. Target: the page at
 * 50% or more of the static rate. Beside them, the same page in a private copy of the wiki viewed by a member (a
 * viewer): with a session of their own from the login form, and with a viewer token of the wiki. Target: a signed-in
 * view at 60% or more of the anonymous rate. Then, counted by the server (the admin health endpoint), the
 * platform-database statements and permission decisions per signed-in page view and per API save. It fails when an
 * answer is not a 200 with the page's title, never on a time.
 */
class PageViewBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final String WEBAPP = System.getProperty("wikifarm.bench.webappDir");
    private static final Map<String, String> CORPUS = WikiCorpus.pages(200);
    private static final String PAGE = "guide/install";
    private static final String MARKER = "<h1 id=\"page-title\">install</h1>";
    private static final String STATIC_COPY = "/static/bench-page.html";
    private static final int CLIENTS = 8;
    private static final int ROUNDS = 3;
    private static final Duration ROUND = Duration.ofSeconds(5);
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(5);
    private static final long NO_COUNT_LIMIT = 10_000_000;
    private static final String READER = "reader";
    private static final int COUNTED = 200;

    private final MarkdownReport report = new MarkdownReport();
    private final List<String> failures = new ArrayList<>();

    /** One of the two things measured: its URL path, one client and latency recorder per connection, totals. */
    private static final class Target {
        final String label;
        final String path;
        final HtmlClient[] clients = new HtmlClient[CLIENTS];
        final Stats.Recorder[] latencies = new Stats.Recorder[CLIENTS];
        final List<Double> roundRates = new ArrayList<>();
        final List<Wrk.Result> wrkRounds = new ArrayList<>();
        long views;
        long errors;
        double seconds;

        Target(String label, String path) {
            this(label, path, () -> new HtmlClient(BASE));
        }

        Target(String label, String path, Supplier<HtmlClient> client) {
            this.label = label;
            this.path = path;
            for (int c = 0; c < CLIENTS; c++) {
                clients[c] = client.get();
                latencies[c] = new Stats.Recorder();
            }
        }
    }

    @Test
    void pageViews() throws IOException {
        String loadBefore = MarkdownReport.loadAverage();
        Path webapp = deployedWebapp();
        String wiki = wikiWithPages("page-views", true);
        String privateWiki = wikiWithPages("private-views", false);
        String readerPassword = "reader-" + Long.toHexString(System.nanoTime());
        BenchClient.anonymous(BASE).post("/api/v1/users", Map.of("username", READER, "password", readerPassword))
                .expect(201);
        BenchClient owner = BenchAccount.user(BASE);
        owner.put(privateWiki + "/api/v1/members/" + READER, Map.of("role", "viewer")).expect(200);
        String token = owner.post(privateWiki + "/api/v1/tokens", Map.of("name", "reader", "role", "viewer"))
                .expect(201).text("secret");
        String searchIndex = searchIndexIdle(wiki) + "; of the private copy: " + searchIndexIdle(privateWiki);
        String pageUrl = wiki + "/" + PAGE;
        String privateUrl = privateWiki + "/" + PAGE;

        HttpResponse<byte[]> page = new HtmlClient(BASE).bytes(pageUrl);
        String html = new String(page.body(), StandardCharsets.UTF_8);
        if (page.statusCode() != 200 || !html.contains(MARKER)) {
            throw new AssertionError("GET " + pageUrl + " anonymously answered " + page.statusCode() + ": " + html);
        }
        String cookie = page.headers().firstValue("Set-Cookie").map(c -> c.substring(0, c.indexOf('=') + 1) + "…")
                .orElse("none");
        Path copy = webapp.resolve(STATIC_COPY.substring(1));
        Files.write(copy, page.body());
        Target staticCopy = new Target("static copy (" + STATIC_COPY + ")", STATIC_COPY);
        Target dynamic = new Target("page view (" + pageUrl + ")", pageUrl);
        Target signedIn = new Target("member's page view, session (" + privateUrl + ")", privateUrl,
                () -> HtmlClient.signedIn(BASE, READER, readerPassword));
        Target withToken = new Target("member's page view, bearer token", privateUrl,
                () -> HtmlClient.bearer(BASE, token));
        Costs costs;
        try {
            if (!Arrays.equals(new HtmlClient(BASE).bytes(STATIC_COPY).body(), page.body())) {
                throw new AssertionError("Tomcat does not serve " + copy + " as " + STATIC_COPY);
            }
            measure(List.of(staticCopy, dynamic, signedIn, withToken));
            if (Wrk.installed()) {
                measureWithWrk(List.of(staticCopy, dynamic));
            }
            costs = costs(privateWiki, signedIn.clients[0], HtmlClient.bearer(BASE, token), privateUrl);
        } finally {
            Files.deleteIfExists(copy);
        }

        writeReport(loadBefore, page.body().length, cookie, searchIndex, staticCopy, dynamic, signedIn, withToken,
                costs);
        if (!failures.isEmpty()) {
            throw new AssertionError("The server answered wrongly during the benchmark: " + failures);
        }
    }

    private void writeReport(String loadBefore, int htmlBytes, String cookie, String searchIndex, Target staticCopy,
                             Target dynamic, Target signedIn, Target withToken, Costs costs) {
        header(loadBefore, MarkdownReport.loadAverage());
        report.paragraph("Page `" + PAGE + "`: " + CORPUS.get(PAGE).length() + " bytes of Markdown, " + htmlBytes
                + " bytes of HTML (the sidebar lists all " + CORPUS.size() + " pages). Cookie set on an anonymous"
                + " view: " + cookie + ". The static copy is served by Tomcat's default servlet behind the same"
                + " filters (security headers, tenant, Shiro). Search index of the wiki before measuring: "
                + searchIndex + ".");
        report.heading("Page views per second (Java client, " + CLIENTS + " connections)");
        report.paragraph(ROUNDS + " rounds of " + ROUND.toSeconds() + " s each, static, anonymous page and the"
                + " member's page (session, token) in turn (order reversed every other round), after "
                + WARM_UP.toSeconds() + " s of warm-up each; every answer checked for 200 and the page title. The"
                + " member (`" + READER + "`, a viewer) reads the same page in a private copy of the wiki: each"
                + " session connection has its own session from the login form, each token connection sends a"
                + " viewer token of that wiki; each view carries that caller's own header menu.");
        report.table(List.of("target", "views", "errors", "views/s", "p50 ms", "p95 ms", "p99 ms"),
                List.of(row(staticCopy), row(dynamic), row(signedIn), row(withToken)));
        report.paragraph("**page / static: " + percent(rate(dynamic) / rate(staticCopy))
                + "** (target ≥ 50%). Per round: " + perRound(staticCopy, dynamic) + ".");
        report.paragraph("**signed-in (session) / anonymous: " + percent(rate(signedIn) / rate(dynamic))
                + "**, **signed-in (token) / anonymous: " + percent(rate(withToken) / rate(dynamic))
                + "** (target ≥ 60%); / static: " + percent(rate(signedIn) / rate(staticCopy)) + " and "
                + percent(rate(withToken) / rate(staticCopy)) + ". Session per round: " + perRound(dynamic, signedIn)
                + ". Token per round: " + perRound(dynamic, withToken) + ".");
        report.heading("What one signed-in request costs the server (counted by the server, " + COUNTED
                + " requests each, one connection)");
        report.table(List.of("request", "platform-database statements per request",
                "permission decisions per request"), costs.rows());
        if (!staticCopy.wrkRounds.isEmpty()) {
            report.heading("Page views per second (wrk, 2 threads, " + CLIENTS + " connections)");
            report.table(List.of("target", "round", "requests", "requests/s", "p50 ms", "p99 ms", "non-2xx",
                    "socket errors"), wrkRows(List.of(staticCopy, dynamic)));
            report.paragraph(String.format(Locale.ROOT, "**page / static (wrk): %s** (%,.0f vs %,.0f requests/s over"
                    + " the %d rounds).", percent(wrkRate(dynamic) / wrkRate(staticCopy)), wrkRate(dynamic),
                    wrkRate(staticCopy), ROUNDS));
        }
        report.paragraph("GETs sent again after their connection closed unanswered: " + HtmlClient.retries() + ".");
        report.writeTo(resultsFile());
    }

    /** Where Tomcat unpacked the WAR: it must hold our web.xml and serve our stylesheet byte for byte. */
    private static Path deployedWebapp() throws IOException {
        if (WEBAPP == null) {
            throw new AssertionError("No wikifarm.bench.webappDir: run the benchmark with `mvn -Pbench verify`.");
        }
        Path webapp = Path.of(WEBAPP);
        Path css = webapp.resolve("static/wikifarm.css");
        if (!Files.isRegularFile(webapp.resolve("WEB-INF/web.xml")) || !Files.isRegularFile(css)
                || !Arrays.equals(Files.readAllBytes(css), new HtmlClient(BASE).bytes("/static/wikifarm.css").body())) {
            throw new AssertionError(webapp + " is not the webapp that Tomcat at " + BASE + " serves");
        }
        return webapp;
    }

    /** A wiki of the shared bench account holding {@link #CORPUS}; returns its base path. */
    private static String wikiWithPages(String slug, boolean isPublic) {
        BenchClient owner = BenchAccount.user(BASE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("display_name", "Page views");
        body.put("is_public", isPublic);
        owner.post("/api/v1/wikis", body).expect(201);
        String wiki = "/" + BenchAccount.USERNAME + "/" + slug;
        BenchFarm farm = new BenchFarm(owner, BenchAccount.USERNAME);
        List<Map.Entry<String, String>> pages = List.copyOf(CORPUS.entrySet());
        LoadGenerator.forEach(pages.size(), 2, SETUP_LIMIT,
                i -> farm.writePage(wiki, pages.get(i).getKey(), pages.get(i).getValue(), null));
        return wiki;
    }

    /**
     * Waits until the search index has caught up with the wiki's last commit, so its background embedding does not
     * share the cores with the measurement; returns how long that took, or a note if it had not after the limit.
     */
    private static String searchIndexIdle(String wiki) {
        BenchClient owner = BenchAccount.user(BASE);
        long began = System.nanoTime();
        long deadline = began + SETUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = owner.get(wiki + "/api/v1/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && status.path("last_indexed_commit").equals(status.path("head_commit"))) {
                return String.format(Locale.ROOT, "idle after %.0f s", (System.nanoTime() - began) / 1e9);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the search index", e);
            }
        }
        return "still busy after " + SETUP_LIMIT.toMinutes() + " min";
    }

    /** Per-request costs, as the server counts them; "n/a" when the server does not count (older code). */
    private record Costs(List<List<String>> rows) {
    }

    /** The health endpoint's counters for an admin: platform statements and permission decisions, or null. */
    private static long[] counters(BenchClient admin) {
        JsonNode runtime = admin.get("/api/v1/health").expect(200).json().path("runtime");
        if (!runtime.has("platform_statements")) {
            return null;
        }
        return new long[] {runtime.path("platform_statements").asLong(), runtime.path("permission_evaluations")
                .asLong()};
    }

    /**
     * Statements and decisions per request: {@link #COUNTED} requests one after another on one connection, after one
     * of the same kind; what reading the counters costs (measured the same way) is taken off.
     */
    private Costs costs(String privateWiki, HtmlClient session, HtmlClient bearer, String privateUrl) {
        BenchClient admin = BenchAccount.admin(BASE);
        BenchClient basicApi = BenchAccount.user(BASE);
        String apiPage = privateWiki + "/api/v1/pages/counted";
        String[] revision = {basicApi.put(apiPage, Map.of("content", "# Counted\n")).expect(201).text("revision")};
        List<List<String>> rows = new ArrayList<>();
        rows.add(cost(admin, "page view, member's session", () -> session.expect(privateUrl, MARKER)));
        rows.add(cost(admin, "page view, member's bearer token", () -> bearer.expect(privateUrl, MARKER)));
        String editorToken = basicApi.post(privateWiki + "/api/v1/tokens", Map.of("name", "saves", "role",
                "editor")).expect(201).text("secret");
        BenchClient editorApi = BenchClient.bearer(BASE, editorToken);
        rows.add(cost(admin, "API save, bearer token (editor)", () -> revision[0] = editorApi.put(apiPage,
                Map.of("content", "# Counted\n" + System.nanoTime() + "\n", "revision", revision[0])).expect(200)
                .text("revision")));
        rows.add(cost(admin, "API save, HTTP Basic (the owner)", () -> revision[0] = basicApi.put(apiPage,
                Map.of("content", "# Counted\n" + System.nanoTime() + "\n", "revision", revision[0])).expect(200)
                .text("revision")));
        return new Costs(rows);
    }

    private static List<String> cost(BenchClient admin, String label, Runnable request) {
        request.run();
        long[] first = counters(admin);
        if (first == null) {
            return List.of(label, "n/a", "n/a");
        }
        long[] second = counters(admin);
        for (int i = 0; i < COUNTED; i++) {
            request.run();
        }
        long[] after = counters(admin);
        double statements = (after[0] - second[0] - (second[0] - first[0])) / (double) COUNTED;
        double decisions = (after[1] - second[1] - (second[1] - first[1])) / (double) COUNTED;
        return List.of(label, String.format(Locale.ROOT, "%.3f", statements),
                String.format(Locale.ROOT, "%.3f", decisions));
    }

    private void measure(List<Target> targets) {
        for (Target target : targets) {
            LoadGenerator.run(CLIENTS, WARM_UP, NO_COUNT_LIMIT,
                    (c, i) -> target.clients[c].expect(target.path, MARKER));
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (Target target : inOrder(targets, round)) {
                LoadGenerator.Result result = LoadGenerator.run(CLIENTS, ROUND, NO_COUNT_LIMIT, (c, i) -> {
                    long began = System.nanoTime();
                    target.clients[c].expect(target.path, MARKER);
                    target.latencies[c].add(System.nanoTime() - began);
                });
                target.views += result.operations();
                target.errors += result.errors();
                target.seconds += result.seconds();
                target.roundRates.add(result.perSecond());
                if (result.errors() > 0) {
                    failures.add(target.label + ": " + result.errors() + " errors, first " + result.firstError());
                }
            }
        }
    }

    private void measureWithWrk(List<Target> targets) {
        for (int round = 0; round < ROUNDS; round++) {
            for (Target target : inOrder(targets, round)) {
                Wrk.Result result = Wrk.run(BASE + target.path, 2, CLIENTS, ROUND);
                target.wrkRounds.add(result);
                if (result.non2xx() > 0) {
                    failures.add(target.label + " (wrk): " + result.non2xx() + " answers were not 2xx");
                }
            }
        }
    }

    /** Every other round runs the targets in reverse, so none always comes first. */
    private static List<Target> inOrder(List<Target> targets, int round) {
        List<Target> order = new ArrayList<>(targets);
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    private static double rate(Target target) {
        return target.views / target.seconds;
    }

    private static double wrkRate(Target target) {
        return Wrk.perSecond(target.wrkRounds);
    }

    private static List<String> row(Target target) {
        Stats latency = Stats.Recorder.merge(Arrays.asList(target.latencies));
        return List.of(target.label, String.format(Locale.ROOT, "%,d", target.views), Long.toString(target.errors),
                String.format(Locale.ROOT, "%,.0f", rate(target)), Stats.ms(latency.medianMillis()),
                Stats.ms(latency.millis(95)), Stats.ms(latency.millis(99)));
    }

    private static List<List<String>> wrkRows(List<Target> targets) {
        List<List<String>> rows = new ArrayList<>();
        for (Target target : targets) {
            for (int round = 0; round < target.wrkRounds.size(); round++) {
                Wrk.Result r = target.wrkRounds.get(round);
                rows.add(List.of(target.label, Integer.toString(round + 1), String.format(Locale.ROOT, "%,d",
                        r.requests()), String.format(Locale.ROOT, "%,.0f", r.perSecond()), Stats.ms(r.p50Millis()),
                        Stats.ms(r.p99Millis()), Long.toString(r.non2xx()), Long.toString(r.socketErrors())));
            }
        }
        return rows;
    }

    private static String perRound(Target staticCopy, Target measured) {
        List<String> rounds = new ArrayList<>();
        for (int round = 0; round < staticCopy.roundRates.size(); round++) {
            rounds.add(String.format(Locale.ROOT, "%,.0f vs %,.0f/s (%s)", measured.roundRates.get(round),
                    staticCopy.roundRates.get(round),
                    percent(measured.roundRates.get(round) / staticCopy.roundRates.get(round))));
        }
        return String.join("; ", rounds);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private void header(String loadBefore, String loadAfter) {
        report.paragraph("## Web UI page view results, "
                + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("Client and server on one machine (" + Runtime.getRuntime().availableProcessors()
                + " cores seen by the client), Java " + System.getProperty("java.version") + ", server " + BASE
                + ". Load average (1, 5, 15 min) before: " + loadBefore + "; after: " + loadAfter + ".");
    }

    /** Next to the core results ({@code wikifarm.bench.results}), in a file of its own so neither overwrites. */
    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path core = configured != null ? Path.of(configured) : Path.of(System.getProperty("wikifarm.it.data",
                "target/bench-data")).toAbsolutePath().getParent().resolve("bench-results.md");
        return core.resolveSibling("bench-results-pageviews.md");
    }
}
