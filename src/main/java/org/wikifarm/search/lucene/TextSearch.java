package org.wikifarm.search.lucene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Full-text queries as people type them: words (any matches, BM25 ranks), {@code "exact phrases"}, {@code prefix*},
 * {@code +must} and {@code -not}. Lucene's {@link SimpleQueryParser} never throws on odd input, so quotes, colons,
 * brackets and backslashes are searched for, not reported as errors. The whole page's stems count 1×, the title's
 * and headings' ¼× more, the words as written (unstemmed) 0.1× more.
 */
public final class TextSearch {
    /**
     * The fields and their weights: the whole page's stems ({@link LucenePageIndex#ALL}, one BM25 over title,
     * headings and body), a little more for the title's and headings', and a little for the words as written
     * ({@link LucenePageIndex#EXACT}), which lifts a page with the very form typed above one with only its relatives.
     * docs/search.md ("Why these settings") says how they were chosen.
     */
    static final Map<String, Float> FIELDS = Map.of(LucenePageIndex.ALL, 1f, LucenePageIndex.TITLE, 0.25f,
            LucenePageIndex.HEADINGS, 0.25f, LucenePageIndex.EXACT, 0.1f);
    private static final Map<String, Float> BODY_ONLY = Map.of(LucenePageIndex.BODY, 1f);
    private static final Map<String, Float> SECTION_ONLY = Map.of(LucenePageIndex.SECTION, 1f);
    private static final int SNIPPET_CHARS = 200;
    /**
     * Lucene's classic English stop words and a few question words: without them a question typed as a sentence
     * ranks pages by "the" and "how", which also drags down hybrid results.
     */
    static final CharArraySet STOP_WORDS = CharArraySet.unmodifiableSet(new CharArraySet(List.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not",
            "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
            "will", "with", "how", "what", "why", "do", "does", "i", "my", "me", "you", "your", "we", "our"), true));

    private final Analyzer analyzer;
    private final Map<String, Float> fields;

    /**
     * A page that matched: its path, BM25 score and a snippet of its body as HTML with {@code <mark>}s (null until
     * highlighted). {@code doc} is only valid inside the {@link LucenePageIndex#read} that found it.
     */
    public record Hit(String path, float score, String snippet, int doc) {
    }

    TextSearch(Analyzer analyzer) {
        this(analyzer, FIELDS);
    }

    /** With other field weights (to measure alternatives). */
    TextSearch(Analyzer analyzer, Map<String, Float> fields) {
        this.analyzer = analyzer;
        this.fields = Map.copyOf(fields);
    }

    Analyzer analyzer() {
        return analyzer;
    }

    /** The query syntax for searches as people type them; a long question as its plain words ({@link Questions}). */
    Query parse(String text) {
        return parse(text, fields);
    }

    /** The query over the body alone, for the highlighter (a long question as its plain words, as {@link #parse}). */
    Query parseBody(String text) {
        return parse(text, BODY_ONLY);
    }

    private Query parse(String text, Map<String, Float> over) {
        String typed = text == null ? "" : text;
        if (Questions.isLong(typed)) {
            return Questions.query(analyzer, over, typed);
        }
        Query query = new SimpleQueryParser(analyzer, over).parse(typed);
        return query == null ? new MatchNoDocsQuery() : query;
    }

    /**
     * BM25 hits without snippets: fusion decides which few are shown, and only those are highlighted. No filter by
     * kind: only page documents have words in the fields searched ({@link #FIELDS}; a chunk document has them empty),
     * so the query alone finds pages only, and a pure disjunction lets Lucene skip blocks that cannot reach the top
     * (MaxScore), which a filter beside it prevented. Hits are counted only up to {@code limit} (nobody reads the
     * total), so skipping starts at once instead of after the first 1,000 matches: the same top hits, 0.6 → 0.35 ms
     * on the 20,000-chunk wiki (docs/search.md, "Where the time goes").
     */
    List<Hit> search(IndexSearcher searcher, String text, int limit) throws IOException {
        TopDocs top = searcher.search(parse(text), new TopScoreDocCollectorManager(limit, null, limit));
        List<String> paths = LucenePageIndex.paths(searcher, top.scoreDocs);
        List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
        for (int i = 0; i < top.scoreDocs.length; i++) {
            hits.add(new Hit(paths.get(i), top.scoreDocs[i].score, null, top.scoreDocs[i].doc));
        }
        return hits;
    }

    /**
     * A page's best-matching section: its BM25 (0 when no section matches) and how many sections (chunks) the page
     * has.
     */
    public record BestSection(float score, int sections) {
    }

    /**
     * The best-matching section (chunk) of each page of {@code pages}, by path; a page whose chunks were dropped (the
     * model changed) is left out. The query is the same as the page's, over the sections' own field. Only these
     * pages' chunks are scored, each page's chunks being the documents right after it
     * ({@link LucenePageIndex#CHUNKS}): the section scorer jumps from one page's chunks to the next, a few postings
     * per word and page, rather than searching every chunk of the wiki.
     */
    Map<String, BestSection> bestSections(IndexSearcher searcher, String text, List<Hit> pages) throws IOException {
        Map<String, BestSection> best = new java.util.HashMap<>();
        if (pages.isEmpty()) {
            return best;
        }
        Weight weight = searcher.createWeight(searcher.rewrite(parse(text, SECTION_ONLY)), ScoreMode.COMPLETE, 1f);
        List<Hit> inOrder = new ArrayList<>(pages);
        inOrder.sort(java.util.Comparator.comparingInt(Hit::doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        NumericDocValues chunkCounts = null;
        BinaryDocValues chunkValues = null;
        Bits live = null;
        Scorer sections = null;
        for (Hit page : inOrder) {
            if (leaf == null || page.doc() >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(page.doc(), leaves));
                chunkCounts = DocValues.getNumeric(leaf.reader(), LucenePageIndex.CHUNKS);
                chunkValues = DocValues.getBinary(leaf.reader(), ChunkValues.FIELD);
                live = leaf.reader().getLiveDocs();
                sections = weight.scorer(leaf);
            }
            int doc = page.doc() - leaf.docBase;
            if (!chunkCounts.advanceExact(doc) || chunkCounts.longValue() < 1 || !hasOwnChunks(leaf, doc,
                    chunkValues, live)) {
                continue;
            }
            int count = (int) chunkCounts.longValue();
            int last = doc + count;
            float score = 0;
            if (sections != null) {
                DocIdSetIterator chunks = sections.iterator();
                int at = chunks.docID() <= doc ? chunks.advance(doc + 1) : chunks.docID();
                for (; at <= last; at = chunks.nextDoc()) {
                    if (live == null || live.get(at)) {
                        score = Math.max(score, sections.score());
                    }
                }
            }
            best.put(page.path(), new BestSection(score, count));
        }
        return best;
    }

    /**
     * Whether the page's chunks still follow its document: not when the model changed and the chunks were deleted
     * ({@link LucenePageIndex#deleteChunks}), whether or not a merge has dropped them since (then the next page's
     * documents follow). Chunks are only ever deleted with their page or all at once, so a live chunk right after a
     * page is its first of {@link LucenePageIndex#CHUNKS}.
     */
    private static boolean hasOwnChunks(LeafReaderContext leaf, int doc, BinaryDocValues chunkValues, Bits live)
            throws IOException {
        int first = doc + 1;
        return first < leaf.reader().maxDoc() && (live == null || live.get(first))
                && chunkValues.advanceExact(first);
    }

    /**
     * Highlighted snippets of these pages' bodies for the query (pages without a match get their opening), keyed by
     * path; {@code docs} are the pages' document numbers in the searcher. The query is parsed again over the body
     * alone (every word of it, so words found in the title or headings are marked in the body too), and the
     * highlighter reads each word's offsets straight from the body's postings: asking the whole multi-field query
     * which positions matched ({@code WEIGHT_MATCHES}) looked every word up in every field's term dictionary once per
     * page and was most of a full-text search's time (docs/search.md), and each word is looked up once per search
     * rather than once per page ({@link ForwardPostingsOffsets}). Passages are sentences as {@link SentenceBreaks}
     * cuts them, scored by {@link PassageScores}.
     */
    Map<String, String> snippets(IndexSearcher searcher, String text, Map<String, Integer> docs) throws IOException {
        if (docs.isEmpty()) {
            return Map.of();
        }
        Query parsed = parseBody(text);
        List<String> paths = new ArrayList<>(docs.keySet());
        ScoreDoc[] scoreDocs = new ScoreDoc[paths.size()];
        for (int i = 0; i < scoreDocs.length; i++) {
            // The highlighter wants the documents in score order of some query; any order does for snippets.
            scoreDocs[i] = new ScoreDoc(docs.get(paths.get(i)), 0f);
        }
        UnifiedHighlighter highlighter = highlighter(searcher);
        String[] snippets = highlighter.highlight(LucenePageIndex.BODY, parsed,
                new TopDocs(new TotalHits(scoreDocs.length, TotalHits.Relation.EQUAL_TO), scoreDocs), 2);
        Map<String, String> byPath = new java.util.HashMap<>();
        for (int i = 0; i < scoreDocs.length; i++) {
            byPath.put(paths.get(i), shorten(snippets[i]));
        }
        return byPath;
    }

    /**
     * The highlighter's settings: passages as {@link SentenceBreaks} cuts them, scored by {@link PassageScores}, the
     * matches marked with {@code <mark>} in escaped text; built as is, it reads offsets with Lucene's own strategy.
     */
    UnifiedHighlighter.Builder highlighting(IndexSearcher searcher) {
        return UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(100_000)
                .withWeightMatches(false)
                .withBreakIterator(SentenceBreaks::new)
                .withScorer(PassageScores.INSTANCE);
    }

    /**
     * The snippets' highlighter: those settings, the offsets read by {@link ForwardPostingsOffsets}, the bodies read
     * from their binary doc values ({@link #bodies}).
     */
    UnifiedHighlighter highlighter(IndexSearcher searcher) {
        return new UnifiedHighlighter(highlighting(searcher)) {
            @Override
            protected FieldOffsetStrategy getOffsetStrategy(OffsetSource source, UHComponents components) {
                return source == OffsetSource.POSTINGS ? new ForwardPostingsOffsets(components)
                        : super.getOffsetStrategy(source, components);
            }

            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int charsThreshold)
                    throws IOException {
                if (fields.length != 1 || !LucenePageIndex.BODY.equals(fields[0])) {
                    return super.loadFieldValues(fields, docs, charsThreshold);
                }
                return bodies(getIndexSearcher(), docs, charsThreshold, getMaxLength());
            }
        };
    }

    /**
     * The page bodies of {@code docs} (in document order) from the {@code body} field's binary doc values, as many as
     * the highlighter asks for at once ({@code charsThreshold} characters, or one document for 0), each cut at
     * {@code maxLength} characters; null for a document without one. A stored field would be read by decompressing
     * the block it is in, which took most of a snippet's time (docs/search.md, "Under load").
     */
    static List<CharSequence[]> bodies(IndexSearcher searcher, DocIdSetIterator docs, int charsThreshold,
                                       int maxLength) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<CharSequence[]> bodies = new ArrayList<>();
        LeafReaderContext leaf = null;
        BinaryDocValues values = null;
        long chars = 0;
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
            LeafReaderContext in = leaves.get(ReaderUtil.subIndex(doc, leaves));
            if (in != leaf || values == null || values.docID() >= doc - in.docBase) {
                leaf = in; // another segment, or a document not after the last (never expected)
                values = DocValues.getBinary(in.reader(), LucenePageIndex.BODY);
            }
            String body = values.advanceExact(doc - in.docBase) ? utf8(values.binaryValue()) : null;
            if (body != null && body.length() > maxLength) {
                body = body.substring(0, maxLength);
            }
            bodies.add(new CharSequence[] {body});
            chars += body == null ? 0 : body.length();
            if (charsThreshold == 0 || chars > charsThreshold) {
                break;
            }
        }
        return bodies;
    }

    /** The JDK's decoder: a page of ASCII becomes a one-byte-per-character string at once (3–4× Lucene's own). */
    private static String utf8(BytesRef bytes) {
        return new String(bytes.bytes, bytes.offset, bytes.length, StandardCharsets.UTF_8);
    }

    /** Long sentences make long passages: keep the snippet readable, without cutting inside a tag. */
    private static String shorten(String snippet) {
        if (snippet == null || snippet.length() <= SNIPPET_CHARS * 2) {
            return snippet;
        }
        int mark = Math.max(0, snippet.indexOf("<mark>"));
        int from = Math.max(0, mark - SNIPPET_CHARS / 2);
        int to = Math.min(snippet.length(), from + SNIPPET_CHARS * 2);
        from = safeBoundary(snippet, from, false);
        to = safeBoundary(snippet, to, true);
        String cut = snippet.substring(from, to);
        if (cut.split("<mark>", -1).length > cut.split("</mark>", -1).length) {
            cut += "</mark>";
        }
        return (from > 0 ? "… " : "") + cut + (to < snippet.length() ? " …" : "");
    }

    /** Moves a cut out of a tag or an entity, and onto a space when one is near. */
    private static int safeBoundary(String s, int at, boolean forward) {
        int lt = s.lastIndexOf('<', at - 1);
        int gt = s.lastIndexOf('>', at - 1);
        if (lt > gt) {
            at = forward ? s.indexOf('>', at) + 1 : lt;
        }
        int amp = s.lastIndexOf('&', at - 1);
        int semi = s.lastIndexOf(';', at - 1);
        if (amp > semi && at - amp < 10) {
            at = forward ? Math.max(at, s.indexOf(';', amp) + 1) : amp;
        }
        return Math.max(0, Math.min(at, s.length()));
    }
}
