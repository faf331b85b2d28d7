package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * MCP benchmarks (docs/benchmarks.md, "MCP"): (a) {@code tools/call read_note} per second over one session, next to
 * the REST API's page GET; (b) {@code semantic_search} latency, next to the REST search in semantic mode. The wiki
 * holds prose from the JDK's Javadoc ({@link JavadocCorpus}). Run alone:
 * {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/McpBench.java'}.
 */
class McpBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final int PAGES = Integer.getInteger("wikifarm.bench.mcpPages", 300);
    private static final int QUERIES = Integer.getInteger("wikifarm.bench.mcpQueries", 200);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(30);

    private final MarkdownReport report = new MarkdownReport();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicLong ids = new AtomicLong();
    private final List<String> firstErrors = new ArrayList<>();
    private BenchClient owner;
    private String wiki;
    private String token;
    private String session;

    @Test
    void mcp() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        String user = BenchAccount.USERNAME;
        owner = BenchAccount.user(BASE);
        String slug = "mcp-" + Long.toString(System.nanoTime(), 36);
        owner.post("/api/v1/wikis", Map.of("slug", slug, "is_public", false)).expect(201);
        wiki = "/" + user + "/" + slug;
        token = owner.post(wiki + "/api/v1/tokens", Map.of("name", "bench-assistant", "role", "editor")).expect(201)
                .json().path("secret").asText();

        List<JavadocCorpus.Page> pages = JavadocCorpus.pages(0, PAGES);
        LoadGenerator.forEach(pages.size(), 4, SETUP_LIMIT, i -> owner.put(wiki + "/api/v1/pages/"
                + pages.get(i).path(), Map.of("content", pages.get(i).markdown())).expect(201));
        JsonNode status = awaitIndexed();
        String page = pages.get(0).path();

        initialize();
        List<List<String>> reads = new ArrayList<>();
        callReadNote(page, Duration.ofSeconds(3), 1);
        reads.add(row("MCP tools/call read_note", 1, callReadNote(page, MEASURE, 1)));
        reads.add(row("MCP tools/call read_note", 4, callReadNote(page, MEASURE, 4)));
        reads.add(row("REST GET pages/{path}", 1, LoadGenerator.run(1, MEASURE, Long.MAX_VALUE,
                (t, i) -> owner.get(wiki + "/api/v1/pages/" + page).expect(200))));
        reads.add(row("REST GET pages/{path}", 4, LoadGenerator.run(4, MEASURE, Long.MAX_VALUE,
                (t, i) -> owner.get(wiki + "/api/v1/pages/" + page).expect(200))));

        List<String> queries = queries(pages, QUERIES);
        List<List<String>> latency = semanticLatency(queries);
        String loadAfter = MarkdownReport.loadAverage();

        report.paragraph("## MCP results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("Client and server on one machine (" + Runtime.getRuntime().availableProcessors()
                + " cores), Java " + System.getProperty("java.version") + ", server " + BASE + ", one wiki of "
                + pages.size() + " Javadoc pages (" + status.path("indexed_chunks").asInt() + " chunks, model "
                + status.path("model").asText() + "). Load average before: " + loadBefore + "; after: " + loadAfter
                + ".");
        report.heading("(a) read_note calls per second over one MCP session");
        report.paragraph("One session (initialize once, then `tools/call read_note` of a ~" + pages.get(0).markdown()
                .length() / 1000 + " KB page, answered as an SSE event with structured content and the same JSON as"
                + " text) for " + MEASURE.toSeconds() + " s after a 3 s warm-up, from 1 and from 4 client threads"
                + " sharing the session. Baseline: the REST API's `GET pages/{path}` with HTTP Basic.");
        report.table(List.of("call", "threads", "calls", "errors", "calls/s", "p50 ms", "p95 ms", "p99 ms"), reads);
        firstErrors.forEach(report::paragraph);
        report.heading("(b) semantic_search latency");
        report.paragraph(queries.size() + " different queries (4–8 words of the corpus) after 20 warm-up rounds, one"
                + " client thread, `n` = 5; MCP `tools/call semantic_search` and the REST API's `GET search?mode="
                + "semantic&limit=5` interleaved query by query.");
        report.table(List.of("call", "queries", "p50 ms", "p95 ms", "p99 ms"), latency);
        report.writeTo(resultsFile());
    }

    private LoadGenerator.Result callReadNote(String page, Duration duration, int threads) {
        return LoadGenerator.run(threads, duration, Long.MAX_VALUE, (t, i) -> {
            JsonNode result = call("read_note", Map.of("path", page));
            if (result.path("isError").asBoolean(false) || !result.has("structuredContent")) {
                throw new AssertionError("read_note failed: " + result);
            }
        });
    }

    private List<List<String>> semanticLatency(List<String> queries) {
        for (int i = 0; i < 20; i++) {
            semanticMcp(queries.get(i));
            semanticRest(queries.get(i));
        }
        long[] mcp = new long[queries.size()];
        long[] rest = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long began = System.nanoTime();
            semanticMcp(queries.get(i));
            mcp[i] = System.nanoTime() - began;
            began = System.nanoTime();
            semanticRest(queries.get(i));
            rest[i] = System.nanoTime() - began;
        }
        return List.of(latencyRow("MCP tools/call semantic_search", Stats.of(mcp)),
                latencyRow("REST GET search?mode=semantic", Stats.of(rest)));
    }

    private void semanticMcp(String query) {
        JsonNode result = call("semantic_search", Map.of("query", query, "n", 5));
        String mode = result.path("structuredContent").path("mode").asText();
        if (!"semantic".equals(mode)) {
            throw new AssertionError("semantic_search did not answer semantically: " + result);
        }
    }

    private void semanticRest(String query) {
        owner.get(wiki + "/api/v1/search?mode=semantic&limit=5&q="
                + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20")).expect(200);
    }

    // MCP over HTTP ----------------------------------------------------------------------------------------------

    private void initialize() {
        ObjectNode params = BenchClient.JSON.createObjectNode().put("protocolVersion", "2025-11-25");
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "wikifarm-bench").put("version", "1");
        HttpResponse<String> answer = post(message("initialize", params));
        session = answer.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new AssertionError("no session: " + answer.body()));
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    private JsonNode call(String tool, Map<String, Object> arguments) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", arguments);
        HttpResponse<String> answer = post(message("tools/call", BenchClient.JSON.valueToTree(params)));
        String body = answer.body();
        String json = body;
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                json = line.substring(5).strip();
            }
        }
        try {
            JsonNode message = BenchClient.JSON.readTree(json);
            if (answer.statusCode() != 200 || !message.has("result")) {
                throw new AssertionError("tools/call " + tool + " → " + answer.statusCode() + " " + body);
            }
            return message.get("result");
        } catch (IOException e) {
            throw new AssertionError("not JSON-RPC: " + body, e);
        }
    }

    private String message(String method, JsonNode params) {
        ObjectNode message = BenchClient.JSON.createObjectNode().put("jsonrpc", "2.0")
                .put("id", ids.incrementAndGet()).put("method", method);
        message.set("params", params);
        return message.toString();
    }

    private HttpResponse<String> post(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + wiki + "/mcp"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("POST " + wiki + "/mcp failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Setup and reporting ----------------------------------------------------------------------------------------

    private JsonNode awaitIndexed() throws InterruptedException {
        long deadline = System.nanoTime() + SETUP_LIMIT.toNanos();
        JsonNode status;
        do {
            status = owner.get(wiki + "/api/v1/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && "ready".equals(status.path("semantic").asText())) {
                return status;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }

    /** Short sentences of the corpus, 4–8 words, as people type questions. */
    private static List<String> queries(List<JavadocCorpus.Page> pages, int count) {
        Random random = new Random(7);
        List<String> queries = new ArrayList<>();
        while (queries.size() < count) {
            String[] words = pages.get(random.nextInt(pages.size())).markdown().replaceAll("[#\\n]+", " ").strip()
                    .split("\\s+");
            if (words.length < 20) {
                continue;
            }
            int from = random.nextInt(words.length - 10);
            String query = String.join(" ", List.of(words).subList(from, from + 4 + random.nextInt(5)))
                    .replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").strip();
            if (!query.isEmpty() && !queries.contains(query)) {
                queries.add(query);
            }
        }
        return queries;
    }

    private List<String> row(String call, int threads, LoadGenerator.Result result) {
        if (result.firstError() != null) {
            firstErrors.add("First error of " + call + " (" + threads + " threads): `" + result.firstError() + "`");
        }
        return List.of(call, Integer.toString(threads), Long.toString(result.operations()),
                Long.toString(result.errors()), String.format(Locale.ROOT, "%.0f", result.perSecond()),
                Stats.ms(result.latency().millis(50)), Stats.ms(result.latency().millis(95)),
                Stats.ms(result.latency().millis(99)));
    }

    private static List<String> latencyRow(String call, Stats stats) {
        return List.of(call, Integer.toString(stats.count()), Stats.ms(stats.millis(50)), Stats.ms(stats.millis(95)),
                Stats.ms(stats.millis(99)));
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("mcp-bench-results.md");
    }
}
