package org.wikifarm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
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
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * Relevance on public labelled collections (docs/benchmarks.md, "Relevance"): each collection in a subfolder of
 * {@code wikifarm.bench.collections} ({@link RelevanceCollection}: SMART or BEIR files) is loaded into a new wiki
 * through the API (its Home page deleted) — one page per document, {@code d<id>}, written as {@code # Title} and the
 * text — and once the index has caught up every query runs through HTTP in each mode (text, semantic, hybrid;
 * {@code limit=100}). Beside it, in this JVM: stock Lucene 9.12 BM25 over the same documents (title and text in one
 * field) with {@code EnglishAnalyzer} and with {@code StandardAnalyzer}. Reports nDCG@10, recall@100 and MRR per collection.
 * Then the same for a second wiki with the collection's documents as long pages of several sections each
 * ({@link RelevanceCollection#inLongPages}), which ranks pages of many chunks by the part that matches.
 * Run alone: {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/RelevanceBench.java'
 * -Dwikifarm.bench.collections=/work/collections}; without the property it reports that it was skipped.
 */
class RelevanceBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final Duration INDEX_LIMIT = Duration.ofMinutes(Integer.getInteger("wikifarm.bench.relevanceMinutes",
            60));
    private static final int LIMIT = 100;
    /** Documents per page in each collection's second wiki ({@link RelevanceCollection#inLongPages}); 0 leaves it out. */
    private static final int LONG_PAGE_DOCS = Integer.getInteger("wikifarm.bench.relevancePageDocs", 8);
    private static final List<String> MODES = List.of("text", "semantic", "hybrid");

    private final MarkdownReport report = new MarkdownReport();
    private BenchClient client;

    @Test
    void relevance() throws Exception {
        report.paragraph("## Relevance results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        String root = System.getProperty("wikifarm.bench.collections");
        if (root == null || root.isBlank()) {
            report.paragraph("**Skipped**: `wikifarm.bench.collections` is not set (a folder with one subfolder per"
                    + " collection; docs/benchmarks.md, \"Relevance\", says where to get them).");
            report.writeTo(resultsFile());
            return;
        }
        List<RelevanceCollection> collections = RelevanceCollection.all(Path.of(root));
        if (collections.isEmpty()) {
            report.paragraph("**Skipped**: no collection (SMART `*.ALL`/`*.QRY`/`*.REL` or BEIR `corpus.jsonl`,"
                    + " `queries.jsonl`, `qrels/test.tsv`) in the subfolders of " + root + ".");
            report.writeTo(resultsFile());
            return;
        }
        report.paragraph("Client and server on one machine (" + Runtime.getRuntime().availableProcessors()
                + " cores), Java " + System.getProperty("java.version") + ", model all-MiniLM-L6-v2 int8, server "
                + BASE + ". Load average before: " + MarkdownReport.loadAverage() + ".");
        client = BenchAccount.user(BASE);
        for (RelevanceCollection collection : collections) {
            measure(collection);
            if (LONG_PAGE_DOCS > 1) {
                measure(collection.inLongPages(LONG_PAGE_DOCS, 1));
            }
        }
        report.paragraph("Load average after: " + MarkdownReport.loadAverage() + ".");
        report.writeTo(resultsFile());
    }

    private void measure(RelevanceCollection collection) throws Exception {
        String named = collection.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        // A slug is at most 30 characters: "rel-", 12 of the name, "-", 12 of the clock.
        String slug = "rel-" + named.substring(0, Math.min(12, named.length())) + "-"
                + Long.toString(System.nanoTime(), 36);
        String id = client.post("/api/v1/wikis", Map.of("slug", slug, "is_public", false)).expect(201).text("id");
        // CISI has 1,460 documents, over the default quota of 500 pages: no limits, as a platform admin may give.
        BenchAccount.admin(BASE).put("/api/v1/admin/wikis/" + id + "/limits", Map.of("bytes", 0, "pages", 0))
                .expect(200);
        String wiki = "/" + BenchAccount.USERNAME + "/" + slug;
        // The same documents as stock BM25 sees: without the Home page a new wiki starts with.
        client.delete(wiki + "/api/v1/pages/Home").expect(200);
        long began = System.nanoTime();
        List<RelevanceCollection.Doc> docs = collection.docs();
        LoadGenerator.forEach(docs.size(), 4, INDEX_LIMIT, i -> {
            BenchClient.Reply reply = client.put(wiki + "/api/v1/pages/d" + docs.get(i).id(),
                    Map.of("content", markdown(docs.get(i))));
            if (!(reply.resent() && reply.status() == 409)) {
                reply.expect(201);
            }
        });
        JsonNode status = awaitIndexed(wiki);
        double indexSeconds = (System.nanoTime() - began) / 1e9;

        Map<String, RelevanceMetrics> results = new LinkedHashMap<>();
        Map<String, List<Double>> tookMs = new LinkedHashMap<>();
        try (StockBm25 english = new StockBm25(new EnglishAnalyzer(), docs);
             StockBm25 standard = new StockBm25(new StandardAnalyzer(), docs)) {
            for (RelevanceCollection.Query query : collection.queries()) {
                Map<String, Integer> relevant = collection.qrels().get(query.id());
                results.computeIfAbsent("stock BM25, EnglishAnalyzer", k -> new RelevanceMetrics())
                        .add(english.search(query.text(), LIMIT), relevant);
                results.computeIfAbsent("stock BM25, StandardAnalyzer", k -> new RelevanceMetrics())
                        .add(standard.search(query.text(), LIMIT), relevant);
                for (String mode : MODES) {
                    JsonNode answer = client.get(wiki + "/api/v1/search?mode=" + mode + "&limit=" + LIMIT + "&q="
                            + URLEncoder.encode(query.text(), StandardCharsets.UTF_8)).expect(200).json();
                    if (!mode.equals(answer.path("mode").asText())) {
                        throw new AssertionError("asked for " + mode + ", answered by " + answer.path("mode"));
                    }
                    List<String> ranking = new ArrayList<>();
                    answer.path("hits").forEach(hit -> ranking.add(hit.path("path").asText().substring(1)));
                    results.computeIfAbsent("Wikifarm " + mode, k -> new RelevanceMetrics()).add(ranking, relevant);
                    tookMs.computeIfAbsent("Wikifarm " + mode, k -> new ArrayList<>())
                            .add(answer.path("took_ms").asDouble());
                }
            }
        }
        double stock = results.get("stock BM25, EnglishAnalyzer").ndcg10();
        List<List<String>> rows = new ArrayList<>();
        results.forEach((name, m) -> rows.add(List.of(name, String.format(Locale.ROOT, "%.3f", m.ndcg10()),
                String.format(Locale.ROOT, "%+.1f %%", 100 * (m.ndcg10() / stock - 1)),
                String.format(Locale.ROOT, "%.3f", m.recall100()), String.format(Locale.ROOT, "%.3f", m.mrr()),
                tookMs.containsKey(name) ? String.format(Locale.ROOT, "%.1f", median(tookMs.get(name))) : "—")));
        report.heading(collection.name() + ": " + docs.size() + " documents, " + collection.queries().size()
                + " judged queries");
        report.paragraph("Loaded and indexed in " + String.format(Locale.ROOT, "%.0f", indexSeconds) + " s ("
                + status.path("indexed_pages").asInt() + " pages, " + status.path("indexed_chunks").asInt()
                + " chunks). Queries " + String.format(Locale.ROOT, "%.0f", collection.queries().stream()
                .mapToInt(q -> q.text().length()).average().orElse(0)) + " characters on average, longest "
                + collection.queries().stream().mapToInt(q -> q.text().length()).max().orElse(0) + ".");
        report.table(List.of("system", "nDCG@10", "vs stock BM25 (English)", "recall@100", "MRR",
                "server ms p50"), rows);
    }

    /** A document as the page the bench writes: its title as a level-1 heading, then its text. */
    static String markdown(RelevanceCollection.Doc doc) {
        return doc.title().isBlank() ? doc.text() : "# " + doc.title() + "\n\n" + doc.text();
    }

    private JsonNode awaitIndexed(String wiki) {
        long deadline = System.nanoTime() + INDEX_LIMIT.toNanos();
        JsonNode status;
        do {
            status = client.get(wiki + "/api/v1/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && "ready".equals(status.path("semantic").asText())) {
                return status;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish in " + INDEX_LIMIT + ": " + status);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("relevance-bench-results.md");
    }
}
