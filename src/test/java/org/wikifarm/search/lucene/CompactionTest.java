package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/** A fragmented index is merged into one segment with the same pages, vectors and commit data; a large one is not. */
class CompactionTest {
    @TempDir
    Path dir;

    private static PageDocument page(String path, String body, float[] vector) {
        return new PageDocument(new PagePath(path), path, "", body, List.of(new ChunkDocument(0, path, body, vector)));
    }

    private static float[] unit(int axis) {
        float[] vector = new float[384];
        vector[axis] = 1;
        return vector;
    }

    /** Four batches of pages, each committed as the indexer does, one page replaced and one deleted. */
    private static void fourBatches(LucenePageIndex index) {
        for (int batch = 0; batch < 4; batch++) {
            for (int i = 0; i < 5; i++) {
                int n = batch * 5 + i;
                index.put(page("page-" + n, "Page " + n + " is about topic" + n + ".", unit(n)));
            }
            index.commit(Map.of(LucenePageIndex.META_COMMIT, "commit-" + batch));
        }
        index.put(page("page-3", "Page 3 was rewritten about gardens.", unit(3)));
        index.delete(new PagePath("page-7"));
        index.commit(Map.of(LucenePageIndex.META_COMMIT, "commit-4"));
    }

    @Test
    void aFragmentedIndexBecomesOneSegmentAndFindsTheSame() throws Exception {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            fourBatches(index);
            assertThat(index.segmentCount()).isGreaterThan(1);
            Map<String, String> meta = index.meta();
            List<String> gardens = index.read(view -> view.searchText("gardens", 10)).stream()
                    .map(TextSearch.Hit::path).toList();
            List<String> nearest = index.read(view -> view.nearestPages(unit(12), 5, 1)).stream()
                    .map(hits -> hits.get(0).path()).toList();

            assertThat(index.compact(Long.MAX_VALUE)).isTrue();

            assertThat(index.segmentCount()).isEqualTo(1);
            assertThat(index.deletedDocuments()).isZero();
            assertThat(index.meta()).isEqualTo(meta);
            assertThat(index.pageCount()).isEqualTo(19);
            assertThat(index.read(view -> view.searchText("gardens", 10)).stream().map(TextSearch.Hit::path))
                    .containsExactlyElementsOf(gardens).containsExactly("page-3");
            assertThat(index.read(view -> view.nearestPages(unit(12), 5, 1)).stream().map(hits -> hits.get(0).path()))
                    .containsExactlyElementsOf(nearest).startsWith("page-12");
            assertThat(index.compact(Long.MAX_VALUE)).as("nothing left to merge").isFalse();
        }
        try (LucenePageIndex reopened = new LucenePageIndex(dir)) {
            assertThat(reopened.segmentCount()).isEqualTo(1);
            assertThat(reopened.meta()).containsEntry(LucenePageIndex.META_COMMIT, "commit-4");
            assertThat(reopened.paths()).hasSize(19).doesNotContain("page-7");
        }
    }

    @Test
    void anIndexLargerThanTheLimitIsLeftAsItIs() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            fourBatches(index);
            int segments = index.segmentCount();
            assertThat(index.compact(1024)).isFalse();
            assertThat(segments).isGreaterThan(1);
            assertThat(index.segmentCount()).isEqualTo(segments);
        }
    }
}
