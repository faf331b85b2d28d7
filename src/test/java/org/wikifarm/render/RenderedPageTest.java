package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

class RenderedPageTest {
    private static final Predicate<PagePath> ALL = page -> true;
    private static final Predicate<PagePath> NONE = page -> false;

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String html(String markdown) {
        return renderer.render(markdown).html();
    }

    @Test
    void theSanitiserKeepsThePlaceholderInTheFormBindLooksFor() {
        assertThat(html("[[A]] [[b/Ü x#Sec|l]] [[c|*d*]]"))
                .contains(RenderedPage.LINK_START + "A\">A</a>")
                .contains(RenderedPage.LINK_START + "b/%C3%9C%20x#sec\">l</a>")
                .contains(RenderedPage.LINK_START + "c\"><em>d</em></a>");
    }

    @Test
    void pointsLinksToExistingPagesAtTheWiki() {
        assertThat(RenderedPage.bind(html("[[projects/plan#Install|plan]] and [[Home]]"), "/alice/notes/", ALL))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/alice/notes/projects/plan#install\">plan</a> and "
                        + "<a class=\"wikilink\" href=\"/alice/notes/Home\">Home</a></p>\n");
    }

    @Test
    void pointsLinksToAliasedPagesAtTheirAlias() {
        Predicate<PagePath> admin = page -> page.value().startsWith("admin");
        assertThat(RenderedPage.bind(html("[[admin/Notes#Top|a]], [[Home]] and [[admin x]]"), "/", ALL, admin))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/-/page/admin/Notes#top\">a</a>, "
                        + "<a class=\"wikilink\" href=\"/Home\">Home</a> and "
                        + "<a class=\"wikilink\" href=\"/-/page/admin%20x\">admin x</a></p>\n");
        // A missing page's link is its create form, which is never shadowed.
        assertThat(RenderedPage.bind(html("[[admin]]"), "/", NONE, admin))
                .isEqualTo("<p><a class=\"wikilink missing\" href=\"/-/edit/admin\">admin</a></p>\n");
    }

    @Test
    void pointsLinksToMissingPagesAtTheCreateForm() {
        assertThat(RenderedPage.bind(html("[[projects/new plan#Intro|new]]"), "/alice/notes/", NONE))
                .isEqualTo("<p><a class=\"wikilink missing\" href=\"/alice/notes/-/edit/projects/new%20plan\">new</a>"
                        + "</p>\n");
    }

    @Test
    void asksAboutEachLinkedPageWithItsDecodedPath() {
        List<PagePath> asked = new ArrayList<>();
        Set<PagePath> existing = Set.of(new PagePath("Ünïcode/日本"));
        String bound = RenderedPage.bind(html("[[Ünïcode/日本]] [[Gone]]"), "/w/", page -> {
            asked.add(page);
            return existing.contains(page);
        });
        assertThat(asked).containsExactly(new PagePath("Ünïcode/日本"), new PagePath("Gone"));
        assertThat(bound).isEqualTo("<p><a class=\"wikilink\" href=\"/w/%C3%9Cn%C3%AFcode/%E6%97%A5%E6%9C%AC\">"
                + "Ünïcode/日本</a> <a class=\"wikilink missing\" href=\"/w/-/edit/Gone\">Gone</a></p>\n");
    }

    @Test
    void acceptsABaseWithoutTrailingSlashAndTheRootBase() {
        String html = html("[[A]]");
        assertThat(RenderedPage.bind(html, "/alice/notes", ALL)).contains("href=\"/alice/notes/A\"");
        assertThat(RenderedPage.bind(html, "/", ALL)).contains("href=\"/A\"");
        assertThat(RenderedPage.bind(html, "/", NONE)).contains("href=\"/-/edit/A\"");
    }

    @Test
    void refusesABaseThatIsNotAPathOnThisSite() {
        for (String base : List.of("alice/", "//evil.example/", "javascript:alert(1)//", "")) {
            assertThatThrownBy(() -> RenderedPage.bind("", base, ALL)).as(base)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void escapesTheBaseForTheAttribute() {
        assertThat(RenderedPage.bind(html("[[A]]"), "/a\"<b>/", ALL)).contains("href=\"/a&#34;&lt;b&gt;/A\"");
    }

    @Test
    void leavesHtmlWithoutWikiLinksAsItIs() {
        String html = html("# Title\n\n[ext](https://e.com) [rel](/__wiki__/x) `[[code]]`");
        assertThat(RenderedPage.bind(html, "/w/", ALL)).isSameAs(html);
    }

    @Test
    void aForgedWikiLinkToAnInvalidPathLosesItsHref() {
        String html = html("<a class=\"wikilink\" href=\"/__wiki__/../../admin\">x</a> "
                + "<a class=\"wikilink\" href=\"/__wiki__/%ZZ\">y</a> "
                + "<a class=\"wikilink\" href=\"/__wiki__/%C3\">z</a>");
        assertThat(RenderedPage.bind(html, "/w/", ALL)).isEqualTo("<p><a class=\"wikilink missing\">x</a> "
                + "<a class=\"wikilink missing\">y</a> <a class=\"wikilink missing\">z</a></p>\n");
    }

    @Test
    void aForgedFragmentIsDropped() {
        String html = html("<a class=\"wikilink\" href=\"/__wiki__/A#x&quot;y\">x</a>");
        assertThat(RenderedPage.bind(html, "/w/", ALL)).isEqualTo("<p><a class=\"wikilink\" href=\"/w/A\">x</a></p>\n");
    }

    @Test
    void bindsEveryLinkInALongPageInOnePass() {
        String markdown = "[[Page 1]] text ".repeat(5_000);
        String bound = RenderedPage.bind(html(markdown), "/w/", page -> page.value().endsWith("1"));
        assertThat(bound).doesNotContain("/__wiki__/");
        assertThat(bound.split("href=\"/w/Page%201\"", -1)).hasSize(5_001);
    }
}
