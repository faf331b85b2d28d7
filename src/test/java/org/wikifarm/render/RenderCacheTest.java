package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

class RenderCacheTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void keysByTheSameBlobIdAsGit() {
        // Ids from `printf CONTENT | git hash-object --stdin`
        assertThat(RenderCache.blobId("hello\n").name()).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
        assertThat(RenderCache.blobId("").name()).isEqualTo("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        // UTF-8, as pages are stored: "é" is two bytes.
        assertThat(RenderCache.blobId("é").name()).isEqualTo("4b04fff51468d8ab5201ab02b725dc477bc7cb45");
    }

    @Test
    void countsHitsAndMisses() {
        RenderCache cache = new RenderCache(renderer);
        Rendered first = cache.get("# A");
        Rendered second = cache.get("# A");
        cache.get("# B");
        assertThat(second).isSameAs(first);
        assertThat(first.toc()).containsExactly(new Heading(1, "A", "a"));
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.chars()).isEqualTo(first.html().length() + cache.get("# B").html().length());
    }

    @Test
    void aWikiReadingLabelsFirstNeverGetsTheOtherOrdersRendering() {
        RenderCache cache = new RenderCache(renderer);
        String page = "See [[Plan|Ideas]].";
        RenderCache.Gate direct = java.util.function.Supplier::get;
        Rendered pageFirst = cache.get(page, org.wikifarm.markdown.WikiLinkOrder.PAGE_FIRST, direct);
        Rendered labelFirst = cache.get(page, org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST, direct);
        assertThat(pageFirst.html()).contains("href=\"/__wiki__/Plan\">Ideas</a>");
        assertThat(labelFirst.html()).contains("href=\"/__wiki__/Ideas\">Plan</a>");
        assertThat(cache.misses()).isEqualTo(2);
        // Each order is kept apart, in either order of asking, and the default is page first.
        assertThat(cache.get(page, org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST, direct)).isSameAs(labelFirst);
        assertThat(cache.get(page)).isSameAs(pageFirst);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aLabelFirstLabelIsEscaped() {
        Rendered rendered = renderer.render("[[&lt;img src=x onerror=alert(1)&gt;|Page]] [[x\" onclick=\"y|Page]]",
                org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST);
        assertThat(rendered.html())
                .contains("href=\"/__wiki__/Page\">&lt;img src&#61;x onerror&#61;alert(1)&gt;</a>")
                .contains("href=\"/__wiki__/Page\">x&#34; onclick&#61;&#34;y</a>")
                .doesNotContain("<img", "onerror=", "onclick=");
    }

    @Test
    void twoWikisShareOneEntryAndEachBindsItsOwnBase() {
        RenderCache cache = new RenderCache(renderer);
        String page = "See [[Plan]] and [[Ideas|ideas]].";
        Rendered inAlice = cache.get(page);
        Rendered inBob = cache.get(page);
        assertThat(inBob).isSameAs(inAlice);
        assertThat(cache.misses()).isEqualTo(1);

        Set<PagePath> alicePages = Set.of(new PagePath("Plan"), new PagePath("Ideas"));
        Set<PagePath> bobPages = Set.of(new PagePath("Plan"));
        assertThat(RenderedPage.bind(inAlice.html(), "/alice/notes/", alicePages::contains))
                .isEqualTo("<p>See <a class=\"wikilink\" href=\"/alice/notes/Plan\">Plan</a> and "
                        + "<a class=\"wikilink\" href=\"/alice/notes/Ideas\">ideas</a>.</p>\n");
        assertThat(RenderedPage.bind(inBob.html(), "/bob/wiki/", bobPages::contains))
                .isEqualTo("<p>See <a class=\"wikilink\" href=\"/bob/wiki/Plan\">Plan</a> and "
                        + "<a class=\"wikilink missing\" href=\"/bob/wiki/-/edit/Ideas\">ideas</a>.</p>\n");
        // Binding does not change the shared entry.
        assertThat(cache.get(page).html()).contains("href=\"/__wiki__/Plan\"").doesNotContain("alice", "bob");
    }

    @Test
    void evictsTheLeastRecentlyUsedWhenOverTheSizeBound() {
        // "<p>aaaa…</p>\n" is 8 characters more than the text.
        String a = "a".repeat(92);
        String b = "b".repeat(92);
        String c = "c".repeat(92);
        RenderCache cache = new RenderCache(renderer, 250);
        cache.get(a);
        cache.get(b);
        assertThat(cache.chars()).isEqualTo(200);
        cache.get(a); // a is now the most recently used
        cache.get(c); // 300 > 250: b goes
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.chars()).isEqualTo(200);
        long misses = cache.misses();
        cache.get(a);
        cache.get(c);
        assertThat(cache.misses()).isEqualTo(misses);
        cache.get(b);
        assertThat(cache.misses()).isEqualTo(misses + 1);
    }

    @Test
    void doesNotCacheARenderingLargerThanTheBound() {
        RenderCache cache = new RenderCache(renderer, 50);
        String big = "x".repeat(100);
        assertThat(cache.get(big).html()).isEqualTo("<p>" + big + "</p>\n");
        cache.get(big);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.size()).isZero();
        assertThat(cache.chars()).isZero();
    }

    @Test
    void countsCorrectlyUnderConcurrentUse() throws Exception {
        RenderCache cache = new RenderCache(renderer);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                String page = "# Page " + (i % 20) + "\n\n[[Link " + (i % 20) + "]]";
                results.add(pool.submit(() -> cache.get(page).html()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).contains("/__wiki__/Link%20" + (i % 20) + "\"");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.hits() + cache.misses()).isEqualTo(2_000);
        assertThat(cache.misses()).isGreaterThanOrEqualTo(20);
        assertThat(cache.size()).isEqualTo(20);
    }
}
