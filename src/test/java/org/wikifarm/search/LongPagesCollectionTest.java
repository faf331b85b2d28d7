package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.wikifarm.bench.RelevanceCollection;
import org.wikifarm.bench.RelevanceCollection.Doc;

/**
 * The long pages RelevanceBench makes of a collection (docs/benchmarks.md, "Long pages"): here, because the bench
 * package is not among the unit tests. Every document on exactly one page as a section of its own, and a page judged
 * by its best document.
 */
class LongPagesCollectionTest {
    private final RelevanceCollection collection = new RelevanceCollection("tiny",
            List.of(new Doc("1", "Bread", "Flour and water."), new Doc("2", "", "Untitled text."),
                    new Doc("3", "Tea", "Leaves."), new Doc("4", "Salt", "Sea salt."), new Doc("5", "Oil", "Olives.")),
            List.of(new RelevanceCollection.Query("q", "bread salt")),
            Map.of("q", Map.of("1", 1, "4", 2, "5", 1)));

    @Test
    void everyDocumentIsOneSectionOfOnePage() {
        RelevanceCollection pages = collection.inLongPages(2, 7);
        assertThat(pages.docs()).hasSize(3).extracting(Doc::id).containsExactly("p1", "p2", "p3");
        String all = pages.docs().stream().map(Doc::text).collect(Collectors.joining("\n\n"));
        for (String section : List.of("## Bread\n\nFlour and water.", "## Document 2\n\nUntitled text.",
                "## Tea\n\nLeaves.", "## Salt\n\nSea salt.", "## Oil\n\nOlives.")) {
            assertThat(all.split(java.util.regex.Pattern.quote(section), -1)).as(section).hasSize(2);
        }
        assertThat(pages.docs()).allSatisfy(page -> {
            assertThat(page.title()).isEmpty();
            assertThat(page.text()).as("level-2 sections").startsWith("## ").doesNotContain("###");
        });
        assertThat(pages.queries()).isEqualTo(collection.queries());
    }

    @Test
    void aPageIsJudgedByItsBestDocument() {
        RelevanceCollection pages = collection.inLongPages(2, 7);
        Map<String, Integer> judged = pages.qrels().get("q");
        for (Doc page : pages.docs()) {
            int best = 0;
            for (Map.Entry<String, Integer> doc : Map.of("Bread", 1, "Salt", 2, "Oil", 1).entrySet()) {
                if (page.text().contains("## " + doc.getKey() + "\n")) {
                    best = Math.max(best, doc.getValue());
                }
            }
            assertThat(judged.getOrDefault(page.id(), 0)).as(page.id()).isEqualTo(best);
        }
        assertThat(judged.values().stream().mapToInt(Integer::intValue).max()).hasValue(2);
    }
}
