package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LabelledCharArrayMatcher;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PhraseHelper;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * The snippets' offsets strategy finds what Lucene's own finds: the same snippets for every kind of query the search
 * box takes, over an index of several segments with deleted pages, and the same offsets when pages come in any order.
 */
class ForwardPostingsOffsetsTest {
    private static final String[] WORDS = {"river", "rivers", "stone", "stones", "bridge", "lantern", "harbour",
        "orchard", "engine", "engines", "window", "ledger", "compass", "meadow", "signal", "garden"};

    @TempDir
    Path dir;

    /**
     * An index of four segments (as four wikis' indexes put together, so no merge joins them) of 120 pages each,
     * every ninth page deleted.
     */
    private Path index() throws Exception {
        Random random = new Random(7);
        List<Directory> parts = new ArrayList<>();
        for (int part = 0; part < 4; part++) {
            Path folder = dir.resolve("part-" + part);
            try (LucenePageIndex index = new LucenePageIndex(folder)) {
                for (int p = 0; p < 120; p++) {
                    StringBuilder body = new StringBuilder();
                    for (int w = 0; w < 20 + random.nextInt(300); w++) {
                        body.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(7) == 0 ? ". " : " ");
                    }
                    int page = part * 120 + p;
                    index.put(new PageDocument(new PagePath("page-" + page), "page " + page, "", body.toString(),
                            List.of()));
                }
                index.commit(Map.of());
            }
            parts.add(FSDirectory.open(folder));
        }
        Path all = dir.resolve("all");
        try (Directory directory = FSDirectory.open(all); IndexWriter writer = new IndexWriter(directory,
                new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE).setCodec(new WikiCodec()))) {
            writer.addIndexes(parts.toArray(new Directory[0]));
            for (int page = 0; page < 480; page += 9) {
                writer.deleteDocuments(new Term(LucenePageIndex.PATH, "page-" + page));
            }
            writer.commit();
        }
        for (Directory part : parts) {
            part.close();
        }
        return all;
    }

    @Test
    void snippetsAreThoseOfLucenesOwnStrategy() throws Exception {
        Path index = index();
        List<String> queries = List.of("river", "rivers stone", "engine window ledger", "\"stone bridge\"",
                "harb*", "+garden -meadow", "compass \"river stone\" signal", "nothing-like-it", "stones engines");
        TextSearch text = new TextSearch(WikiAnalyzer.stemmed());
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index))) {
            assertThat(reader.leaves()).hasSize(4);
            assertThat(reader.numDeletedDocs()).isPositive();
            IndexSearcher searcher = new IndexSearcher(reader);
            int marked = 0;
            for (String query : queries) {
                List<ScoreDoc> docs = new ArrayList<>();
                text.search(searcher, query, 40).forEach(hit -> docs.add(new ScoreDoc(hit.doc(), hit.score())));
                for (int doc = 0; doc < reader.maxDoc() && docs.size() < 50; doc += 17) {
                    docs.add(new ScoreDoc(doc, 0f)); // pages without a match, and deleted ones, too
                }
                TopDocs top = new TopDocs(new TotalHits(docs.size(), TotalHits.Relation.EQUAL_TO),
                        docs.toArray(new ScoreDoc[0]));
                Query body = text.parseBody(query);
                String[] ours = text.highlighter(searcher).highlight(LucenePageIndex.BODY, body, top, 2);
                String[] lucene = lucenesOwnOffsets(text, searcher).highlight(LucenePageIndex.BODY, body, top, 2);
                assertThat(ours).as(query).containsExactly(lucene);
                for (String snippet : ours) {
                    marked += snippet != null && snippet.contains("<mark>") ? 1 : 0;
                }
            }
            assertThat(marked).isGreaterThan(100);
        }
    }

    @Test
    void pagesInAnyOrderGetTheirOffsets() throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(index()))) {
            LeafReaderContext first = reader.leaves().get(0);
            LeafReader leaf = first.reader();
            BytesRef[] words = {new BytesRef("river"), new BytesRef("stone"), new BytesRef("absent")};
            UHComponents components = new UHComponents(LucenePageIndex.BODY, LucenePageIndex.BODY::equals, null,
                    words, PhraseHelper.NONE, new LabelledCharArrayMatcher[0], false, Set.of());
            FieldOffsetStrategy ours = new ForwardPostingsOffsets(components);
            FieldOffsetStrategy lucenes = new PostingsOffsetStrategy(components);
            List<Integer> order = new ArrayList<>();
            for (int doc = leaf.maxDoc() - 1; doc >= 0; doc -= 5) {
                order.add(doc); // backwards: every page before the enums' position
                order.add(doc); // the same page twice
                order.add(doc / 2);
            }
            int found = 0;
            for (int doc : order) {
                List<String> expected = offsets(lucenes.getOffsetsEnum(leaf, doc, ""));
                assertThat(offsets(ours.getOffsetsEnum(leaf, doc, ""))).as("doc %d", doc).isEqualTo(expected);
                found += expected.size();
            }
            assertThat(found).isGreaterThan(300);
        }
    }

    /** Every match of the enum, as "word start-end", in the order it gives them. */
    private static List<String> offsets(OffsetsEnum matches) throws Exception {
        List<String> all = new ArrayList<>();
        try (matches) {
            while (matches.nextPosition()) {
                all.add(matches.getTerm().utf8ToString() + " " + matches.startOffset() + "-" + matches.endOffset());
            }
        }
        return all;
    }

    /** The same settings and bodies, with the offsets read by Lucene's own postings strategy. */
    private static UnifiedHighlighter lucenesOwnOffsets(TextSearch text, IndexSearcher searcher) {
        return new UnifiedHighlighter(text.highlighting(searcher)) {
            @Override
            protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docs, int charsThreshold)
                    throws java.io.IOException {
                return TextSearch.bodies(getIndexSearcher(), docs, charsThreshold, getMaxLength());
            }
        };
    }
}
