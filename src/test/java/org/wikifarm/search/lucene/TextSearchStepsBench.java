package org.wikifarm.search.lucene;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.wikifarm.bench.JavadocCorpus;

/**
 * A full-text search (limit 10) step by step on a copy of a real index (docs/search.md, "Where the time goes"):
 * parse, BM25 top 10, paths, snippets, and the whole of it through {@link LucenePageIndex#read}. One thread, 600
 * warm-up queries, then p50/p95 of 300 per step. Run alone:
 * {@code java -cp <test class path> org.wikifarm.search.lucene.TextSearchStepsBench <index folder (a copy)>}.
 */
class TextSearchStepsBench {
    public static void main(String[] a) throws Exception {
        List<String> queries = queries(JavadocCorpus.pages(0, 2000), 900);
        try (LucenePageIndex index = new LucenePageIndex(Path.of(a[0]));
             org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(
                     org.apache.lucene.store.FSDirectory.open(Path.of(a[0])))) {
            org.apache.lucene.search.IndexSearcher searcher = new org.apache.lucene.search.IndexSearcher(reader);
            TextSearch text = new TextSearch(new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(
                    WikiAnalyzer.stemmed(), java.util.Map.of(LucenePageIndex.EXACT, WikiAnalyzer.exact())));
            int differ = 0;
            for (String q : queries) {
                for (int k : new int[] {10, 100}) {
                    Query old = new BooleanQuery.Builder().add(text.parse(q), BooleanClause.Occur.MUST)
                            .add(LucenePageIndex.kindIs(LucenePageIndex.PAGE), BooleanClause.Occur.FILTER).build();
                    TopDocs before = searcher.search(old, k);
                    TopDocs now = searcher.search(text.parse(q), new TopScoreDocCollectorManager(k, null, k));
                    boolean same = before.scoreDocs.length == now.scoreDocs.length;
                    for (int j = 0; same && j < now.scoreDocs.length; j++) {
                        same = before.scoreDocs[j].doc == now.scoreDocs[j].doc
                                && before.scoreDocs[j].score == now.scoreDocs[j].score;
                    }
                    differ += same ? 0 : 1;
                }
            }
            System.out.println("top 10 and top 100 of " + queries.size() + " queries, filtered vs not: " + differ
                    + " lists differ");
            for (int round = 0; round < 3; round++) {
                List<String> qs = round < 2 ? queries.subList(0, 600) : queries.subList(600, 900);
                long[][] t = new long[13][qs.size()];
                for (int i = 0; i < qs.size(); i++) {
                    String q = qs.get(i);
                    int n = i;
                    index.read(view -> {
                        long t0 = System.nanoTime();
                        view.searchText(q, 10);
                        long t1 = System.nanoTime();
                        List<String> paths = view.searchText(q, 10).stream().map(TextSearch.Hit::path).toList();
                        long t2 = System.nanoTime();
                        view.snippets(q, paths);
                        long t3 = System.nanoTime();
                        t[0][n] = t1 - t0;
                        t[1][n] = t3 - t2;
                        t[2][n] = t1 - t0 + t3 - t2;
                        return null;
                    });
                    long s0 = System.nanoTime();
                    Query parsed = text.parse(q);
                    long s1 = System.nanoTime();
                    Query filtered = new BooleanQuery.Builder().add(parsed, BooleanClause.Occur.MUST)
                            .add(LucenePageIndex.kindIs(LucenePageIndex.PAGE), BooleanClause.Occur.FILTER).build();
                    long s2 = System.nanoTime();
                    TopDocs top = searcher.search(filtered, 10);
                    long s3 = System.nanoTime();
                    searcher.search(filtered, new TopScoreDocCollectorManager(10, null, 10));
                    long s4 = System.nanoTime();
                    LucenePageIndex.paths(searcher, top.scoreDocs);
                    long s5 = System.nanoTime();
                    searcher.search(parsed, 10);
                    long s6 = System.nanoTime();
                    searcher.search(parsed, new TopScoreDocCollectorManager(10, null, 10));
                    long s7 = System.nanoTime();
                    Query flat = flat(parsed);
                    searcher.search(flat, new TopScoreDocCollectorManager(10, null, 10));
                    long s8 = System.nanoTime();
                    List<String> paths = LucenePageIndex.paths(searcher, top.scoreDocs);
                    long h0 = System.nanoTime();
                    searcher.search(new org.apache.lucene.search.TermInSetQuery(LucenePageIndex.PATH, paths.stream().map(org.apache.lucene.util.BytesRef::new).toList()), 10);
                    long h1 = System.nanoTime();
                    org.apache.lucene.search.uhighlight.UnifiedHighlighter hl =
                            org.apache.lucene.search.uhighlight.UnifiedHighlighter.builder(searcher, text.analyzer())
                            .withFormatter(new org.apache.lucene.search.uhighlight.DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                            .withMaxLength(100_000).withWeightMatches(false).withBreakIterator(SentenceBreaks::new)
                            .withScorer(PassageScores.INSTANCE).build();
                    Query body = new org.apache.lucene.queryparser.simple.SimpleQueryParser(text.analyzer(),
                            java.util.Map.of("body", 1f)).parse(q);
                    long h2 = System.nanoTime();
                    hl.highlight("body", body, new TopDocs(top.totalHits, top.scoreDocs.clone()), 2);
                    long h3 = System.nanoTime();
                    org.apache.lucene.index.StoredFields sf = searcher.storedFields();
                    for (org.apache.lucene.search.ScoreDoc d : top.scoreDocs) {
                        sf.document(d.doc, java.util.Set.of("body"));
                    }
                    long h4 = System.nanoTime();
                    t[10][n] = h1 - h0;
                    t[11][n] = h3 - h2;
                    t[12][n] = h4 - h3;
                    t[7][n] = s6 - s5;
                    t[8][n] = s7 - s6;
                    t[9][n] = s8 - s7;
                    if (round == 0 && i == 0) {
                        System.out.println(parsed + "\n" + flat);
                    }
                    t[3][n] = s1 - s0;
                    t[4][n] = s3 - s2;
                    t[5][n] = s4 - s3;
                    t[6][n] = s5 - s4;
                }
                if (round == 2) {
                    String[] names = {"searchText(10) (parse+BM25+paths)", "snippets(10)", "text search total",
                            "parse (4 fields)", "BM25 top 10 (threshold 1000)", "BM25 top 10 (threshold 10)",
                            "paths of 10", "BM25 no filter (thr 1000)", "BM25 no filter (thr 10)", "BM25 flat no filter thr 10", "snippets: pages query", "snippets: highlight", "snippets: load 10 bodies"};
                    for (int s = 0; s < names.length; s++) {
                        Arrays.sort(t[s]);
                        System.out.printf("%-40s p50 %6d us  p95 %6d us%n", names[s], t[s][qs.size() / 2] / 1000,
                                t[s][(int) (qs.size() * .95)] / 1000);
                    }
                }
            }
        }
    }

    static Query flat(Query q) {
        if (!(q instanceof BooleanQuery b)) {
            return q;
        }
        BooleanQuery.Builder out = new BooleanQuery.Builder();
        for (BooleanClause c : b.clauses()) {
            if (c.getOccur() == BooleanClause.Occur.SHOULD && c.getQuery() instanceof BooleanQuery inner
                    && inner.getMinimumNumberShouldMatch() == 0
                    && inner.clauses().stream().allMatch(x -> x.getOccur() == BooleanClause.Occur.SHOULD)) {
                inner.clauses().forEach(x -> out.add(x.getQuery(), BooleanClause.Occur.SHOULD));
            } else {
                out.add(c);
            }
        }
        out.setMinimumNumberShouldMatch(b.getMinimumNumberShouldMatch());
        return out.build();
    }

    /** As SearchSpeedBench's: 4–8 words of the corpus, as people type them. */
    static List<String> queries(List<JavadocCorpus.Page> pages, int count) {
        java.util.Random random = new java.util.Random(7);
        List<String> queries = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (queries.size() < count) {
            String[] words = pages.get(random.nextInt(pages.size())).markdown().replaceAll("[^\\p{L}\\p{N} ]+", " ")
                    .strip().split("\\s+");
            if (words.length < 20) {
                continue;
            }
            int from = random.nextInt(words.length - 9);
            String query = String.join(" ", List.of(words).subList(from, from + 4 + random.nextInt(5))).strip();
            if (query.length() >= 3 && seen.add(query.toLowerCase(java.util.Locale.ROOT))) {
                queries.add(query);
            }
        }
        return queries;
    }
}
