package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * What the faster full-text search relies on (docs/search.md, "Where the time goes"): without a filter by kind it
 * still finds pages only, with the very hits and scores the filtered query with an exact hit count gave, and the
 * snippets of pages it found (by document) are the same as of pages looked up by path.
 */
class TextSearchSpeedTest {
    private static final String[] WORDS = {"river", "stone", "bridge", "lantern", "harbour", "orchard", "engine",
        "window", "ledger", "compass", "meadow", "signal", "garden", "winter", "copper", "market"};

    @TempDir
    Path dir;

    /** Pages of random words, each with chunks whose breadcrumbs and texts hold the same words. */
    private static List<PageDocument> pages(int count, long seed) {
        Random random = new Random(seed);
        List<PageDocument> pages = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 30 + random.nextInt(200); w++) {
                body.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(9) == 0 ? ". " : " ");
            }
            String title = WORDS[random.nextInt(WORDS.length)] + " " + p;
            List<ChunkDocument> chunks = List.of(new ChunkDocument(0, title, body.toString(), null),
                    new ChunkDocument(1, title + " › " + WORDS[p % WORDS.length], body.substring(0, 40), null));
            pages.add(new PageDocument(new PagePath("page-" + p), title, WORDS[random.nextInt(WORDS.length)],
                    body.toString(), chunks));
        }
        return pages;
    }

    @Test
    void findsPagesOnlyWithTheHitsAndScoresOfTheFilteredExactlyCountedQuery() throws Exception {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            pages(300, 1).forEach(index::put);
            index.commit(Map.of());
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                IndexSearcher searcher = new IndexSearcher(reader);
                TextSearch text = new TextSearch(new org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper(
                        WikiAnalyzer.stemmed(), Map.of(LucenePageIndex.EXACT, WikiAnalyzer.exact())));
                Random random = new Random(2);
                for (int q = 0; q < 200; q++) {
                    String query = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)]
                            + (q % 3 == 0 ? " \"" + WORDS[random.nextInt(WORDS.length)] + " "
                            + WORDS[random.nextInt(WORDS.length)] + "\"" : "") + (q % 5 == 0 ? " wint*" : "");
                    int limit = q % 2 == 0 ? 10 : 100;
                    Query filtered = new BooleanQuery.Builder().add(text.parse(query), BooleanClause.Occur.MUST)
                            .add(LucenePageIndex.kindIs(LucenePageIndex.PAGE), BooleanClause.Occur.FILTER).build();
                    TopDocs before = searcher.search(filtered, limit);
                    List<TextSearch.Hit> now = text.search(searcher, query, limit);
                    assertThat(now).hasSameSizeAs(before.scoreDocs);
                    List<String> paths = LucenePageIndex.paths(searcher, before.scoreDocs);
                    for (int i = 0; i < now.size(); i++) {
                        ScoreDoc expected = before.scoreDocs[i];
                        assertThat(now.get(i).doc()).as(query).isEqualTo(expected.doc);
                        assertThat(now.get(i).score()).as(query).isEqualTo(expected.score);
                        assertThat(now.get(i).path()).isEqualTo(paths.get(i));
                    }
                }
            }
            // Every word is in every page's chunks too: were chunks matched, a page would come back more than once.
            List<TextSearch.Hit> hits = index.read(view -> view.searchText("river stone bridge lantern", 100));
            assertThat(hits).hasSizeGreaterThan(50);
            assertThat(hits.stream().map(TextSearch.Hit::path).distinct()).hasSameSizeAs(hits);
        }
    }

    @Test
    void snippetsOfPagesFoundAreThoseOfPagesLookedUpByPath() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            pages(60, 3).forEach(index::put);
            index.commit(Map.of());
            String query = "harbour lantern";
            List<String> best = index.read(view -> view.searchText(query, 5)).stream().map(TextSearch.Hit::path)
                    .toList();
            List<String> paths = new ArrayList<>(best.subList(0, 2));
            for (int p = 0; paths.size() < 4; p++) {
                if (!best.contains("page-" + p)) {
                    paths.add("page-" + p);
                }
            }
            // A fresh view knows no documents: every page is looked up by path (as a hybrid search's semantic ones).
            Map<String, String> byPath = index.read(view -> view.snippets(query, paths));
            // Two found by the search (by their documents), two not among its hits (looked up by path).
            Map<String, String> byDoc = index.read(view -> {
                view.searchText(query, 5);
                return view.snippets(query, paths);
            });
            assertThat(byPath).containsOnlyKeys(paths);
            assertThat(byDoc).isEqualTo(byPath);
            assertThat(byPath.values()).allSatisfy(snippet -> assertThat(snippet).isNotBlank());
            assertThat(byPath.values()).anySatisfy(snippet -> assertThat(snippet).contains("<mark>"));
        }
    }
}
