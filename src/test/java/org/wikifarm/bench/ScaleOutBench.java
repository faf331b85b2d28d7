package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.wikifarm.it.TwoNodeFarm;

/**
 * Several nodes on this one machine ({@link TwoNodeFarm}: PostgreSQL, two Tomcats, the shipped HAProxy config): page
 * views per second through HAProxy with every wiki on one node, then with the wikis spread over both (the same farm,
 * wikis moved between the phases, so only the spreading differs); and the time to move a wiki of
 * {@code wikifarm.bench.movePages} pages (1,000) between the nodes with a reader reading through HAProxy all along:
 * the move's own time, how long the wiki was read-only, and the reads' latency and failures meanwhile. Run alone:
 * {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/ScaleOutBench.java'} (needs WIKIFARM_TEST_POSTGRES and
 * Debian's haproxy, as ScaleOutIT).
 */
class ScaleOutBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MOVE_PAGES = Integer.getInteger("wikifarm.bench.movePages", 1000);
    private static final int WIKIS = 8;
    private static final int PAGES_PER_WIKI = 20;
    private static final int THREADS = 8;
    private static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("wikifarm.bench.phaseSeconds", 20));
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-long";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final MarkdownReport report = new MarkdownReport();
    private String base;

    @Test
    void scaleOut() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        try (TwoNodeFarm farm = TwoNodeFarm.start("scale-out-bench", Map.of("embeddingModel", "off",
                "quotaBytes", "0", "quotaPages", "0"))) {
            base = "http://127.0.0.1:" + farm.proxyPort();
            HttpResponse<String> signedUp = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                    .header("Accept", "application/json").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\""
                            + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (signedUp.statusCode() != 201) {
                throw new IllegalStateException("sign-up → " + signedUp.statusCode() + " " + signedUp.body());
            }
            List<String> wikis = new ArrayList<>();
            for (int w = 0; w < WIKIS; w++) {
                String slug = "views" + w;
                call("POST", "/api/v1/wikis", "{\"slug\":\"" + slug + "\",\"is_public\":true}", 201);
                for (int p = 0; p < PAGES_PER_WIKI; p++) {
                    call("PUT", "/" + USER + "/" + slug + "/api/v1/pages/Page" + p,
                            JSON.writeValueAsString(Map.of("content", text(p))), 201);
                }
                wikis.add(slug);
            }
            for (String slug : wikis) {
                moveTo(slug, "node1");
            }
            LoadGenerator.Result oneNode = views(wikis);
            for (int w = 0; w < WIKIS; w += 2) {
                moveTo(wikis.get(w), "node2");
            }
            LoadGenerator.Result twoNodes = views(wikis);

            String big = "moving";
            call("POST", "/api/v1/wikis", "{\"slug\":\"" + big + "\",\"is_public\":true}", 201);
            long writing = System.nanoTime();
            for (int p = 0; p < MOVE_PAGES; p++) {
                call("PUT", "/" + USER + "/" + big + "/api/v1/pages/notes/page-" + p,
                        JSON.writeValueAsString(Map.of("content", text(p))), 201);
            }
            double writeSeconds = (System.nanoTime() - writing) / 1e9;
            String start = placement(big);
            List<List<String>> moves = new ArrayList<>();
            String at = start;
            for (int run = 0; run < 4; run++) {
                String to = at.equals("node1") ? "node2" : "node1";
                moves.add(measuredMove(big, to, run));
                at = to;
            }
            String loadAfter = MarkdownReport.loadAverage();

            report.paragraph("## Scale-out results, " + ZonedDateTime.now().format(
                    DateTimeFormatter.RFC_1123_DATE_TIME));
            report.paragraph("One machine, " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + System.getProperty("java.version") + ": PostgreSQL (platform database), two Tomcats with the WAR"
                    + " (-Xmx768m each, embedding model off) and HAProxy with the shipped configuration, this load"
                    + " generator beside them. Load average before: " + loadBefore + "; after: " + loadAfter + ".");
            report.paragraph("Page views: " + THREADS + " client threads, anonymous GETs of random pages of " + WIKIS
                    + " public wikis (" + PAGES_PER_WIKI + " pages each) through HAProxy, " + PHASE.toSeconds()
                    + " s per phase after a warm-up.");
            report.table(List.of("wikis on", "views/s", "p50 ms", "p99 ms", "errors"), List.of(
                    viewsRow("node1 only (node2 idle)", oneNode), viewsRow("4 on node1, 4 on node2", twoNodes)));
            report.paragraph(String.format(Locale.ROOT, "Two nodes / one node: **%.2f×**.",
                    twoNodes.perSecond() / oneNode.perSecond()));
            report.paragraph("Moving a wiki of " + MOVE_PAGES + " pages (written through the API in "
                    + fmt(writeSeconds) + " s) between the nodes, four times, one reader reading random pages through"
                    + " HAProxy all along (it starts 1 s before and stops 1 s after each move):");
            report.table(List.of("move", "move s", "read-only ms", "copy bytes", "reads", "failed reads",
                    "read p50 ms", "read max ms"), moves);
            Path results = resultsFile();
            report.writeTo(results);
        }
    }

    private List<String> measuredMove(String slug, String to, int run) throws Exception {
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong failed = new AtomicLong();
        Stats.Recorder latency = new Stats.Recorder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (reading.get()) {
                long began = System.nanoTime();
                try {
                    HttpResponse<String> page = get("/" + USER + "/" + slug + "/notes/page-"
                            + ThreadLocalRandom.current().nextInt(MOVE_PAGES));
                    if (page.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latency.add(System.nanoTime() - began);
            }
        });
        Thread.sleep(1_000);
        long began = System.nanoTime();
        JsonNode moved = call("POST", "/api/v1/admin/nodes/moves",
                "{\"wiki\":\"" + USER + "/" + slug + "\",\"to\":\"" + to + "\"}", 200);
        double seconds = (System.nanoTime() - began) / 1e9;
        Thread.sleep(1_000);
        reading.set(false);
        reader.get();
        Stats reads = Stats.Recorder.merge(List.of(latency));
        return List.of((run + 1) + ": " + moved.path("from").asText() + " → " + to, fmt(seconds),
                moved.path("read_only_millis").asText(), String.format(Locale.ROOT, "%,d",
                        moved.path("copy_bytes").asLong()), Integer.toString(reads.count()),
                Long.toString(failed.get()), Stats.ms(reads.medianMillis()), Stats.ms(reads.millis(100)));
    }

    private LoadGenerator.Result views(List<String> wikis) {
        LoadGenerator.Operation view = (thread, iteration) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            HttpResponse<String> page = get("/" + USER + "/" + wikis.get(random.nextInt(wikis.size())) + "/Page"
                    + random.nextInt(PAGES_PER_WIKI));
            if (page.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + page.statusCode());
            }
        };
        LoadGenerator.run(THREADS, Duration.ofSeconds(5), Long.MAX_VALUE, view);
        return LoadGenerator.run(THREADS, PHASE, Long.MAX_VALUE, view);
    }

    private void moveTo(String slug, String node) throws Exception {
        if (!placement(slug).equals(node)) {
            call("POST", "/api/v1/admin/nodes/moves", "{\"wiki\":\"" + USER + "/" + slug + "\",\"to\":\"" + node
                    + "\"}", 200);
        }
    }

    /** The node that holds the wiki, as the node that answers for it names itself in a refusal or the admin list. */
    private String placement(String slug) throws Exception {
        JsonNode nodes = call("GET", "/api/v1/admin/nodes", null, 200).path("nodes");
        for (JsonNode node : nodes) {
            HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(node.path("url").asText() + "/"
                    + USER + "/" + slug + "/api/v1/pages")).header("Accept", "application/json")
                    .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
            if (direct.statusCode() == 200) {
                return node.path("name").asText();
            }
        }
        throw new IllegalStateException("no node answers for " + slug);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "application/json").header("Authorization", basic())
                .timeout(Duration.ofMinutes(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String text(int page) {
        StringBuilder text = new StringBuilder("# Page " + page + "\n\n");
        for (int line = 0; line < 20; line++) {
            text.append("A line about lighthouses, tides and the keepers who kept them lit, number ")
                    .append(line).append(".\n");
        }
        return text.toString();
    }

    private static List<String> viewsRow(String what, LoadGenerator.Result result) {
        return List.of(what, String.format(Locale.ROOT, "%.0f", result.perSecond()),
                Stats.ms(result.latency().medianMillis()), Stats.ms(result.latency().millis(99)),
                Long.toString(result.errors()));
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("scale-out-bench-results.md");
    }
}
