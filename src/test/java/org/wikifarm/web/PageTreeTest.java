package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

class PageTreeTest {
    private static final List<PageTree.Node> TREE = PageTree.of(List.of(new PagePath("Home"),
            new PagePath("projects"), new PagePath("projects/2026/plan"), new PagePath("projects/notes"),
            new PagePath("zebra")));

    @Test
    void foldersOpenAboveTheCurrentPageWhichIsMarked() {
        String html = PageTree.html(TREE, "/ann/garden", new PagePath("projects/2026/plan"));
        assertThat(html).isEqualTo("<ul class=\"tree\">"
                + "<li><a href=\"/ann/garden/Home\">Home</a></li>"
                + "<li><details open><summary><a href=\"/ann/garden/projects\">projects</a></summary><ul class=\"tree\">"
                + "<li><details open><summary>2026</summary><ul class=\"tree\">"
                + "<li><a href=\"/ann/garden/projects/2026/plan\" aria-current=\"page\">plan</a></li>"
                + "</ul></details></li>"
                + "<li><a href=\"/ann/garden/projects/notes\">notes</a></li>"
                + "</ul></details></li>"
                + "<li><a href=\"/ann/garden/zebra\">zebra</a></li>"
                + "</ul>");
    }

    @Test
    void withoutACurrentPageEveryFolderIsClosed() {
        String html = PageTree.html(TREE, "", null);
        assertThat(html).doesNotContain("open").doesNotContain("aria-current").contains("<a href=\"/Home\">Home</a>");
        assertThat(PageTree.html(TREE, "", new PagePath("projectsX"))).doesNotContain("details open");
        assertThat(PageTree.html(null, "", null)).isEmpty();
    }

    @Test
    void namesAndAddressesAreEscaped() {
        List<PageTree.Node> hostile = PageTree.of(List.of(new PagePath("<b>bold & \"quoted\""),
                new PagePath("it's/<i>")));
        String html = PageTree.html(hostile, "/a\"b", null);
        assertThat(html).doesNotContain("<b>").doesNotContain("<i>").doesNotContain("a\"b")
                .contains(">&lt;b&gt;bold &amp; &#34;quoted&#34;</a>")
                .contains("<summary>it&#39;s</summary>")
                .contains("href=\"/a&#34;b/%3Cb%3Ebold%20%26%20%22quoted%22\"");
    }

    @Test
    void aRememberedTreeOrHtmlIsTheOneThatWouldBeBuilt() {
        List<PagePath> pages = new java.util.ArrayList<>(List.of(new PagePath("Home"), new PagePath("a/b")));
        List<PageTree.Node> first = PageTree.of(pages);
        List<PageTree.Node> again = PageTree.of(List.of(new PagePath("Home"), new PagePath("a/b")));
        assertThat(again).isSameAs(first);

        pages.add(new PagePath("c"));
        assertThat(PageTree.of(pages)).as("another list of pages, another tree").isNotEqualTo(first)
                .extracting(PageTree.Node::name).containsExactly("a", "c", "Home");
        assertThat(PageTree.of(List.of(new PagePath("Home"), new PagePath("a/b")))).isSameAs(first);

        String onB = PageTree.html(first, "/x/y", new PagePath("a/b"));
        assertThat(PageTree.html(first, "/x/y", new PagePath("Home"))).isNotEqualTo(onB)
                .contains("aria-current=\"page\">Home");
        assertThat(PageTree.html(first, "/other/base", new PagePath("a/b"))).isEqualTo(onB.replace("/x/y", "/other/base"));
        assertThat(PageTree.html(first, "/x/y", new PagePath("a/b"))).isEqualTo(onB);
    }
}
