package org.wikifarm.search.lucene;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wikifarm.bench.RelevanceCollection;
import org.wikifarm.bench.RelevanceMetrics;
import org.wikifarm.bench.StockBm25;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.Chunk;
import org.wikifarm.search.Chunker;
import org.wikifarm.search.Fusion;
import org.wikifarm.search.MarkdownText;
import org.wikifarm.search.Section;
import org.wikifarm.search.onnx.MiniLmModel;
import org.wikifarm.search.onnx.OnnxEmbedder;

/**
 * The alternatives behind the choices in docs/search.md, measured in one JVM on the same documents and chunks the
 * server would index (no HTTP): analysis and field weights for full text, a page's best-matching section beside its
 * whole text, fusion methods and weights for hybrid; each collection as one document a page, then as long pages of
 * eight ({@link RelevanceCollection#inLongPages}).
 * Not a test: run by hand, {@code mvn -o test -Dtest=RelevanceTuning -Dwikifarm.bench.collections=/work/collections}
 * (vectors are kept in {@code java.io.tmpdir} between runs). Skipped without the property.
 */
class RelevanceTuning {
    private static final int CANDIDATES = 100;
    /** {@code -Dwikifarm.bench.model=fp32} measures the fp32 model instead of int8 (the default). */
    private static final MiniLmModel MODEL = "fp32".equals(System.getProperty("wikifarm.bench.model"))
            ? MiniLmModel.FP32 : MiniLmModel.INT8;

    @Test
    void alternatives() throws Exception {
        String root = System.getProperty("wikifarm.bench.collections");
        Assumptions.assumeTrue(root != null && !root.isBlank(), "wikifarm.bench.collections is not set");
        OnnxEmbedder embedder = loadModel();
        StringBuilder out = new StringBuilder();
        for (RelevanceCollection collection : RelevanceCollection.all(Path.of(root))) {
            out.append(run(collection, embedder));
            // The same documents as long pages of eight (as RelevanceBench's second wiki).
            out.append(run(collection.inLongPages(8, 1), embedder));
            System.out.println(out);
        }
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "relevance-tuning.md"), out);
    }

    private static OnnxEmbedder loadModel() throws InterruptedException {
        AtomicReference<OnnxEmbedder> model = new AtomicReference<>();
        Thread loader = new Thread(null, () -> model.set(OnnxEmbedder.load(MODEL,
                Path.of(System.getProperty("java.io.tmpdir"), "wf-tuning-djl"), 1)), "model", 16L << 20);
        loader.start();
        loader.join();
        return model.get();
    }

    private record Page(String id, PagePath path, String title, String headings, String body, List<Chunk> chunks) {
    }

    static String markdown(RelevanceCollection.Doc doc) {
        return doc.title().isBlank() ? doc.text() : "# " + doc.title() + "\n\n" + doc.text();
    }

    private static Page page(RelevanceCollection.Doc doc) {
        PagePath path = new PagePath("d" + doc.id());
        String md = markdown(doc);
        List<Section> sections = MarkdownText.sections(md);
        Set<String> headings = new LinkedHashSet<>();
        List<String> body = new ArrayList<>();
        for (Section section : sections) {
            if (!section.headings().isEmpty()) {
                headings.add(section.headings().get(section.headings().size() - 1));
            }
            body.addAll(section.paragraphs());
        }
        String declared = MarkdownText.title(md, sections);
        String title = path.value();
        if (!declared.isEmpty()) {
            title += "\n" + declared;
            headings.remove(declared);
        }
        return new Page(doc.id(), path, title, String.join("\n", headings), String.join("\n\n", body),
                Chunker.chunks(path, sections));
    }

    private String run(RelevanceCollection c, OnnxEmbedder embedder) throws Exception {
        long began = System.nanoTime();
        List<Page> pages = c.docs().stream().map(RelevanceTuning::page).toList();
        Map<String, float[]> vectors = vectors(c.name(), embedder, pages.stream().flatMap(p -> p.chunks().stream())
                .map(Chunk::embeddedText).toList(), c.queries().stream().map(RelevanceCollection.Query::text).toList());
        Path dir = Files.createTempDirectory("reltune");
        try (LucenePageIndex index = new LucenePageIndex(dir.resolve("new"))) {
            for (Page p : pages) {
                index.put(new LucenePageIndex.PageDocument(p.path(), p.title(), p.headings(), p.body(),
                        p.chunks().stream().map(ch -> new LucenePageIndex.ChunkDocument(ch.ordinal(), ch.breadcrumb(),
                                ch.text(), vectors.get(ch.embeddedText()))).toList()));
            }
            index.commit(Map.of());
        }
        // Each chunk as a document of its own, its breadcrumb and text in one stemmed field: BM25 of a page's
        // best-matching section, which a page score could take in beside the whole page's.
        try (IndexWriter sections = new IndexWriter(FSDirectory.open(dir.resolve("sections")),
                new IndexWriterConfig(new PerFieldAnalyzerWrapper(WikiAnalyzer.stemmed())))) {
            for (Page p : pages) {
                for (Chunk chunk : p.chunks()) {
                    Document d = new Document();
                    d.add(new BinaryDocValuesField(LucenePageIndex.PATH, new BytesRef(p.path().value())));
                    d.add(new TextField("all", chunk.breadcrumb() + "\n" + chunk.text(), Field.Store.NO));
                    sections.addDocument(d);
                }
            }
        }
        // The same pages in other orders: equal scores are ordered by document number, so this shows how much of a
        // difference comes from ties alone (the server gets pages in the order 4 client threads send them).
        List<IndexSearcher> shuffled = new ArrayList<>();
        List<DirectoryReader> shuffledReaders = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            List<Page> order = new ArrayList<>(pages);
            java.util.Collections.shuffle(order, new java.util.Random(seed));
            try (LucenePageIndex index = new LucenePageIndex(dir.resolve("shuffled" + seed))) {
                for (Page p : order) {
                    index.put(new LucenePageIndex.PageDocument(p.path(), p.title(), p.headings(), p.body(), List.of()));
                }
                index.commit(Map.of());
            }
            DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir.resolve("shuffled" + seed)));
            shuffledReaders.add(reader);
            shuffled.add(new IndexSearcher(reader));
        }
        Analyzer plain = new PerFieldAnalyzerWrapper(WikiAnalyzer.exact());
        try (IndexWriter old = new IndexWriter(FSDirectory.open(dir.resolve("old")), new IndexWriterConfig(plain))) {
            for (Page p : pages) {
                Document d = new Document();
                d.add(new StringField(LucenePageIndex.KIND, LucenePageIndex.PAGE, Field.Store.NO));
                d.add(new StringField(LucenePageIndex.PATH, p.path().value(), Field.Store.YES));
                d.add(new BinaryDocValuesField(LucenePageIndex.PATH, new BytesRef(p.path().value())));
                // the old layout: the path's words as title, every heading (the title one too) as headings
                d.add(new TextField(LucenePageIndex.TITLE, p.path().value(), Field.Store.NO));
                d.add(new TextField(LucenePageIndex.HEADINGS, (p.title().contains("\n")
                        ? p.title().substring(p.title().indexOf('\n') + 1) + "\n" : "") + p.headings(), Field.Store.NO));
                d.add(new TextField(LucenePageIndex.BODY, p.body(), Field.Store.NO));
                old.addDocument(d);
            }
        }
        Analyzer stemmed = new PerFieldAnalyzerWrapper(WikiAnalyzer.stemmed(), Map.of(LucenePageIndex.EXACT,
                WikiAnalyzer.exact()));
        Map<String, RelevanceMetrics> results = new LinkedHashMap<>();
        Map<String, Integer> chunkCounts = new HashMap<>();
        pages.forEach(p -> chunkCounts.put(p.path().value(), p.chunks().size()));
        try (StockBm25 english = new StockBm25(new EnglishAnalyzer(), c.docs());
             StockBm25 standard = new StockBm25(new StandardAnalyzer(), c.docs());
             DirectoryReader newReader = DirectoryReader.open(FSDirectory.open(dir.resolve("new")));
             DirectoryReader oldReader = DirectoryReader.open(FSDirectory.open(dir.resolve("old")));
             DirectoryReader sectionReader = DirectoryReader.open(FSDirectory.open(dir.resolve("sections")))) {
            IndexSearcher now = new IndexSearcher(newReader);
            IndexSearcher bySection = new IndexSearcher(sectionReader);
            TextSearch sectionSearch = variant(stemmed, "all", 1f);
            IndexSearcher before = new IndexSearcher(oldReader);
            Map<String, TextSearch> textVariants = new LinkedHashMap<>();
            textVariants.put("text: chosen (all 1, title 0.25, headings 0.25, exact 0.1)", new TextSearch(stemmed));
            textVariants.put("text: all 1", variant(stemmed, "all", 1f));
            textVariants.put("text: all 1, exact 0.25", variant(stemmed, "all", 1f, "exact", 0.25f));
            textVariants.put("text: all 1, exact 1", variant(stemmed, "all", 1f, "exact", 1f));
            textVariants.put("text: all 1, title 0.5, headings 0.5, exact 0.1",
                    variant(stemmed, "all", 1f, "title", 0.5f, "headings", 0.5f, "exact", 0.1f));
            textVariants.put("text: all 1, title 1, exact 0.5", variant(stemmed, "all", 1f, "title", 1f, "exact", 0.5f));
            textVariants.put("text: stems, separate fields (title 3, headings 2, body 1)",
                    variant(stemmed, "title", 3f, "headings", 2f, "body", 1f));
            textVariants.put("text: stems, separate fields (title 1, headings 1, body 1, exact 1)",
                    variant(stemmed, "title", 1f, "headings", 1f, "body", 1f, "exact", 1f));
            List<Fusion> fusions = new ArrayList<>();
            fusions.add(new Fusion(Fusion.Method.RRF, 0.5));
            for (double w : new double[] {0.2, 0.3, 0.35, 0.4, 0.5, 0.6}) {
                fusions.add(new Fusion(Fusion.Method.MIN_MAX, w));
            }
            for (double w : new double[] {0.2, 0.3, 0.35, 0.4, 0.5}) {
                fusions.add(new Fusion(Fusion.Method.Z_SCORE, w));
            }
            for (RelevanceCollection.Query q : c.queries()) {
                Map<String, Integer> rel = c.qrels().get(q.id());
                add(results, "stock BM25 EnglishAnalyzer", english.search(q.text(), CANDIDATES), rel);
                add(results, "stock BM25 StandardAnalyzer", standard.search(q.text(), CANDIDATES), rel);
                add(results, "text: before (no stems, title = path)", ids(variant(plain, "title", 3f, "headings", 2f,
                        "body", 1f).search(before, q.text(), CANDIDATES)), rel);
                for (int i = 0; i < shuffled.size(); i++) {
                    add(results, "text: chosen, pages added in random order " + (i + 1), ids(new TextSearch(stemmed)
                            .search(shuffled.get(i), q.text(), CANDIDATES)), rel);
                }
                List<Fusion.Scored> chosenText = null;
                Map<Double, List<Fusion.Scored>> candidateMixes = new LinkedHashMap<>();
                for (Map.Entry<String, TextSearch> v : textVariants.entrySet()) {
                    List<TextSearch.Hit> hits = v.getValue().search(now, q.text(), CANDIDATES);
                    add(results, v.getKey(), ids(hits), rel);
                    if (chosenText == null) {
                        chosenText = hits.stream().map(h -> new Fusion.Scored(h.path(), h.score())).toList();
                    }
                }
                // Best section per page (the first hit of each path), min-max normalised like the page scores, and
                // added to them with weight w.
                List<Fusion.Scored> best = new ArrayList<>();
                Set<String> seen = new java.util.HashSet<>();
                for (TextSearch.Hit hit : sectionSearch.search(bySection, q.text(), 5 * CANDIDATES)) {
                    if (seen.add(hit.path())) {
                        best.add(new Fusion.Scored(hit.path(), hit.score()));
                    }
                }
                add(results, "text: best section alone", best.stream().limit(CANDIDATES)
                        .map(x -> x.path().substring(1)).toList(), rel);
                // The same, with sections looked at only on the page list's own candidates (what a server can score
                // cheaply: the chunks of the 100 pages BM25 found, not a second search over every chunk).
                Set<String> candidates = new java.util.HashSet<>();
                chosenText.forEach(x -> candidates.add(x.path()));
                List<Fusion.Scored> bestOfCandidates = new ArrayList<>();
                Set<String> seenCandidates = new java.util.HashSet<>();
                for (TextSearch.Hit hit : sectionSearch.search(bySection, q.text(),
                        Math.max(1, sectionReader.maxDoc()))) {
                    if (candidates.contains(hit.path()) && seenCandidates.add(hit.path())) {
                        bestOfCandidates.add(new Fusion.Scored(hit.path(), hit.score()));
                    }
                }
                for (double w : new double[] {0.25, 0.4, 0.5, 0.6, 0.75}) {
                    List<Fusion.Scored> mixed = severalSections(chosenText, bestOfCandidates, chunkCounts, w);
                    add(results, "text: page and best section of the 100 pages with several, section " + w,
                            mixed.stream().limit(CANDIDATES).map(x -> x.path().substring(1)).toList(), rel);
                    candidateMixes.put(w, mixed);
                }
                Map<Double, List<Fusion.Scored>> withSections = new LinkedHashMap<>();
                for (double w : new double[] {0.25, 0.5}) {
                    add(results, "text: page and best section of pages with several, section " + w,
                            severalSections(chosenText, best, chunkCounts, w).stream().limit(CANDIDATES)
                                    .map(x -> x.path().substring(1)).toList(), rel);
                }
                for (double w : new double[] {0.25, 0.5}) {
                    List<Fusion.Scored> mixed = new Fusion(Fusion.Method.MIN_MAX, 1 - w).fuse(chosenText, best,
                            CANDIDATES).stream().map(f -> new Fusion.Scored(f.path(), f.score())).toList();
                    withSections.put(w, mixed);
                    add(results, "text: page and best section, section " + w, mixed.stream()
                            .map(x -> x.path().substring(1)).toList(), rel);
                }
                List<Fusion.Scored> semantic = semantic(now, vectors.get(q.text()));
                for (int n : new int[] {20, 30, 50}) {
                    List<Fusion.Scored> mixed = sectionsOfBest(chosenText, bestOfCandidates, chunkCounts, 0.5, n);
                    add(results, "text: page and best section, BM25's best " + n + " reordered, section 0.5",
                            mixed.stream().map(x -> x.path().substring(1)).toList(), rel);
                    add(results, "hybrid: MIN_MAX w_text=0.4 over BM25's best " + n + " reordered, section 0.5",
                            Fusion.DEFAULT.fuse(mixed, semantic, CANDIDATES).stream()
                                    .map(x -> x.path().substring(1)).toList(), rel);
                }
                add(results, "semantic (best chunk, cosine ≥ 0.2)", semantic.stream().limit(CANDIDATES)
                        .map(s -> s.path().substring(1)).toList(), rel);
                for (Map.Entry<Double, List<Fusion.Scored>> text : candidateMixes.entrySet()) {
                    add(results, "hybrid: MIN_MAX w_text=0.4 over page and best section of the 100 pages with several "
                            + text.getKey(), Fusion.DEFAULT.fuse(text.getValue(), semantic, CANDIDATES).stream()
                                    .map(x -> x.path().substring(1)).toList(), rel);
                }
                for (Map.Entry<Double, List<Fusion.Scored>> text : withSections.entrySet()) {
                    add(results, "hybrid: MIN_MAX w_text=0.4 over page and best section " + text.getKey(),
                            Fusion.DEFAULT.fuse(text.getValue(), semantic, CANDIDATES).stream()
                                    .map(x -> x.path().substring(1)).toList(), rel);
                }
                for (Fusion f : fusions) {
                    String name = "hybrid: " + f.method()
                            + (f.method() == Fusion.Method.RRF ? "" : " w_text=" + f.textWeight());
                    add(results, name, f.fuse(chosenText, semantic, CANDIDATES).stream()
                            .map(x -> x.path().substring(1)).toList(), rel);
                }
            }
        }
        for (DirectoryReader reader : shuffledReaders) {
            reader.close();
        }
        StringBuilder table = new StringBuilder("\n### " + c.name() + ", " + MODEL.id() + " (" + c.docs().size()
                + " documents, " + c.queries().size() + " queries, "
                + String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - began) / 1e9) + ")\n\n");
        table.append("| variant | nDCG@10 | recall@100 | MRR |\n|---|---|---|---|\n");
        double stock = results.get("stock BM25 EnglishAnalyzer").ndcg10();
        results.forEach((k, m) -> table.append(String.format(Locale.ROOT, "| %s | %.4f (%+.1f %%) | %.4f | %.4f |%n", k,
                m.ndcg10(), 100 * (m.ndcg10() / stock - 1), m.recall100(), m.mrr())));
        return table.toString();
    }

    /**
     * Page and best-section scores, each min-max normalised, added with the section at {@code w} — for a page of one
     * chunk its own page score stands in for the section's, so such pages rank as by the page alone.
     */
    private static List<Fusion.Scored> severalSections(List<Fusion.Scored> pages, List<Fusion.Scored> sections,
                                                       Map<String, Integer> chunkCounts, double w) {
        Fusion minMax = new Fusion(Fusion.Method.MIN_MAX, 1 - w);
        Map<String, Double> page = minMax.normalised(pages);
        Map<String, Double> section = minMax.normalised(sections);
        Set<String> all = new LinkedHashSet<>();
        pages.forEach(x -> all.add(x.path()));
        sections.forEach(x -> all.add(x.path()));
        List<Fusion.Scored> mixed = new ArrayList<>();
        for (String path : all) {
            double p = page.getOrDefault(path, 0.0);
            double s = chunkCounts.getOrDefault(path, 1) > 1 ? section.getOrDefault(path, 0.0) : p;
            mixed.add(new Fusion.Scored(path, (1 - w) * p + w * s));
        }
        mixed.sort(Comparator.comparingDouble(Fusion.Scored::score).reversed());
        return mixed;
    }

    /**
     * Only BM25's best {@code n} pages reordered by page and best section (as {@link #severalSections}, normalised
     * over those {@code n}); the other candidates follow in BM25 order, scored on by the same formula with no section
     * (below 0), so the list stays one ranking.
     */
    private static List<Fusion.Scored> sectionsOfBest(List<Fusion.Scored> pages, List<Fusion.Scored> sections,
                                                      Map<String, Integer> chunkCounts, double w, int n) {
        List<Fusion.Scored> best = pages.subList(0, Math.min(n, pages.size()));
        Set<String> bestPaths = new java.util.HashSet<>();
        best.forEach(x -> bestPaths.add(x.path()));
        List<Fusion.Scored> mixed = new ArrayList<>(severalSections(best,
                sections.stream().filter(x -> bestPaths.contains(x.path())).toList(), chunkCounts, w));
        double max = best.stream().mapToDouble(Fusion.Scored::score).max().orElse(0);
        double min = best.stream().mapToDouble(Fusion.Scored::score).min().orElse(0);
        for (Fusion.Scored rest : pages.subList(best.size(), pages.size())) {
            mixed.add(new Fusion.Scored(rest.path(), (1 - w) * (max > min ? (rest.score() - min) / (max - min) : 0)));
        }
        return mixed;
    }

    private static List<Fusion.Scored> semantic(IndexSearcher searcher, float[] vector) throws IOException {
        List<Fusion.Scored> semantic = new ArrayList<>();
        for (List<LucenePageIndex.ChunkHit> chunks : VectorSearch.nearestPages(searcher, vector, 500, 2)) {
            double cosine = 2.0 * chunks.get(0).score() - 1;
            if (cosine >= 0.2) {
                semantic.add(new Fusion.Scored(chunks.get(0).path(), cosine));
            }
        }
        return semantic;
    }

    private static TextSearch variant(Analyzer analyzer, Object... fieldsAndWeights) {
        Map<String, Float> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndWeights.length; i += 2) {
            fields.put((String) fieldsAndWeights[i], (Float) fieldsAndWeights[i + 1]);
        }
        return new TextSearch(analyzer, fields);
    }

    private static List<String> ids(List<TextSearch.Hit> hits) {
        return hits.stream().map(h -> h.path().substring(1)).toList();
    }

    private static void add(Map<String, RelevanceMetrics> results, String name, List<String> ranking,
                            Map<String, Integer> rel) {
        results.computeIfAbsent(name, n -> new RelevanceMetrics()).add(ranking, rel);
    }

    /** Vectors of every text, from a file kept between runs, the rest embedded (16 a call, shortest first). */
    private static Map<String, float[]> vectors(String name, OnnxEmbedder embedder, List<String> chunks,
                                                List<String> queries) throws IOException {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "relevance-vectors-" + name + "-" + MODEL.name() + ".bin");
        Map<String, float[]> known = new HashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String text = in.readUTF();
                    float[] v = new float[in.readInt()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = in.readFloat();
                    }
                    known.put(text, v);
                }
            }
        }
        // Queries one at a time, as the server embeds them (the int8 model's vectors move a little with batch mates).
        for (String query : queries) {
            known.computeIfAbsent(query, q -> embedder.embed(List.of(q)).get(0));
        }
        List<String> missing = new ArrayList<>(new LinkedHashSet<>(chunks));
        missing.removeIf(known::containsKey);
        missing.sort(Comparator.comparingInt(String::length));
        for (int from = 0; from < missing.size(); from += 16) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + 16));
            List<float[]> computed = embedder.embed(batch);
            for (int i = 0; i < batch.size(); i++) {
                known.put(batch.get(i), computed.get(i));
            }
            if (from % 320 == 0) {
                System.out.println(name + ": embedded " + (from + batch.size()) + " of " + missing.size());
            }
        }
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(known.size());
            for (Map.Entry<String, float[]> e : known.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        return known;
    }
}
