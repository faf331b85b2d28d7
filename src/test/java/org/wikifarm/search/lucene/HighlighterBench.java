package org.wikifarm.search.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.store.FSDirectory;
import org.wikifarm.bench.JavadocCorpus;

/**
 * The highlighter configurations compared on a real index (docs/search.md, "Where the time goes"): the same 10 pages
 * per query (BM25's best), each configuration in turn, four rounds, the last two reported. These configurations
 * read the bodies from stored fields, so it needs an index of layout 4 (from layout 5 on they are in doc values).
 * Run alone:
 * {@code java -cp <test class path> org.wikifarm.search.lucene.HighlighterBench <index folder (a copy)>}.
 */
class HighlighterBench {
    public static void main(String[] a) throws Exception {
        DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Path.of(a[0])));
        IndexSearcher searcher = new IndexSearcher(reader);
        org.apache.lucene.analysis.Analyzer analyzer = WikiAnalyzer.stemmed();
        TextSearch text = new TextSearch(analyzer);
        Query page = new TermQuery(new Term("kind", "page"));
        List<JavadocCorpus.Page> pages = JavadocCorpus.pages(0, 2000);
        Random r = new Random(1);
        List<String> qs = new ArrayList<>();
        while (qs.size() < 300) {
            String[] w = pages.get(r.nextInt(pages.size())).markdown().replaceAll("[^\\p{L}\\p{N} ]+", " ").strip().split("\\s+");
            if (w.length < 20) continue;
            int f = r.nextInt(w.length - 10);
            qs.add(String.join(" ", Arrays.asList(w).subList(f, f + 4 + r.nextInt(5))));
        }
        List<TopDocs> tops = new ArrayList<>();
        for (String q : qs) tops.add(searcher.search(new BooleanQuery.Builder().add(text.parse(q), BooleanClause.Occur.MUST).add(page, BooleanClause.Occur.FILTER).build(), 10));
        String[] names = {"JDK sentences", "JDK sentences, first 10,000 chars", "line ends", "load body only", "before: weight matches, all fields, JDK sentences", "now: SentenceBreaks"};
        for (int round = 0; round < 4; round++) {
            for (int v = 0; v < names.length; v++) {
                long[] t = new long[qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    long t0 = System.nanoTime();
                    run(v, searcher, analyzer, text, qs.get(i), tops.get(i));
                    t[i] = System.nanoTime() - t0;
                }
                Arrays.sort(t);
                if (round >= 2) System.out.printf("%-50s p50 %6d us p95 %6d us%n", names[v], t[t.length / 2] / 1000, t[(int) (t.length * .95)] / 1000);
            }
        }
    }

    static void run(int v, IndexSearcher searcher, org.apache.lucene.analysis.Analyzer analyzer, TextSearch text, String q, TopDocs top) throws Exception {
        if (top.scoreDocs.length == 0) return;
        if (v == 3) {
            StoredFields sf = searcher.storedFields();
            for (ScoreDoc d : top.scoreDocs) sf.document(d.doc, Set.of("body"));
            return;
        }
        Query body = new SimpleQueryParser(analyzer, Map.of("body", 1f)).parse(q);
        UnifiedHighlighter.Builder b = UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
            .withMaxLength(v == 1 ? 10_000 : 100_000)
            .withWeightMatches(v == 4);
        if (v == 5) b.withBreakIterator(SentenceBreaks::new);
        else if (v == 2) b.withBreakIterator(() -> new CustomSeparatorBreakIterator('\n'));
        else b.withBreakIterator(() -> java.text.BreakIterator.getSentenceInstance(Locale.ROOT));
        if (v == 4) b.withFieldMatcher(f -> true);
        TopDocs sorted = new TopDocs(top.totalHits, top.scoreDocs.clone());
        b.build().highlight("body", v == 4 ? text.parse(q) : body, sorted, 2);
    }
}
