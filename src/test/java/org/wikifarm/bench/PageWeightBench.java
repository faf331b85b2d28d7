package org.wikifarm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wikifarm.it.web.Browser;

/**
 * Page weight (docs/benchmarks.md, "Page weight"), run by {@code mvn -Pbench verify}: the bytes a browser fetches to
 * show one page, in Wikifarm and in An Otter Wiki 2.23.0 holding the same pages, in one run. Headless Chromium with
 * a fresh profile opens the page (first view), then, after {@code about:blank}, opens it again with its cache
 * (repeat view). The Resource Timing entries of each view are summed by kind (HTML, CSS, JS, fonts, images, other):
 * {@code transferSize} is what came over the wire (compressed as sent; Chromium counts a response's headers as 300
 * bytes, so a 304 costs 300 and a cache hit 0), {@code decodedBodySize} what it unpacked to. Otter Wiki is started
 * by {@code otterwiki-peer.sh} (property {@code wikifarm.bench.otterwikiPeer}); without it only Wikifarm is
 * measured. It fails when a view does not show the page, never on a size or a time.
 */
class PageWeightBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final Path PEER = Path.of(System.getProperty("wikifarm.bench.otterwikiPeer",
            "../shared/peers/otterwiki/otterwiki-peer.sh")).toAbsolutePath().normalize();
    private static final Map<String, String> CORPUS = corpus();
    /** A long page with a code block (highlight.js runs on it), and a page of prose only. */
    private static final String PAGE = "guide/install";
    private static final String PLAIN = "notes/plain";
    private static final String WIKI_SLUG = "page-weight";
    private static final List<String> KINDS = List.of("HTML", "CSS", "JS", "fonts", "images", "other");
    private static final int STABLE_POLLS = 3;

    private final MarkdownReport report = new MarkdownReport();

    /** What one view fetched: per kind, requests over the network, bytes on the wire, bytes unpacked. */
    record Weight(Map<String, long[]> byKind, List<String> urls) {
        long total(int field) {
            return byKind.values().stream().mapToLong(v -> v[field]).sum();
        }
    }

    @Test
    void pageWeight() throws Exception {
        String wiki = "/" + BenchAccount.USERNAME + "/" + WIKI_SLUG;
        seedWikifarm(wiki);
        Map<String, Weight[]> results = new LinkedHashMap<>();
        results.put("Wikifarm " + wiki + "/" + PAGE, views(BASE + wiki + "/" + PAGE, "install"));
        results.put("Wikifarm " + wiki + "/" + PLAIN, views(BASE + wiki + "/" + PLAIN, "plain"));
        String otterNote;
        if (Files.isRegularFile(PEER)) {
            Path dir = Files.createTempDirectory("wikifarm-otterwiki-");
            int port = freePort();
            Path pages = dir.resolve("pages.jsonl");
            ObjectMapper json = new ObjectMapper();
            List<String> lines = new ArrayList<>();
            CORPUS.forEach((path, content) -> {
                try {
                    lines.add(json.writeValueAsString(Map.of("path", path, "content", content)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Files.write(pages, lines);
            Process start = new ProcessBuilder("bash", PEER.toString(), dir.resolve("run").toString(),
                    String.valueOf(port), pages.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("start.log").toFile()).start();
            if (!start.waitFor(10, TimeUnit.MINUTES) || start.exitValue() != 0) {
                throw new AssertionError("An Otter Wiki did not start: " + Files.readString(dir.resolve("start.log")));
            }
            try {
                results.put("An Otter Wiki 2.23.0 /" + PAGE, views("http://127.0.0.1:" + port + "/" + PAGE, "install"));
                results.put("An Otter Wiki 2.23.0 /" + PLAIN, views("http://127.0.0.1:" + port + "/" + PLAIN, "plain"));
            } finally {
                String pid = Files.readString(dir.resolve("run/gunicorn.pid")).strip();
                new ProcessBuilder("kill", "--", "-" + pid).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
            otterNote = "An Otter Wiki 2.23.0 from " + PEER.getFileName() + " (gunicorn, 2 workers), the same "
                    + CORPUS.size() + " pages committed into its repository.";
        } else {
            otterNote = "An Otter Wiki not measured: " + PEER + " is missing.";
        }
        writeReport(results, otterNote);
    }

    private static Map<String, String> corpus() {
        Map<String, String> pages = new LinkedHashMap<>(WikiCorpus.pages(200));
        pages.put(PLAIN, "# Plain\n\nA page of prose only: no code, no table, no math. " + "Words people write. ".repeat(60)
                + "\n\nSee [[guide/install]].\n");
        return pages;
    }

    private static void seedWikifarm(String wiki) {
        BenchClient owner = BenchAccount.user(BASE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", WIKI_SLUG);
        body.put("display_name", "Page weight");
        body.put("is_public", true);
        owner.post("/api/v1/wikis", body).expect(201);
        BenchFarm farm = new BenchFarm(owner, BenchAccount.USERNAME);
        List<Map.Entry<String, String>> pages = List.copyOf(CORPUS.entrySet());
        LoadGenerator.forEach(pages.size(), 2, java.time.Duration.ofMinutes(5),
                i -> farm.writePage(wiki, pages.get(i).getKey(), pages.get(i).getValue(), null));
    }

    /** A first view with an empty cache, then a repeat view of the same URL with the cache the first one left. */
    private static Weight[] views(String url, String mustContain) {
        try (Browser browser = Browser.start()) {
            WebDriver driver = browser.driver();
            Weight first = view(driver, url, mustContain);
            driver.get("about:blank");
            Weight repeat = view(driver, url, mustContain);
            return new Weight[] {first, repeat};
        }
    }

    private static Weight view(WebDriver driver, String url, String mustContain) {
        driver.get(url);
        JavascriptExecutor js = (JavascriptExecutor) driver;
        WebDriverWait wait = new WebDriverWait(driver, java.time.Duration.ofSeconds(60));
        wait.until(d -> "complete".equals(js.executeScript("return document.readyState;")));
        // Fonts and late scripts: wait until the list of fetched resources stops growing.
        int[] stable = {0};
        long[] count = {-1};
        wait.pollingEvery(java.time.Duration.ofMillis(250)).until(d -> {
            long now = ((Number) js.executeScript("return document.fonts.status === 'loaded'"
                    + " ? performance.getEntriesByType('resource').length : -1;")).longValue();
            stable[0] = now >= 0 && now == count[0] ? stable[0] + 1 : 0;
            count[0] = now;
            return stable[0] >= STABLE_POLLS;
        });
        Object status = js.executeScript("return performance.getEntriesByType('navigation')[0].responseStatus;");
        String text = String.valueOf(js.executeScript("return document.body.innerText;"));
        if (((Number) status).intValue() != 200 || !text.toLowerCase(Locale.ROOT).contains(mustContain)) {
            throw new AssertionError(url + " answered " + status + ": " + text);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) js.executeScript(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".map(e => ({name: e.name, type: e.initiatorType, transfer: e.transferSize,"
                + " encoded: e.encodedBodySize, decoded: e.decodedBodySize}));");
        Map<String, long[]> byKind = new LinkedHashMap<>();
        KINDS.forEach(kind -> byKind.put(kind, new long[3]));
        List<String> urls = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            String name = (String) entry.get("name");
            long transfer = ((Number) entry.get("transfer")).longValue();
            long[] sums = byKind.get(kind(name, (String) entry.get("type")));
            if (transfer > 0) {
                sums[0]++;
            }
            sums[1] += transfer;
            sums[2] += ((Number) entry.get("decoded")).longValue();
            urls.add(name.replaceFirst("^https?://[^/]+", "") + " " + transfer + "/"
                    + ((Number) entry.get("encoded")).longValue() + "/" + ((Number) entry.get("decoded")).longValue());
        }
        return new Weight(byKind, urls);
    }

    private static String kind(String url, String initiator) {
        String path = url.replaceFirst("[?#].*", "").toLowerCase(Locale.ROOT);
        if ("navigation".equals(initiator)) {
            return "HTML";
        } else if (path.endsWith(".css")) {
            return "CSS";
        } else if (path.endsWith(".js") || path.endsWith(".mjs")) {
            return "JS";
        } else if (path.matches(".*\\.(woff2?|ttf|otf|eot)")) {
            return "fonts";
        } else if (path.matches(".*\\.(png|jpe?g|gif|svg|webp|ico)")) {
            return "images";
        }
        return "other";
    }

    private void writeReport(Map<String, Weight[]> results, String otterNote) {
        report.paragraph("## Page weight results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("Pages `" + PAGE + "` (" + CORPUS.get(PAGE).length() + " bytes of Markdown with a code"
                + " block and a table) and `" + PLAIN + "` (" + CORPUS.get(PLAIN).length() + " bytes of prose) of a"
                + " public wiki of " + CORPUS.size() + " pages, viewed anonymously in headless Chromium. " + otterNote
                + " Cells: bytes transferred (requests over the network); a 304 counts 300 bytes of headers, a cache"
                + " hit nothing. Unpacked: the bodies' decoded size.");
        List<String> header = new ArrayList<>(List.of("server", "view"));
        KINDS.forEach(header::add);
        header.add("total");
        header.add("unpacked");
        List<List<String>> rows = new ArrayList<>();
        results.forEach((server, weights) -> {
            for (int v = 0; v < 2; v++) {
                Weight weight = weights[v];
                List<String> row = new ArrayList<>(List.of(server, v == 0 ? "first" : "repeat"));
                KINDS.forEach(kind -> {
                    long[] sums = weight.byKind().get(kind);
                    row.add(String.format(Locale.ROOT, "%,d (%d)", sums[1], sums[0]));
                });
                row.add(String.format(Locale.ROOT, "**%,d** (%d)", weight.total(1), weight.total(0)));
                row.add(String.format(Locale.ROOT, "%,d", weight.total(2)));
                rows.add(row);
            }
        });
        report.table(header, rows);
        results.forEach((server, weights) -> {
            report.paragraph("Fetched by " + server + " (path transfer/encoded/decoded bytes), first view: "
                    + String.join(", ", weights[0].urls()) + ". Repeat view: " + String.join(", ", weights[1].urls())
                    + ".");
        });
        String configured = System.getProperty("wikifarm.bench.results");
        Path core = configured != null ? Path.of(configured) : Path.of(System.getProperty("wikifarm.it.data",
                "target/bench-data")).toAbsolutePath().getParent().resolve("bench-results.md");
        report.writeTo(core.resolveSibling("bench-results-pageweight.md"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
