package org.wikifarm.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.page.PagePath;

/**
 * One wiki's search index in {@code data/wikis/<id>/index/}: a page document per page (title, headings, body — BM25
 * and highlighted snippets) and a chunk document per chunk right after it (its text, for BM25 and to be shown, and a
 * {@link KnnFloatVectorField}, dot product on unit vectors). All documents of a page carry its path, so one update or
 * delete replaces them together. Commit data records which model built the vectors and the last commit indexed.
 * Thread-safe; lives as long as its open wiki.
 */
public final class LucenePageIndex implements AutoCloseable {
    /** Bump when the document layout changes: an index of another layout is rebuilt. */
    public static final String LAYOUT = "8";
    public static final String META_LAYOUT = "layout";
    public static final String META_MODEL = "model";
    public static final String META_COMMIT = "commit";

    static final String KIND = "kind";
    static final String PATH = "path";
    static final String TITLE = "title";
    static final String HEADINGS = "headings";
    static final String BODY = "body";
    /**
     * Title, headings and body in one field, stemmed: the main full-text signal (one BM25 over the whole page ranks
     * better than a sum over separate fields, docs/search.md).
     */
    static final String ALL = "all";
    /** Title, headings and body again, words as written (not stemmed): the form typed ranks above its relatives. */
    static final String EXACT = "exact";
    static final String VECTOR = "vector";
    /**
     * A chunk's breadcrumb and text, stemmed: the BM25 of a page's best-matching section, which full text mixes with
     * the whole page's ({@link View#bestSections}).
     */
    static final String SECTION = "section";
    /**
     * On a page document: how many chunk documents follow it. A page's documents are written as one block
     * ({@link IndexWriter#updateDocuments}), so its chunks are the documents right after it, in every segment.
     */
    static final String CHUNKS = "chunks";
    static final String PAGE = "page";
    /**
     * Every field BM25 scores is on every document, empty where it does not belong, so that each has a length (norm)
     * for every document. A field missing from some documents keeps its norms sparse, and reading a page's length then
     * ranks its number among those with the field first, for every page scored: ~7 % of BM25's time on the
     * 20,000-chunk wiki (docs/search.md, "Full text's last steps"). An empty field adds no word, so BM25's statistics,
     * the scores and the hits are the same. {@code NormsTest} checks every document has each norm.
     */
    static final List<String> SCORED_FIELDS = List.of(ALL, TITLE, HEADINGS, EXACT, SECTION);
    /** The scored fields of a page document, which a chunk document has empty. */
    private static final List<String> PAGE_SCORED_FIELDS = List.of(ALL, TITLE, HEADINGS, EXACT);
    /**
     * With offsets in the postings, so the highlighter finds passages without analysing the text again; the text
     * itself is kept in binary doc values, not stored: the snippets read it uncompressed ({@link TextSearch}).
     */
    private static final FieldType BODY_TYPE = bodyType();
    static final String CHUNK = "chunk";

    private static final Logger LOG = LoggerFactory.getLogger(LucenePageIndex.class);
    /** English stems in every text field but {@link #EXACT}, which keeps the words as written. */
    private final Analyzer analyzer = new PerFieldAnalyzerWrapper(WikiAnalyzer.stemmed(),
            Map.of(EXACT, WikiAnalyzer.exact()));
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final TextSearch text;

    /** What the indexer stores for one page; {@code chunks} with null vectors are stored without one. */
    public record PageDocument(PagePath path, String title, String headings, String body, List<ChunkDocument> chunks) {
    }

    public record ChunkDocument(int ordinal, String breadcrumb, String text, float[] vector) {
    }

    /**
     * A chunk found by vector search; {@code score} is Lucene's (1 + dot) / 2. {@code doc} is only valid inside the
     * {@link #read} that found it; breadcrumb and text are null until {@link View#withText} reads them.
     */
    public record ChunkHit(String path, int ordinal, String breadcrumb, String text, float score, int doc) {
    }

    /** Several queries on one point-in-time view of the index, so hits found first can be read in full later. */
    public interface ViewCall<T> {
        T read(View view) throws IOException;
    }

    /** One search's view: find cheaply, then read texts and make snippets only for what is shown. */
    public final class View {
        private final IndexSearcher searcher;
        /** The pages the last text search found, by path: their snippets need no search for their documents. */
        private volatile Map<String, Integer> found = Map.of();

        private View(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        public List<TextSearch.Hit> searchText(String query, int limit) throws IOException {
            List<TextSearch.Hit> hits = text.search(searcher, query, limit);
            Map<String, Integer> docs = new HashMap<>(hits.size() * 2);
            for (TextSearch.Hit hit : hits) {
                docs.put(hit.path(), hit.doc());
            }
            found = java.util.Collections.unmodifiableMap(docs); // never changed after: the volatile write publishes it
            return hits;
        }

        /**
         * The best-matching section of each of these pages, by path ({@link TextSearch#bestSections}); pages whose
         * chunks are gone (the model changed) are left out.
         */
        public Map<String, TextSearch.BestSection> bestSections(String query, List<TextSearch.Hit> pages)
                throws IOException {
            return text.bestSections(searcher, query, pages);
        }

        public List<List<ChunkHit>> nearestPages(float[] vector, int k, int perPage) throws IOException {
            return VectorSearch.nearestPages(searcher, vector, k, perPage);
        }

        /** The hit with its ordinal, breadcrumb and text (its path it has already, from doc values). */
        public ChunkHit withText(ChunkHit hit) throws IOException {
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc(), leaves));
            ChunkValues.Fields chunk = ChunkValues.read(leaf.reader(), hit.doc() - leaf.docBase);
            return new ChunkHit(hit.path(), chunk.ordinal(), chunk.breadcrumb(), chunk.text(), hit.score(),
                    hit.doc());
        }

        /**
         * Snippets of these pages, by path: the pages the last text search found by their documents, the others (a
         * hybrid search's pages found by meaning alone) looked up by path first.
         */
        public Map<String, String> snippets(String query, java.util.Collection<String> paths) throws IOException {
            if (paths.isEmpty()) {
                return Map.of();
            }
            Map<String, Integer> known = found;
            Map<String, Integer> docs = new java.util.LinkedHashMap<>();
            List<String> unknown = new ArrayList<>();
            for (String path : paths) {
                Integer doc = known.get(path);
                if (doc != null) {
                    docs.put(path, doc);
                } else {
                    unknown.add(path);
                }
            }
            if (!unknown.isEmpty()) {
                TopDocs top = searcher.search(pagesQuery(unknown), unknown.size());
                List<String> foundPaths = paths(searcher, top.scoreDocs);
                for (int i = 0; i < top.scoreDocs.length; i++) {
                    docs.put(foundPaths.get(i), top.scoreDocs[i].doc);
                }
            }
            return text.snippets(searcher, query, docs);
        }
    }

    public <T> T read(ViewCall<T> call) {
        return withSearcher(searcher -> call.read(new View(searcher)));
    }

    /**
     * Opens the index in {@code dir}, or makes an empty one. An index this build cannot read — damaged, or written by
     * another version (a codec or format it does not know) — is emptied and made again: it holds nothing that the
     * wiki's pages and embedding cache cannot give back, and the wiki's first use rebuilds it ({@code SearchIndexes}).
     * An index another process holds open is not touched: that is an error.
     */
    public LucenePageIndex(Path dir) {
        try {
            directory = FSDirectory.open(dir);
            writer = openWriter(directory, dir);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + dir, e);
        }
        text = new TextSearch(analyzer);
    }

    private IndexWriter openWriter(Directory directory, Path dir) throws IOException {
        try {
            return new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                 | IllegalArgumentException unreadable) {
            // IllegalArgumentException: Lucene names a codec or format this build does not have.
            LOG.warn("The search index in {} cannot be read ({}): making it again", dir, unreadable.toString());
            for (String file : directory.listAll()) {
                directory.deleteFile(file);
            }
            return new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
        }
    }

    private IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(analyzer).setOpenMode(mode).setMergePolicy(mergePolicy())
                .setCodec(new WikiCodec()).setCommitOnClose(true);
    }

    /**
     * Fewer, larger segments than Lucene's defaults (10 per tier, 2 MB floor): every segment has its own vector
     * graph, so a vector search walks one per segment. With these a 20,000-chunk wiki stays at about 4 segments
     * instead of 9–12, for the same indexing time (embedding dominates it by far).
     */
    private static TieredMergePolicy mergePolicy() {
        return new TieredMergePolicy().setSegmentsPerTier(4).setFloorSegmentMB(16);
    }

    private static FieldType bodyType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /** Replaces every document of the page. */
    public void put(PageDocument page) {
        List<Document> documents = new ArrayList<>();
        Document doc = new Document();
        doc.add(new StringField(KIND, PAGE, Field.Store.NO));
        doc.add(new StringField(PATH, page.path().value(), Field.Store.YES));
        doc.add(new BinaryDocValuesField(PATH, new BytesRef(page.path().value())));
        doc.add(new TextField(TITLE, page.title(), Field.Store.NO));
        doc.add(new TextField(HEADINGS, page.headings(), Field.Store.NO));
        doc.add(new Field(BODY, page.body(), BODY_TYPE));
        doc.add(new BinaryDocValuesField(BODY, new BytesRef(page.body())));
        String all = page.title() + "\n" + page.headings() + "\n" + page.body();
        doc.add(new TextField(ALL, all, Field.Store.NO));
        doc.add(new TextField(EXACT, all, Field.Store.NO));
        doc.add(new NumericDocValuesField(CHUNKS, page.chunks().size()));
        doc.add(new TextField(SECTION, "", Field.Store.NO));
        documents.add(doc);
        for (ChunkDocument chunk : page.chunks()) {
            Document chunkDoc = new Document();
            chunkDoc.add(new StringField(KIND, CHUNK, Field.Store.NO));
            chunkDoc.add(new StringField(PATH, page.path().value(), Field.Store.YES));
            chunkDoc.add(new BinaryDocValuesField(PATH, new BytesRef(page.path().value())));
            chunkDoc.add(new BinaryDocValuesField(ChunkValues.FIELD,
                    ChunkValues.encode(chunk.ordinal(), chunk.breadcrumb(), chunk.text())));
            chunkDoc.add(new TextField(SECTION, chunk.breadcrumb() + "\n" + chunk.text(), Field.Store.NO));
            for (String pageField : PAGE_SCORED_FIELDS) {
                chunkDoc.add(new TextField(pageField, "", Field.Store.NO));
            }
            if (chunk.vector() != null) {
                chunkDoc.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.DOT_PRODUCT));
            }
            documents.add(chunkDoc);
        }
        io(() -> writer.updateDocuments(new Term(PATH, page.path().value()), documents));
    }

    public void delete(PagePath path) {
        io(() -> writer.deleteDocuments(new Term(PATH, path.value())));
    }

    /** Removes every page not in {@code keep} (after a full reindex: pages deleted while it ran). */
    public int deleteAllBut(Set<String> keep) {
        Set<String> gone = new HashSet<>(paths());
        gone.removeAll(keep);
        for (String path : gone) {
            io(() -> writer.deleteDocuments(new Term(PATH, path)));
        }
        return gone.size();
    }

    /** Drops every vector (the model changed) but keeps the pages, so full-text search goes on meanwhile. */
    public void deleteChunks() {
        io(() -> writer.deleteDocuments(kindIs(CHUNK)));
    }

    public void deleteAll() {
        io(writer::deleteAll);
    }

    /** Makes the changes durable with {@code meta} merged into the commit data, and visible to searches. */
    public void commit(Map<String, String> meta) {
        Map<String, String> data = new HashMap<>(meta());
        data.putAll(meta);
        data.put(META_LAYOUT, LAYOUT);
        io(() -> {
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            return null;
        });
    }

    /**
     * Merges the index into one segment, dropping its deleted documents, if it has more than one segment or any
     * deleted document and its segments take at most {@code maxBytes}. Each segment has its own vector graph and
     * term dictionaries, which every search walks in turn: on the 20,000-chunk benchmark wiki a vector search over 5
     * segments took ~0.8 ms and over one ~0.35 ms (docs/search.md, "Compaction"). The commit data stays as it was;
     * searches go on meanwhile on the segments they opened.
     *
     * @return whether it merged
     */
    public boolean compact(long maxBytes) {
        Shape shape = withSearcher(searcher -> {
            long bytes = 0;
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                bytes += ((SegmentReader) FilterLeafReader.unwrap(leaf.reader())).getSegmentInfo().sizeInBytes();
            }
            return new Shape(searcher.getIndexReader().leaves().size(), searcher.getIndexReader().numDeletedDocs(),
                    bytes);
        });
        if ((shape.segments() <= 1 && shape.deleted() == 0) || shape.bytes() > maxBytes) {
            return false;
        }
        io(() -> {
            writer.forceMerge(1);
            writer.commit();
            searchers.maybeRefreshBlocking();
            return null;
        });
        return true;
    }

    private record Shape(int segments, int deleted, long bytes) {
    }

    /** How many segments the index has now (each with its own vector graph). */
    public int segmentCount() {
        return withSearcher(searcher -> searcher.getIndexReader().leaves().size());
    }

    /** The commit data of the last commit (or set since): layout, model, last commit indexed. */
    public Map<String, String> meta() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(entry -> data.put(entry.getKey(), entry.getValue()));
        }
        return data;
    }

    private static Query pagesQuery(java.util.Collection<String> paths) {
        return new BooleanQuery.Builder()
                .add(new org.apache.lucene.search.TermInSetQuery(PATH, paths.stream()
                        .map(BytesRef::new).toList()), BooleanClause.Occur.MUST)
                .add(kindIs(PAGE), BooleanClause.Occur.FILTER)
                .build();
    }

    /**
     * The paths of these hits, from binary doc values: a path is read where it lies, uncompressed (sorted doc values,
     * up to layout 5, decompressed a block of their term dictionary for each lookup: 54 against 12 µs for 200 hits,
     * docs/search.md). The hits are visited in document order, so one doc-values reader per segment serves them all;
     * the order is sorted as {@code long}s, document number high and hit index low (a sort of boxed indexes with a
     * comparator was ~5 % of a hybrid search's Java time).
     */
    static List<String> paths(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        long[] order = new long[hits.length];
        for (int i = 0; i < hits.length; i++) {
            order[i] = ((long) hits[i].doc << 32) | i;
        }
        java.util.Arrays.sort(order);
        String[] paths = new String[hits.length];
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        for (long packed : order) {
            int i = (int) packed;
            int doc = hits[i].doc;
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                values = DocValues.getBinary(leaf.reader(), PATH);
            }
            if (values.docID() < doc - leaf.docBase && values.advanceExact(doc - leaf.docBase)) {
                paths[i] = values.binaryValue().utf8ToString();
            } else {
                paths[i] = searcher.storedFields().document(doc, Set.of(PATH)).get(PATH);
            }
        }
        return java.util.Arrays.asList(paths);
    }

    public int pageCount() {
        return withSearcher(searcher -> searcher.count(kindIs(PAGE)));
    }

    /**
     * Documents replaced or deleted but still in their segments until a merge drops them (BM25 still counts them in
     * its statistics meanwhile).
     */
    public int deletedDocuments() {
        return withSearcher(searcher -> searcher.getIndexReader().numDeletedDocs());
    }

    public int chunkCount() {
        return withSearcher(searcher -> searcher.count(kindIs(CHUNK)));
    }

    /**
     * Visits every indexed chunk, without its vector (to know which cached vectors are still used), one at a time:
     * a wiki of 100,000 chunks is never held in memory at once.
     */
    public void forEachChunk(java.util.function.Consumer<ChunkDocument> visitor) {
        withSearcher(searcher -> {
            searcher.search(kindIs(CHUNK), new SimpleCollector() {
                private BinaryDocValues chunks;

                @Override
                protected void doSetNextReader(LeafReaderContext leaf) throws IOException {
                    chunks = DocValues.getBinary(leaf.reader(), ChunkValues.FIELD);
                }

                @Override
                public void collect(int doc) throws IOException {
                    if (chunks.advanceExact(doc)) {
                        ChunkValues.Fields chunk = ChunkValues.decode(chunks.binaryValue());
                        visitor.accept(new ChunkDocument(chunk.ordinal(), chunk.breadcrumb(), chunk.text(), null));
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            return null;
        });
    }

    /** The paths of every indexed page. */
    public Set<String> paths() {
        return withSearcher(searcher -> {
            Set<String> paths = new HashSet<>();
            StoredFields stored = searcher.storedFields();
            TopDocs all = searcher.search(kindIs(PAGE), Math.max(1, searcher.getIndexReader().maxDoc()));
            for (ScoreDoc doc : all.scoreDocs) {
                paths.add(stored.document(doc.doc, Set.of(PATH)).get(PATH));
            }
            return paths;
        });
    }

    static Query kindIs(String kind) {
        return new TermQuery(new Term(KIND, kind));
    }

    private interface SearcherCall<T> {
        T call(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherCall<T> call) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return call.call(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The search index cannot be read", e);
        }
    }

    private interface IoCall {
        Object call() throws IOException;
    }

    private static void io(IoCall call) {
        try {
            call.call();
        } catch (IOException e) {
            throw new UncheckedIOException("The search index cannot be written", e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                directory.close();
            } catch (IOException ignored) {
                // The writer has committed or rolled back; the directory only holds file handles.
            }
        }
    }
}
