package org.wikifarm.search;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.junit.jupiter.api.Test;
import org.wikifarm.bench.JavadocCorpus;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.search.lucene.TextSearch;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.search.onnx.OnnxEmbedder;

/**
 * Search at scale, in-process on the product's index class ({@link LucenePageIndex}) and model (docs/benchmarks.md,
 * "Search speed"): (a) what each step of a search costs on the ~20,000-chunk index the speed benchmark keeps (a
 * copy of it); (b) the same on 100,000 chunks — that index's pages and chunks written five times through
 * {@link LucenePageIndex#put}, the copies' vectors the real ones with Gaussian noise (cosine ≈ 0.93 to their
 * original), since embedding 100,000 chunks would take hours; (c) indexing 10,000 pages with the model off (text
 * extraction, chunking and Lucene, as the indexer does it) and the model's chunks/s on a sample; (d) memory of an open
 * index. Run: {@code mvn -Pbench verify -Dit.includes='**}{@code /search/SearchScaleBench.java'
 * -Dwikifarm.bench.searchIndex=/work/search-20k/wikis/<id>/index}.
 */
class SearchScaleBench {
    private static final Path KEPT = Path.of(System.getProperty("wikifarm.bench.searchIndex", "missing"));
    private static final Path WORK = Path.of(System.getProperty("wikifarm.bench.scaleDir", "target/search-scale"));
    private static final int QUERIES = Integer.getInteger("wikifarm.bench.searchQueries", 200);
    /** Queries run first and not counted, so the JIT has compiled the search path. */
    private static final int WARM_UP = Integer.getInteger("wikifarm.bench.warmUp", 400);
    private static final int TEXT_PAGES = Integer.getInteger("wikifarm.bench.textPages", 10_000);
    private static final int COPIES = Integer.getInteger("wikifarm.bench.copies", 5);
    /** Which parts to run: {@code 20k}, {@code 100k}, {@code text} (all by default). */
    private static final String PARTS = System.getProperty("wikifarm.bench.scaleParts", "20k,100k,text");

    private final StringBuilder report = new StringBuilder();

    @Test
    void scale() throws Exception {
        if (!Files.isDirectory(KEPT)) {
            throw new AssertionError("Set -Dwikifarm.bench.searchIndex to the index folder of the kept search wiki"
                    + " (SearchSpeedBench makes it); " + KEPT + " is not one.");
        }
        String loadBefore = loadAverage();
        OnnxEmbedder embedder = OnnxEmbedder.load(MiniLmModel.INT8,
                Path.of(System.getProperty("java.io.tmpdir"), "wf-bench-djl"), 1);
        deleteTree(WORK);
        Files.createDirectories(WORK);
        List<String> queries = queries(JavadocCorpus.pages(0, 2_000), QUERIES + WARM_UP);
        line("## Search at scale, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
        line("In-process (JVM " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores), model all-MiniLM-L6-v2 int8 with one thread. Load average before: " + loadBefore + ".");

        Path small = WORK.resolve("index-20k");
        copyTree(KEPT, small);
        line("\n### (a, b) What each step of a search costs, µs (p50 / p95 over " + QUERIES + " queries)\n");
        line("| chunks | embed query | BM25 top 50 | snippets of 10 | HNSW k=100 | 20 chunk texts | text search"
                + " (BM25 + snippets) | hybrid, one thread (all steps) | heap of the open index; its files |");
        line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        steps(small, embedder, queries);
        if (PARTS.contains("100k")) {
            large(small, embedder, queries);
        }
        if (PARTS.contains("text")) {
            line("\n### (c) Indexing 10,000 pages\n");
            textIndexing(embedder);
        }
        finish(embedder);
    }

    private void large(Path small, OnnxEmbedder embedder, List<String> queries) throws IOException {
        Path large = WORK.resolve("index-100k");
        long began = System.nanoTime();
        int[] written = multiply(KEPT, large, COPIES);
        double seconds = (System.nanoTime() - began) / 1e9;
        steps(large, embedder, queries);
        line("\nMemory of an open index: the heap figure above (heap used after a full GC with the index open and"
                + " searched, minus before: Lucene 9 keeps terms index, doc values and vectors off the heap), plus its"
                + " files mapped from disk (" + mb(size(small)) + " at 20k chunks, " + mb(size(large)) + " at 100k),"
                + " which the operating system's page cache holds and drops as memory is needed.");
        line("\nThe 100,000-chunk index: " + written[0] + " pages and " + written[1] + " chunks written through"
                + " `LucenePageIndex.put` with their vectors (commit every 500 pages) in " + fmt(seconds) + " s ("
                + fmt(written[1] / seconds) + " chunks/s: Lucene alone, HNSW included). Size on disk: "
                + mb(size(large)) + " (20k: " + mb(size(small)) + ").");
    }

    /** Run alone (outside Maven): {@code java -cp <test class path> org.wikifarm.search.SearchScaleBench}. */
    public static void main(String[] args) throws Exception {
        // The tokenizer's native library needs a large stack to load (docs/search.md, "The model").
        Throwable[] failure = new Throwable[1];
        Thread run = new Thread(null, () -> {
            try {
                new SearchScaleBench().scale();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "scale-bench", 16L << 20);
        run.start();
        run.join();
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }

    private void finish(OnnxEmbedder embedder) throws IOException {
        line("\nLoad average after: " + loadAverage() + ".");
        Path out = Path.of(System.getProperty("wikifarm.bench.results", "target/bench-results.md"))
                .resolveSibling("search-scale-results.md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        embedder.close();
    }

    // (a, b) ---------------------------------------------------------------------------------------------------

    private void steps(Path dir, OnnxEmbedder embedder, List<String> queries) throws IOException {
        long heapBefore = usedHeap();
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            int chunks = index.chunkCount();
            long[][] t = new long[7][QUERIES];
            for (int q = 0; q < queries.size(); q++) {
                int at = q - WARM_UP;
                String query = queries.get(q);
                long[] step = index.read(view -> {
                    long[] s = new long[7];
                    long t0 = System.nanoTime();
                    float[] vector = embedder.embed(List.of(query)).get(0);
                    long t1 = System.nanoTime();
                    List<TextSearch.Hit> hits = view.searchText(query, 50);
                    long t2 = System.nanoTime();
                    view.snippets(query, hits.stream().limit(10).map(TextSearch.Hit::path).toList());
                    long t3 = System.nanoTime();
                    List<List<LucenePageIndex.ChunkHit>> pages = view.nearestPages(vector, 100, 2);
                    long t4 = System.nanoTime();
                    int read = 0;
                    for (List<LucenePageIndex.ChunkHit> page : pages) {
                        for (LucenePageIndex.ChunkHit chunk : page) {
                            if (read++ < 20) {
                                view.withText(chunk);
                            }
                        }
                    }
                    long t5 = System.nanoTime();
                    s[0] = t1 - t0;
                    s[1] = t2 - t1;
                    s[2] = t3 - t2;
                    s[3] = t4 - t3;
                    s[4] = t5 - t4;
                    s[5] = s[1] + s[2];
                    s[6] = t5 - t0;
                    return s;
                });
                if (at >= 0) {
                    for (int i = 0; i < 7; i++) {
                        t[i][at] = step[i];
                    }
                }
            }
            long heap = usedHeap() - heapBefore;
            String files = openFiles(dir);
            StringBuilder row = new StringBuilder("| " + chunks + " |");
            for (long[] samples : t) {
                java.util.Arrays.sort(samples);
                row.append(' ').append(samples[samples.length / 2] / 1_000).append(" / ")
                        .append(samples[(int) (samples.length * 0.95)] / 1_000).append(" |");
            }
            row.append(' ').append(mb(heap)).append("; ").append(files).append(" |");
            line(row.toString());
        }
    }

    /** Writes the kept index's pages and chunks {@code copies} times; copies after the first get noisy vectors. */
    private static int[] multiply(Path source, Path target, int copies) throws IOException {
        Random random = new Random(7);
        int pages = 0;
        int chunks = 0;
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(source));
             LucenePageIndex index = new LucenePageIndex(target)) {
            Map<String, String> bodies = new LinkedHashMap<>();
            Map<String, List<LucenePageIndex.ChunkDocument>> pageChunks = new HashMap<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                StoredFields stored = leaf.reader().storedFields();
                BinaryDocValues bodyValues = DocValues.getBinary(leaf.reader(), "body");
                Bits live = leaf.reader().getLiveDocs();
                Map<Integer, float[]> vectors = new HashMap<>();
                FloatVectorValues values = leaf.reader().getFloatVectorValues("vector");
                if (values != null) {
                    for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                        vectors.put(doc, values.vectorValue().clone());
                    }
                }
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Document d = stored.document(doc);
                    String path = d.get("path");
                    if (d.getField("ordinal") == null) {
                        bodies.put(path, bodyValues.advanceExact(doc) ? bodyValues.binaryValue().utf8ToString() : "");
                    } else {
                        pageChunks.computeIfAbsent(path, p -> new ArrayList<>()).add(new LucenePageIndex.ChunkDocument(
                                d.getField("ordinal").numericValue().intValue(), d.get("breadcrumb"), d.get("text"),
                                vectors.get(doc)));
                    }
                }
            }
            for (int copy = 0; copy < copies; copy++) {
                for (Map.Entry<String, String> page : bodies.entrySet()) {
                    String path = copy == 0 ? page.getKey() : page.getKey() + "-copy" + copy;
                    List<LucenePageIndex.ChunkDocument> own = new ArrayList<>();
                    for (LucenePageIndex.ChunkDocument chunk : pageChunks.getOrDefault(page.getKey(), List.of())) {
                        own.add(new LucenePageIndex.ChunkDocument(chunk.ordinal(), chunk.breadcrumb(), chunk.text(),
                                chunk.vector() == null ? null : copy == 0 ? chunk.vector() : noisy(chunk.vector(), random)));
                    }
                    index.put(new LucenePageIndex.PageDocument(new PagePath(path), path.replace('/', ' '), "",
                            page.getValue(), own));
                    pages++;
                    chunks += own.size();
                    if (pages % 500 == 0) {
                        index.commit(Map.of());
                    }
                }
            }
            index.commit(Map.of(LucenePageIndex.META_MODEL, MiniLmModel.INT8.id()));
        }
        return new int[] {pages, chunks};
    }

    private static float[] noisy(float[] vector, Random random) {
        float[] out = new float[vector.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] + 0.02 * random.nextGaussian());
            norm += out[i] * out[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    // (c) ------------------------------------------------------------------------------------------------------

    private void textIndexing(OnnxEmbedder embedder) throws IOException {
        List<JavadocCorpus.Page> corpus = JavadocCorpus.pages(0, TEXT_PAGES);
        List<JavadocCorpus.Page> pages = new ArrayList<>(corpus);
        for (int copy = 1; pages.size() < TEXT_PAGES; copy++) {
            for (JavadocCorpus.Page page : corpus) {
                if (pages.size() == TEXT_PAGES) {
                    break;
                }
                pages.add(new JavadocCorpus.Page(page.path() + "-copy" + copy, page.markdown()));
            }
        }
        long extractNanos = 0;
        long luceneNanos = 0;
        int chunks = 0;
        long began = System.nanoTime();
        try (LucenePageIndex index = new LucenePageIndex(WORK.resolve("index-text-10k"))) {
            for (int i = 0; i < pages.size(); i++) {
                long t0 = System.nanoTime();
                LucenePageIndex.PageDocument document = WikiIndexer.document(new PagePath(pages.get(i).path()),
                        pages.get(i).markdown());
                long t1 = System.nanoTime();
                index.put(document);
                if ((i + 1) % 64 == 0 || i == pages.size() - 1) {
                    index.commit(Map.of());
                }
                long t2 = System.nanoTime();
                extractNanos += t1 - t0;
                luceneNanos += t2 - t1;
                chunks += document.chunks().size();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        // The model on a sample: the chunks of 100 pages, sorted by length, 16 a call, as the indexer does.
        List<String> texts = new ArrayList<>();
        for (JavadocCorpus.Page page : corpus.subList(0, 100)) {
            for (Chunk chunk : Chunker.chunks(new PagePath(page.path()), page.markdown())) {
                texts.add(chunk.embeddedText());
            }
        }
        texts.sort(Comparator.comparingInt(String::length));
        long embedBegan = System.nanoTime();
        for (int from = 0; from < texts.size(); from += 16) {
            embedder.embed(texts.subList(from, Math.min(texts.size(), from + 16)));
        }
        double embedSeconds = (System.nanoTime() - embedBegan) / 1e9;
        double perSecond = texts.size() / embedSeconds;
        line("| part | pages | chunks | seconds | pages/s | chunks/s |");
        line("| --- | --- | --- | --- | --- | --- |");
        line("| model off: text extraction + chunking | " + pages.size() + " | " + chunks + " | "
                + fmt(extractNanos / 1e9) + " | " + fmt(pages.size() / (extractNanos / 1e9)) + " | "
                + fmt(chunks / (extractNanos / 1e9)) + " |");
        line("| model off: Lucene (put + commit every 64 pages) | " + pages.size() + " | " + chunks + " | "
                + fmt(luceneNanos / 1e9) + " | " + fmt(pages.size() / (luceneNanos / 1e9)) + " | "
                + fmt(chunks / (luceneNanos / 1e9)) + " |");
        line("| model off: all | " + pages.size() + " | " + chunks + " | " + fmt(seconds) + " | "
                + fmt(pages.size() / seconds) + " | " + fmt(chunks / seconds) + " |");
        line("| model on, sample: embedding alone (chunks of 100 pages, 16 a call, one thread) | 100 | "
                + texts.size() + " | " + fmt(embedSeconds) + " | | " + fmt(perSecond) + " |");
        line("\nEmbedding all " + chunks + " chunks of the 10,000 pages at that rate: about "
                + fmt(chunks / perSecond / 60) + " minutes of one core (one index worker).");
    }

    // ----------------------------------------------------------------------------------------------------------

    private static List<String> queries(List<JavadocCorpus.Page> pages, int count) {
        Random random = new Random(42);
        List<String> queries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (queries.size() < count) {
            JavadocCorpus.Page page = pages.get(random.nextInt(pages.size()));
            String[] words = page.markdown().replaceAll("[^\\p{L}\\p{N} ]+", " ").strip().split("\\s+");
            if (words.length < 20) {
                continue;
            }
            int from = random.nextInt(words.length - 10);
            String query = String.join(" ", List.of(words).subList(from, from + 4 + random.nextInt(5)));
            if (seen.add(query)) {
                queries.add(query);
            }
        }
        return queries;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** File descriptors this JVM holds on the index's files, and how much of them it has mapped (Linux only). */
    private static String openFiles(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            long open = fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith(prefix);
                } catch (IOException | RuntimeException gone) {
                    return false;
                }
            }).count();
            long mapped = 0;
            for (String map : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (map.contains(prefix)) {
                    String[] range = map.substring(0, map.indexOf(' ')).split("-");
                    mapped += Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                }
            }
            return open + " open files, " + mb(mapped) + " mapped";
        } catch (IOException | RuntimeException e) {
            return "files unknown";
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file) && !file.getFileName().toString().equals("write.lock")) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%.1f", value);
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
