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

    @Test
    void theListEscapesEveryValueAndKeepsOnlyTheSnippetsMarks() {
        String hostile = "<script>alert('x')</script>\"&";
        ShownHit withSnippet = ShownHit.of(null, new SearchHit("a/" + hostile, 1,
                "<mark>roses</mark> &amp; <img src=x onerror=alert(1)>", List.of(new MatchedChunk(hostile,
                hostile, 0.9)), List.of("text")));
        ShownHit without = ShownHit.of(null, new SearchHit("plain", 1, "", List.of(), List.of("semantic")));

        String html = ShownHit.listItems(List.of(withSnippet, without), "/w\"x").html();

        assertThat(html).doesNotContain("<script", "<img", "alert('x')", "/w\"x")
                .contains("<mark>roses</mark> &amp; &lt;img src=x onerror=alert(1)&gt;",
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#34;&amp;", "href=\"/w&#34;x/a/")
                .contains("<small class=\"breadcrumb\">&lt;script&gt;", "<span class=\"chunk-text\">&lt;script&gt;");
        assertThat(html.split("<li class=\"search-hit\">", -1)).hasSize(3);
        assertThat(html.split("<p class=\"snippet\">", -1)).as("a hit without a snippet has no empty one").hasSize(2);
        assertThat(html).contains("<strong>plain</strong></a>\n  <small class=\"matched-by\">semantic</small>\n</li>");
    }

    @Test
    void aScreenOfHitsFromAsciiPagesIsAscii() {
        ShownHit hit = ShownHit.of(null, new SearchHit("Roses", 1, "\u2026 <mark>roses</mark> \u2026", THREE,
                List.of("text", "semantic")));
        ShownHit cut = ShownHit.of(null, new SearchHit("Long", 1, "", THREE, List.of("semantic")));
        String html = ShownHit.listItems(List.of(hit, cut), "/ann/garden").html();
        assertThat(html).contains("&hellip; <mark>roses</mark> &hellip;", "x".repeat(399) + "x &hellip;</span>")
                .matches("\\p{ASCII}*");
    }
}
