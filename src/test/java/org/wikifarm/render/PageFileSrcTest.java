package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;

/** Images that name one of the page's files point at it in each view; every other source stays as written. */
class PageFileSrcTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String view(String markdown, String page) {
        return RenderedPage.bind(renderer.render(markdown).html(), "/alice/notes/", new PagePath(page), p -> true);
    }

    @Test
    void aBareFileNameIsThePagesFile() {
        assertThat(view("![A diagram](diagram.png)", "Folder/Page"))
                .contains("<img src=\"/alice/notes/-/file/Folder/Page/diagram.png\" alt=\"A diagram\"");
        assertThat(view("![](my%20plan.png)", "Home")).doesNotContain("-/file/");
        assertThat(view("![](<my plan.png>)", "Home")).contains("src=\"/alice/notes/-/file/Home/my%20plan.png\"");
    }

    @Test
    void aThumbnailWidthIsKept() {
        assertThat(view("![](diagram.png?thumb=200)", "Home"))
                .containsPattern("src=\"/alice/notes/-/file/Home/diagram\\.png\\?thumb(=|&#61;)200\"");
    }

    @Test
    void urlsPathsAndHostileNamesAreLeftAlone() {
        assertThat(view("![](https://example.org/a.png)", "Home")).contains("src=\"https://example.org/a.png\"");
        assertThat(view("![](../secret.png)", "Home")).doesNotContain("-/file/");
        assertThat(view("![](other/a.png)", "Home")).doesNotContain("-/file/");
        assertThat(view("![](javascript:alert(1))", "Home")).doesNotContain("javascript").doesNotContain("-/file/");
        assertThat(view("![](page.md)", "Home")).doesNotContain("-/file/");
        assertThat(view("![](a.png?x=1)", "Home")).doesNotContain("-/file/");
    }

    @Test
    void theSameRenderingServesEveryPage() {
        String html = renderer.render("![](a.png)").html();
        assertThat(RenderedPage.bind(html, "/a/b/", new PagePath("One"), p -> true)).contains("-/file/One/a.png");
        assertThat(RenderedPage.bind(html, "/a/b/", new PagePath("Two"), p -> true)).contains("-/file/Two/a.png");
    }
}
