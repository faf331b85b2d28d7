package org.wikifarm.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;

/**
 * The best-matching section of each page that has several: read from the chunks right after the page's document, in
 * every segment, only the live version of a replaced page, nothing for a page of one chunk or whose chunks are gone.
 */
class BestSectionsTest {
    @TempDir
    Path dir;

    /** A page of these sections: its body is all of them, each section one chunk (no vectors needed for BM25). */
    private static PageDocument page(String path, String... sections) {
        List<ChunkDocument> chunks = new ArrayList<>();
        for (int i = 0; i < sections.length; i++) {
            chunks.add(new ChunkDocument(i, path + " > part " + i, sections[i], null));
        }
        return new PageDocument(new PagePath(path), path, "", String.join("\n\n", sections), chunks);
    }

    /** The best section's score of each page found, by path. */
    private static Map<String, Float> bestSections(LucenePageIndex index, String query) {
        Map<String, Float> scores = new java.util.HashMap<>();
        index.read(view -> view.bestSections(query, view.searchText(query, 100)))
                .forEach((path, best) -> scores.put(path, best.score()));
        return scores;
    }

    private static final String FILLER = "Meadows, orchards and hedges line the old road to the mill.";

    @Test
    void aPageOfSeveralSectionsIsScoredByItsBestOneAcrossSegments() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("dense", FILLER, "Lantern repair: the lantern wick, the lantern glass, lantern oil.", FILLER));
            index.commit(Map.of());
            index.put(page("scattered", "A lantern hangs by the door. " + FILLER, FILLER + " Repair the gate.",
                    "Another lantern in the barn."));
            index.put(page("short", "Lantern repair in one paragraph."));
            index.put(page("elsewhere", FILLER, "Lanterns are not mentioned here at all, only " + FILLER));
            index.commit(Map.of());
            assertThat(index.segmentCount()).isEqualTo(2);

            Map<String, TextSearch.BestSection> best = index.read(view -> view.bestSections("lantern repair",
                    view.searchText("lantern repair", 100)));

            assertThat(best).containsOnlyKeys("dense", "scattered", "elsewhere", "short");
            assertThat(best.get("dense").score()).isGreaterThan(best.get("scattered").score()).isPositive();
            assertThat(best.get("scattered").score()).isPositive();
            assertThat(best.get("dense").sections()).isEqualTo(3);
            assertThat(best.get("short").sections()).isEqualTo(1);
            assertThat(best.get("short").score()).as("a page of one chunk: its only section").isPositive();
        }
    }

    @Test
    void aSectionThatDoesNotMatchScoresNothingAndOtherPagesChunksNeverCount() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            // "gate" is in the page's body only across a section boundary in no section: the page matches, no chunk.
            index.put(new PageDocument(new PagePath("bodyonly"), "bodyonly", "", "A gate. " + FILLER,
                    List.of(new ChunkDocument(0, "x", FILLER, null), new ChunkDocument(1, "y", FILLER, null))));
            // The next page's chunks are all about gates: none of them may count for the page before.
            index.put(page("gates", "Gate, gate, gate.", "The gate of gates."));
            index.commit(Map.of());

            Map<String, Float> best = bestSections(index, "gate");

            assertThat(best.get("bodyonly")).isZero();
            assertThat(best.get("gates")).isPositive();
        }
    }

    @Test
    void aReplacedPageIsScoredByItsLiveChunksOnly() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("river", "The river floods every spring.", "Ferry times on the river."));
            index.put(page("lake", "The lake is still.", "Boats on the lake."));
            index.commit(Map.of());
            index.put(page("river", FILLER, "Nothing about water now.", FILLER));
            index.commit(Map.of());

            assertThat(bestSections(index, "ferry")).as("the page no longer matches at all").isEmpty();
            Map<String, Float> water = bestSections(index, "water");
            assertThat(water).containsOnlyKeys("river");
            assertThat(water.get("river")).isPositive();
        }
    }

    @Test
    void pagesWhoseChunksWereDroppedAreLeftOutAndNeverTakeTheNextPagesChunks() {
        try (LucenePageIndex index = new LucenePageIndex(dir)) {
            index.put(page("hill", "The hill fort.", "Walks up the hill."));
            index.put(page("ridge", "Ridge and hill paths.", "The ridge walk."));
            index.commit(Map.of());
            assertThat(bestSections(index, "hill")).containsOnlyKeys("hill", "ridge");

            index.deleteChunks(); // the model changed: the pages stay, their chunks go until they are indexed again
            index.commit(Map.of());
            assertThat(bestSections(index, "hill")).isEmpty();

            // A page indexed again meanwhile, then a merge: its documents now follow the chunkless pages'.
            index.put(page("vale", "Hill, hill and hill again.", "The hill above the vale."));
            index.commit(Map.of());
            assertThat(index.compact(Long.MAX_VALUE)).isTrue();
            assertThat(index.deletedDocuments()).isZero();

            assertThat(bestSections(index, "hill")).containsOnlyKeys("vale");
            List<TextSearch.Hit> pages = index.read(view -> view.searchText("hill", 10));
            assertThat(pages).hasSize(3);
        }
    }
}
