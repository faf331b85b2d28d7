package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * Every document has a length (norm) for every field BM25 scores, page documents and chunk documents alike, so the
 * norms stay dense ({@link LucenePageIndex#SCORED_FIELDS}); and the empty fields that make them so match nothing.
 */
class NormsTest {
    @TempDir
    Path dir;

    @Test
    void everyDocumentHasANormForEveryScoredField() throws IOException {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(new PageDocument(new PagePath("Garden"), "Garden", "Beds", "Beds of roses and beans.",
                    List.of(new ChunkDocument(0, "Garden > Beds", "Beds of roses", null),
                            new ChunkDocument(1, "Garden > Beans", "and beans", null))));
            index.put(new PageDocument(new PagePath("Empty"), "Empty", "", "", List.of()));
            index.commit(Map.of());

            List<TextSearch.Hit> hits = index.read(view -> view.searchText("garden roses beans", 10));
            assertThat(hits).extracting(TextSearch.Hit::path).containsExactly("Garden");
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            assertThat(reader.maxDoc()).isEqualTo(4);
            for (String field : LucenePageIndex.SCORED_FIELDS) {
                assertThat(documentsWithNorms(reader, field)).as(field).isEqualTo(reader.maxDoc());
            }
        }
    }

    private static int documentsWithNorms(DirectoryReader reader, String field) throws IOException {
        int count = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            NumericDocValues norms = leaf.reader().getNormValues(field);
            if (norms == null) {
                continue;
            }
            while (norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                count++;
            }
        }
        return count;
    }
}
