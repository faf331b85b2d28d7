package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.search.SearchHit;
import org.wikifarm.search.SearchHit.MatchedChunk;

/** What the search screen shows of a hit: one passage under a snippet, two without, each cut to 400 characters. */
class ShownHitTest {
    private static final List<MatchedChunk> THREE = List.of(new MatchedChunk("A > One", "first", 0.9),
            new MatchedChunk("A > Two", "x".repeat(500), 0.8), new MatchedChunk("A > Three", "third", 0.7));

    @Test
    void aSnippetComesWithOnePassageAndNoSnippetWithTwo() {
        ShownHit withSnippet = ShownHit.of(null, new SearchHit("Roses & Co", 1, "<mark>roses</mark> &amp; more",
                THREE, List.of("text", "semantic")));
        assertThat(withSnippet.snippet().toString()).contains("<mark>roses</mark>");
        assertThat(withSnippet.passages()).extracting(ShownHit.Passage::breadcrumb).containsExactly("A > One");
        assertThat(withSnippet.matchedBy()).isEqualTo("text + semantic");
        assertThat(withSnippet.href()).isEqualTo("/Roses%20%26%20Co");

        ShownHit without = ShownHit.of(null, new SearchHit("Roses", 1, "", THREE, List.of("semantic")));
        assertThat(without.snippet()).isNull();
        assertThat(without.passages()).extracting(ShownHit.Passage::breadcrumb).containsExactly("A > One", "A > Two");
        assertThat(without.passages().get(1).text()).hasSize(402).endsWith("x …");
    }

    @Test
    void aPassageIsNeverCutInsideACharacter() {
        String text = "y".repeat(399) + "😀" + "z".repeat(10);
        assertThat(ShownHit.shortened(text)).isEqualTo("y".repeat(399) + " …");
        assertThat(ShownHit.shortened("short")).isEqualTo("short");
    }
}
