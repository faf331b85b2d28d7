package org.wikifarm.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

class CloseMatchesTest {
    private static final List<PagePath> PAGES = Stream.of("Home", "projects/Roadmap", "projects/roadmap-2025",
            "archive/roadmap", "recipes/bread", "recipes/breads-of-the-world", "zzz").map(PagePath::new).toList();

    @Test
    void caseAndFolderFirstThenTyposThenContainment() {
        assertThat(CloseMatches.of("projects/roadmap", PAGES)).startsWith("projects/Roadmap", "archive/roadmap");
        assertThat(CloseMatches.of("recipes/braed", PAGES)).first().isEqualTo("recipes/bread");
        assertThat(CloseMatches.of("bread", PAGES)).containsExactly("recipes/bread", "recipes/breads-of-the-world");
        assertThat(CloseMatches.of("completely-different", PAGES)).isEmpty();
    }

    @Test
    void distanceStopsEarly() {
        assertThat(CloseMatches.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(CloseMatches.distance("kitten", "sitting", 2)).isEqualTo(3);
        assertThat(CloseMatches.distance("a", "abcdef", 2)).isEqualTo(3);
    }
}
