package org.wikifarm.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.Chunk;
import org.wikifarm.search.Chunker;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.search.onnx.OnnxEmbedder;

/**
 * Search benchmarks (docs/benchmarks.md, "Search") on prose from the JDK's Javadoc ({@link JavadocCorpus}):
 * (a) embedding pipeline vs raw ONNX Runtime on the same batches, (b) indexing a 1,000-page wiki, (c) HTTP latency
 * of text, semantic and hybrid search on ~20,000 chunks, (d) recall@10 of HNSW vs exact, (e) chunks embedded by an
 * edit and by a reindex. Run alone: {@code mvn -Pbench verify -Dit.includes='**}{@code /bench/SearchBench.java'}.
 */
class SearchBench {
    private static final String BASE = System.getProperty("wikifarm.it.base", "http://127.0.0.1:18080");
    private static final Path DATA = Path.of(System.getProperty("wikifarm.it.data", "target/bench-data"));
    private static final int PAGES = Integer.getInteger("wikifarm.bench.searchPages", 1_000);
    private static final int TARGET_CHUNKS = Integer.getInteger("wikifarm.bench.searchChunks", 20_000);
    private static final int QUERIES = Integer.getInteger("wikifarm.bench.searchQueries", 200);
    private static final Duration INDEX_LIMIT = Duration.ofMinutes(Integer.getInteger("wikifarm.bench.searchMinutes",
            40));
    private static final int EMBED_BATCH = 16;

    private final MarkdownReport report = new MarkdownReport();
    private BenchClient client;
    private OnnxEmbedder embedder;

    @Test
    void search() throws Exception {
        String loadBefore = MarkdownReport.loadAverage();
        // The benchmarks' one shared account, so they run in any order (BenchAccount).
        String user = BenchAccount.USERNAME;
        client = BenchAccount.user(BASE);
        embedder = OnnxEmbedder.load(MiniLmModel.INT8, Path.of(System.getProperty("java.io.tmpdir"), "wf-bench-djl"), 1);

        List<List<String>> pipeline = pipelineVsRaw();
        String wiki = createWiki(user, "prose-" + Long.toString(System.nanoTime(), 36));
        List<List<String>> indexing = new ArrayList<>();
        List<JavadocCorpus.Page> first = JavadocCorpus.pages(0, PAGES);
        indexing.add(indexPages(wiki, first, "first " + first.size() + " pages"));
        int written = first.size();
        JsonNode status = status(wiki);
        long deadline = System.nanoTime() + INDEX_LIMIT.toNanos();
        while (status.path("indexed_chunks").asInt() < TARGET_CHUNKS && System.nanoTime() < deadline) {
            int more = Math.max(100, (int) ((TARGET_CHUNKS - status.path("indexed_chunks").asInt())
                    / Math.max(1.0, status.path("indexed_chunks").asDouble() / written)) + 50);
            List<JavadocCorpus.Page> next = JavadocCorpus.pages(written, more);
            if (next.isEmpty()) {
                break;
            }
            indexing.add(indexPages(wiki, next, "then " + next.size() + " more pages"));
            written += next.size();
            status = status(wiki);
        }
        List<String> queries = queries(JavadocCorpus.pages(0, written), QUERIES);
        List<List<String>> latency = latency(wiki, queries, status.path("indexed_chunks").asInt(),
                wiki + "/api/v1/pages/" + first.get(0).path());
        List<List<String>> recall = recall(wiki, queries);
        List<List<String>> edits = edits(user);
        String loadAfter = MarkdownReport.loadAverage();

        report.paragraph("## Search results, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        report.paragraph("Client and server on one machine (" + Runtime.getRuntime().availableProcessors()
                + " cores), Java " + System.getProperty("java.version") + ", model all-MiniLM-L6-v2 int8, one index"
                + " worker, server " + BASE + ". Load average before: " + loadBefore + "; after: " + loadAfter + ".");
        report.heading("(a) Embedding pipeline vs raw ONNX Runtime, same batches");
        report.paragraph("Chunks of the corpus sorted by length, batches of " + EMBED_BATCH + ", one intra-op thread,"
                + " alternating pipeline and raw per batch. Pipeline = tokenize + tensors + run + mean-pool +"
                + " normalise; raw = `session.run` on tensors built beforehand. Target ≥ 90 %.");
        report.table(List.of("chunks", "pipeline chunks/s", "raw ONNX chunks/s", "pipeline / raw"), pipeline);
        report.heading("(b) Indexing a wiki of real prose (then growing it to ~" + TARGET_CHUNKS + " chunks)");
        report.paragraph("Pages PUT through the API by 4 client threads; time from the first PUT until the status shows"
                + " an empty queue. Includes chunking, embedding (cache misses only), Lucene and the queue.");
        report.table(List.of("step", "pages", "chunks after", "chunks embedded", "seconds", "chunks/s", "pages/s"),
                indexing);
        report.heading("(c) Search latency over HTTP");
        report.paragraph("`GET …/search?q=&mode=&limit=10` with HTTP Basic, one client thread, " + QUERIES
                + " different queries (sentences from the corpus, 4–8 words) after 20 warm-up rounds; the three modes"
                + " and a plain page GET interleaved query by query. *server* is the `took_ms` the service reports"
                + " (embedding, Lucene, highlighting), the rest is HTTP, authentication, JSON and waiting for a core."
                + " Target: hybrid p50 ≤ 15 ms.");
        report.table(List.of("mode", "chunks", "queries", "p50 ms", "p95 ms", "p99 ms", "server p50 ms",
                "server p95 ms"), latency);
        report.heading("(d) Recall@10 of HNSW vs exact search");
        report.paragraph("The server's index opened read-only; " + queries.size() + " query vectors; exact = every"
                + " vector scored. The service asks HNSW for k = 100 and keeps the best pages. Target ≥ 0.95.");
        report.table(List.of("HNSW k", "chunks", "mean recall@10", "min recall@10"), recall);
        report.heading("(e) Chunks embedded again");
        report.table(List.of("change", "chunks on the page / wiki", "chunks embedded", "target"), edits);
        report.writeTo(resultsFile());
    }

    // (a) ------------------------------------------------------------------------------------------------------

    private List<List<String>> pipelineVsRaw() throws Exception {
        List<String> texts = new ArrayList<>();
        for (JavadocCorpus.Page page : JavadocCorpus.pages(0, 60)) {
            for (Chunk chunk : Chunker.chunks(new PagePath(page.path()), page.markdown())) {
                texts.add(chunk.embeddedText());
            }
        }
        texts.sort(Comparator.comparingInt(String::length));
        texts = texts.subList(0, Math.min(texts.size(), 480));
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        embedder.embed(texts.subList(0, EMBED_BATCH));
        long pipelineNanos = 0;
        long rawNanos = 0;
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH));
            long began = System.nanoTime();
            embedder.embed(batch);
            pipelineNanos += System.nanoTime() - began;

            Encoding[] encodings = embedder.tokenizer().batchEncode(batch);
            int length = encodings[0].getIds().length;
            long[] ids = new long[batch.size() * length];
            long[] mask = new long[batch.size() * length];
            for (int b = 0; b < batch.size(); b++) {
                System.arraycopy(encodings[b].getIds(), 0, ids, b * length, length);
                System.arraycopy(encodings[b].getAttentionMask(), 0, mask, b * length, length);
            }
            long[] shape = {batch.size(), length};
            try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                 OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
                 OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape)) {
                began = System.nanoTime();
                try (OrtSession.Result ignored = embedder.session().run(Map.of("input_ids", idTensor,
                        "attention_mask", maskTensor, "token_type_ids", types))) {
                    rawNanos += System.nanoTime() - began;
                }
            }
        }
        double pipeline = texts.size() / (pipelineNanos / 1e9);
        double raw = texts.size() / (rawNanos / 1e9);
        return List.of(List.of(Integer.toString(texts.size()), fmt(pipeline), fmt(raw),
                String.format(Locale.ROOT, "**%.0f %%**", 100 * pipeline / raw)));
    }

    // (b) ------------------------------------------------------------------------------------------------------

    private final Map<String, String> wikiIds = new LinkedHashMap<>();

    private String createWiki(String user, String slug) {
        String id = client.post("/api/v1/wikis", Map.of("slug", slug, "is_public", false)).expect(201).text("id");
        String base = "/" + user + "/" + slug;
        wikiIds.put(base, id);
        return base;
    }

    private List<String> indexPages(String wiki, List<JavadocCorpus.Page> pages, String step) {
        JsonNode before = status(wiki);
        long began = System.nanoTime();
        LoadGenerator.forEach(pages.size(), 4, INDEX_LIMIT, i -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("content", pages.get(i).markdown());
            BenchClient.Reply reply = client.put(wiki + "/api/v1/pages/" + pages.get(i).path(), body);
            if (!(reply.resent() && reply.status() == 409)) {
                reply.expect(201);
            }
        });
        JsonNode after = awaitIndexed(wiki);
        double seconds = (System.nanoTime() - began) / 1e9;
        int chunks = after.path("indexed_chunks").asInt();
        long embedded = after.path("embedded_chunks").asLong() - before.path("embedded_chunks").asLong();
        return List.of(step, Integer.toString(pages.size()), Integer.toString(chunks), Long.toString(embedded),
                fmt(seconds), fmt(embedded / seconds), fmt(pages.size() / seconds));
    }

    private JsonNode status(String wiki) {
        return client.get(wiki + "/api/v1/search/status").expect(200).json();
    }

    private JsonNode awaitIndexed(String wiki) {
        long deadline = System.nanoTime() + INDEX_LIMIT.toNanos();
        JsonNode status;
        do {
            status = status(wiki);
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && "ready".equals(status.path("semantic").asText())) {
                return status;
            }
            pause(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish in " + INDEX_LIMIT + ": " + status);
    }

    // (c) ------------------------------------------------------------------------------------------------------

    /** Short sentences of the corpus, 4–8 words, as people type questions. */
    private static List<String> queries(List<JavadocCorpus.Page> pages, int count) {
        Random random = new Random(42);
        List<String> queries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (queries.size() < count) {
            JavadocCorpus.Page page = pages.get(random.nextInt(pages.size()));
            String[] words = page.markdown().replaceAll("[#\\n]+", " ").strip().split("\\s+");
            if (words.length < 20) {
                continue;
            }
            int from = random.nextInt(words.length - 10);
            String query = String.join(" ", List.of(words).subList(from, from + 4 + random.nextInt(5)))
                    .replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").strip();
            if (!query.isEmpty() && seen.add(query)) {
                queries.add(query);
            }
        }
        return queries;
    }

    /** Modes interleaved query by query, with a plain page read as a baseline, so all see the same load. */
    private List<List<String>> latency(String wiki, List<String> queries, int chunks, String page) {
        List<String> modes = List.of("text", "semantic", "hybrid");
        for (int i = 0; i < 20; i++) {
            for (String mode : modes) {
                search(wiki, queries.get(i), mode);
            }
        }
        long[][] http = new long[modes.size() + 1][queries.size()];
        long[][] server = new long[modes.size()][queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            for (int m = 0; m < modes.size(); m++) {
                long began = System.nanoTime();
                JsonNode answer = search(wiki, queries.get(i), modes.get(m));
                http[m][i] = System.nanoTime() - began;
                server[m][i] = (long) (answer.path("took_ms").asDouble() * 1e6);
                if (!modes.get(m).equals(answer.path("mode").asText())) {
                    throw new AssertionError("asked for " + modes.get(m) + ", answered " + answer.path("mode"));
                }
            }
            long began = System.nanoTime();
            client.get(page).expect(200);
            http[modes.size()][i] = System.nanoTime() - began;
        }
        List<List<String>> rows = new ArrayList<>();
        for (int m = 0; m <= modes.size(); m++) {
            Stats stats = Stats.of(http[m]);
            boolean hybrid = m == 2;
            String serverMedian = m < modes.size() ? Stats.ms(Stats.of(server[m]).medianMillis()) : "";
            String serverP95 = m < modes.size() ? Stats.ms(Stats.of(server[m]).millis(95)) : "";
            rows.add(List.of(m < modes.size() ? modes.get(m) : "baseline: GET of one page",
                    m < modes.size() ? Integer.toString(chunks) : "", Integer.toString(stats.count()),
                    (hybrid ? "**" : "") + Stats.ms(stats.medianMillis()) + (hybrid ? "**" : ""),
                    Stats.ms(stats.millis(95)), Stats.ms(stats.millis(99)), serverMedian, serverP95));
        }
        return rows;
    }

    private JsonNode search(String wiki, String query, String mode) {
        return client.get(wiki + "/api/v1/search?limit=10&mode=" + mode + "&q="
                + java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8)).expect(200).json();
    }

    // (d) ------------------------------------------------------------------------------------------------------

    private List<List<String>> recall(String wiki, List<String> queries) throws IOException {
        String id = wikiIds.get(wiki);
        List<float[]> vectors = new ArrayList<>();
        for (int from = 0; from < Math.min(queries.size(), 100); from += EMBED_BATCH) {
            vectors.addAll(embedder.embed(queries.subList(from, Math.min(Math.min(queries.size(), 100),
                    from + EMBED_BATCH))));
        }
        List<List<String>> rows = new ArrayList<>();
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(
                DATA.resolve("wikis").resolve(id).resolve("index")))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<Set<Integer>> exact = new ArrayList<>();
            for (float[] vector : vectors) {
                exact.add(exactTop(reader, vector, 10));
            }
            int chunks = countVectors(reader);
            for (int k : new int[] {10, 50, 100}) {
                double sum = 0;
                double min = 1;
                for (int q = 0; q < vectors.size(); q++) {
                    ScoreDoc[] found = searcher.search(new KnnFloatVectorQuery("vector", vectors.get(q), k), k)
                            .scoreDocs;
                    Set<Integer> top = new HashSet<>();
                    for (int i = 0; i < Math.min(10, found.length); i++) {
                        top.add(found[i].doc);
                    }
                    top.retainAll(exact.get(q));
                    double recall = top.size() / (double) Math.min(10, exact.get(q).size());
                    sum += recall;
                    min = Math.min(min, recall);
                }
                rows.add(List.of((k == 100 ? "**100** (used)" : Integer.toString(k)), Integer.toString(chunks),
                        String.format(Locale.ROOT, "%.3f", sum / vectors.size()),
                        String.format(Locale.ROOT, "%.2f", min)));
            }
        }
        return rows;
    }

    private static int countVectors(DirectoryReader reader) throws IOException {
        int count = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
            Bits live = leaf.reader().getLiveDocs();
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live == null || live.get(doc)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Set<Integer> exactTop(DirectoryReader reader, float[] query, int k) throws IOException {
        java.util.PriorityQueue<ScoreDoc> best = new java.util.PriorityQueue<>(Comparator.comparingDouble(d -> d.score));
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
            Bits live = leaf.reader().getLiveDocs();
            if (values == null) {
                continue;
            }
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                best.add(new ScoreDoc(leaf.docBase + doc,
                        VectorSimilarityFunction.DOT_PRODUCT.compare(query, values.vectorValue())));
                if (best.size() > k) {
                    best.poll();
                }
            }
        }
        Set<Integer> top = new HashSet<>();
        best.forEach(doc -> top.add(doc.doc));
        return top;
    }

    // (e) ------------------------------------------------------------------------------------------------------

    private List<List<String>> edits(String user) {
        String wiki = createWiki(user, "edits-" + Long.toString(System.nanoTime(), 36));
        List<JavadocCorpus.Page> pages = JavadocCorpus.pages(0, 40);
        indexPages(wiki, pages, "edits");
        JavadocCorpus.Page longest = pages.stream()
                .max(Comparator.comparingInt(p -> Chunker.chunks(new PagePath(p.path()), p.markdown()).size()))
                .orElseThrow();
        int pageChunks = Chunker.chunks(new PagePath(longest.path()), longest.markdown()).size();
        String[] paragraphs = longest.markdown().split("\n\n");
        int target = paragraphs.length / 2;
        while (paragraphs[target].startsWith("#") || JavadocCorpus.words(paragraphs[target]) < 10) {
            target++;
        }
        paragraphs[target] = paragraphs[target].replaceFirst("\\b(\\w+)\\b", "$1 (edited)");
        String page = wiki + "/api/v1/pages/" + longest.path();
        String revision = client.get(page).expect(200).text("revision");
        JsonNode before = status(wiki);
        client.put(page, Map.of("content", String.join("\n\n", paragraphs), "revision", revision)).expect(200);
        JsonNode afterEdit = awaitIndexed(wiki);
        long edited = afterEdit.path("embedded_chunks").asLong() - before.path("embedded_chunks").asLong();
        client.post(wiki + "/api/v1/reindex", Map.of()).expect(202);
        JsonNode afterReindex = awaitIndexed(wiki);
        long reindexed = afterReindex.path("embedded_chunks").asLong() - afterEdit.path("embedded_chunks").asLong();
        return List.of(
                List.of("re-save a page with one changed paragraph", Integer.toString(pageChunks),
                        "**" + edited + "**", "≤ 2"),
                List.of("reindex the unchanged wiki (" + pages.size() + " pages)",
                        Integer.toString(afterReindex.path("indexed_chunks").asInt()), "**" + reindexed + "**", "0"));
    }

    // ----------------------------------------------------------------------------------------------------------

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path resultsFile() {
        String configured = System.getProperty("wikifarm.bench.results");
        Path base = configured == null ? Path.of("target/bench-results.md") : Path.of(configured);
        return base.resolveSibling("search-bench-results.md");
    }
}
