package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * The bodies snippets are made of come from the {@code body} field's binary doc values: exactly each page's text,
 * across segments, for pages with and without chunks (only page documents have a body), cut at the highlighter's
 * maximum length and handed over as many at once as it asks for.
 */
class PageBodiesTest {
    @TempDir
    Path dir;

    @Test
    void eachPageDocumentGivesItsOwnTextFromAnySegment() throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            for (int batch = 0; batch < 3; batch++) { // a segment per commit
                for (int p = 0; p < 5; p++) {
                    String path = "page-" + batch + "-" + p;
                    String body = ("Änderung " + path + " — ünïcödé 日本語 ").repeat(1 + p * 7) + "𝄞 end";
                    texts.put(path, body);
                    List<ChunkDocument> chunks = p % 2 == 0 ? List.of()
                            : List.of(new ChunkDocument(0, path, "chunk of " + path, null),
                                    new ChunkDocument(1, path, "another chunk of " + path, null));
                    index.put(new PageDocument(new PagePath(path), path, "", body, chunks));
                }
                index.commit(Map.of());
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            assertThat(reader.leaves()).hasSizeGreaterThan(1);
            IndexSearcher searcher = new IndexSearcher(reader);
            StoredFields stored = searcher.storedFields();
            List<Integer> docs = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                String path = stored.document(doc).get(LucenePageIndex.PATH);
                boolean page = stored.document(doc).get(LucenePageIndex.PATH) != null && !isChunk(reader, doc);
                docs.add(doc);
                expected.add(page ? texts.get(path) : null); // a chunk document has no body
            }
            assertThat(expected).filteredOn(text -> text == null).hasSize(12);

            assertThat(all(searcher, docs, Integer.MAX_VALUE - 1, 100_000)).containsExactlyElementsOf(expected);
            List<List<CharSequence[]>> oneByOne = new ArrayList<>();
            DocIdSetIterator iterator = iterator(docs);
            for (int i = 0; i < docs.size(); i++) {
                oneByOne.add(TextSearch.bodies(searcher, iterator, 0, 100_000));
            }
            assertThat(oneByOne).allSatisfy(batch -> assertThat(batch).hasSize(1));
            assertThat(oneByOne.stream().map(batch -> text(batch.get(0))).toList()).containsExactlyElementsOf(expected);
            assertThat(all(searcher, docs, Integer.MAX_VALUE - 1, 12)).containsExactlyElementsOf(expected.stream()
                    .map(text -> text == null ? null : text.substring(0, 12)).toList());
        }
    }

    private static boolean isChunk(DirectoryReader reader, int doc) throws java.io.IOException {
        org.apache.lucene.index.LeafReaderContext leaf = reader.leaves().get(
                org.apache.lucene.index.ReaderUtil.subIndex(doc, reader.leaves()));
        return org.apache.lucene.index.DocValues.getBinary(leaf.reader(), ChunkValues.FIELD)
                .advanceExact(doc - leaf.docBase);
    }

    private static List<String> all(IndexSearcher searcher, List<Integer> docs, int threshold, int maxLength)
            throws Exception {
        return TextSearch.bodies(searcher, iterator(docs), threshold, maxLength).stream().map(PageBodiesTest::text)
                .toList();
    }

    private static String text(CharSequence[] fields) {
        assertThat(fields).hasSize(1);
        return fields[0] == null ? null : fields[0].toString();
    }

    private static DocIdSetIterator iterator(List<Integer> docs) {
        return SortedDocs.of(docs.stream().mapToInt(Integer::intValue).toArray());
    }
}
