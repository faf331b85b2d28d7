package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String html(String markdown) {
        return renderer.render(markdown).html();
    }

    @Test
    void rendersCommonMark() {
        assertThat(html("Some *em* and **strong** text.\n\n> quoted\n\n---\n\n1. one\n2. two\n"))
                .isEqualTo("<p>Some <em>em</em> and <strong>strong</strong> text.</p>\n"
                        + "<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr />\n"
                        + "<ol><li>one</li><li>two</li></ol>\n");
        assertThat(html("3. three\n4. four\n")).startsWith("<ol start=\"3\">");
        assertThat(html("line  \nbreak")).isEqualTo("<p>line<br />\nbreak</p>\n");
    }

    // The sanitiser drops the whitespace between list and table elements, where text is not allowed.
    @Test
    void rendersGfmTablesWithAlignment() {
        assertThat(html("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"))
                .isEqualTo("<table><thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th>"
                        + "<th class=\"align-right\">c</th></tr></thead><tbody><tr><td class=\"align-left\">1</td>"
                        + "<td class=\"align-center\">2</td><td class=\"align-right\">3</td></tr></tbody></table>\n");
    }

    @Test
    void rendersStrikethrough() {
        assertThat(html("~~gone~~ and ~kept~ too")).isEqualTo("<p><del>gone</del> and <del>kept</del> too</p>\n");
    }

    @Test
    void rendersTaskListItemsAsDisabledCheckboxes() {
        assertThat(html("- [ ] todo\n- [x] done\n- [X] Done\n- plain [ ] not a task\n"))
                .isEqualTo("<ul>"
                        + "<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Task\" /> todo</li>"
                        + "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Task\" /> done</li>"
                        + "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Task\" /> Done</li>"
                        + "<li>plain [ ] not a task</li></ul>\n");
        assertThat(html("1. [x] first\n"))
                .contains("<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Task\" /> first</li>");
        assertThat(html("[ ] not in a list")).isEqualTo("<p>[ ] not in a list</p>\n");
    }

    @Test
    void rendersAutolinks() {
        assertThat(html("www.example.com, https://example.org/a and me@example.com"))
                .isEqualTo("<p><a href=\"http://www.example.com\" rel=\"nofollow noopener noreferrer\">"
                        + "www.example.com</a>, <a href=\"https://example.org/a\" "
                        + "rel=\"nofollow noopener noreferrer\">https://example.org/a</a>"
                        + " and <a href=\"mailto:me&#64;example.com\">me&#64;example.com</a></p>\n");
    }

    @Test
    void giveHeadingsUniqueIdsAndListsThemInTheToc() {
        Rendered rendered = renderer.render("# Intro\n\n## Set *up*\n\n## Set up\n\n### Set up\n\nText\n===\n");
        assertThat(rendered.html()).isEqualTo("<h1 id=\"intro\">Intro</h1>\n"
                + "<h2 id=\"set-up\">Set <em>up</em></h2>\n"
                + "<h2 id=\"set-up-1\">Set up</h2>\n"
                + "<h3 id=\"set-up-2\">Set up</h3>\n"
                + "<h1 id=\"text\">Text</h1>\n");
        assertThat(rendered.toc()).containsExactly(
                new Heading(1, "Intro", "intro"),
                new Heading(2, "Set up", "set-up"),
                new Heading(2, "Set up", "set-up-1"),
                new Heading(3, "Set up", "set-up-2"),
                new Heading(1, "Text", "text"));
    }

    @Test
    void headingIdsKeepUnicodeLettersAndDropPunctuation() {
        Rendered rendered = renderer.render("## Überblick: `code` & [[Page|Links]]!\n\n## 🎉\n\n## 🎉!\n");
        assertThat(rendered.toc()).containsExactly(
                new Heading(2, "Überblick: code & Links!", "überblick-code--links"),
                new Heading(2, "🎉", "section"),
                new Heading(2, "🎉!", "section-1"));
        assertThat(rendered.html())
                .startsWith("<h2 id=\"überblick-code--links\">Überblick: <code>code</code> &amp; ");
    }

    @Test
    void headingIdsDoNotCollideWithSuffixedOnes() {
        assertThat(renderer.render("# a-1\n# a\n# a\n").toc()).extracting(Heading::id)
                .containsExactly("a-1", "a", "a-2");
    }

    @Test
    void longHeadingsGetBoundedIds() {
        String id = renderer.render("# " + "word ".repeat(100)).toc().get(0).id();
        assertThat(id).hasSize(100).startsWith("word-word-");
        assertThat(renderer.render("# " + "word ".repeat(100)).html()).contains("id=\"" + id + "\"");
    }

    @Test
    void fencedCodeKeepsItsLanguageClassForTheHighlighter() {
        assertThat(html("```java\nint x = 1 < 2;\n```\n"))
                .isEqualTo("<pre><code class=\"language-java\">int x &#61; 1 &lt; 2;\n</code></pre>\n");
        assertThat(html("~~~c++ linenos\nx\n~~~\n")).startsWith("<pre><code class=\"language-c&#43;&#43;\">");
        assertThat(html("```\nplain\n```\n")).isEqualTo("<pre><code>plain\n</code></pre>\n");
        assertThat(html("    indented *not em*\n")).isEqualTo("<pre><code>indented *not em*\n</code></pre>\n");
    }

    @Test
    void anInfoStringCannotSmuggleMarkupIntoTheClass() {
        assertThat(html("```\"><script>alert(1)</script>\nx\n```\n")).isEqualTo("<pre><code>x\n</code></pre>\n");
        assertThat(html("```js\" onclick=\"alert(1)\nx\n```\n")).isEqualTo("<pre><code>x\n</code></pre>\n");
    }

    @Test
    void documentWithoutHeadingsHasAnEmptyToc() {
        assertThat(renderer.render("just text").toc()).isEmpty();
        assertThat(renderer.render("").html()).isEmpty();
    }

    /**
     * 20,000 headings with the same text used to take about 11 s (each id tried every number from 1 up): the renderer
     * checks its deadline at every id it tries, so a budget of a few steps per heading proves the ids are linear.
     */
    @Test
    void manyHeadingsWithTheSameTextGetUniqueIdsInLinearWork() {
        int headings = 20_000;
        long[] steps = {0};
        MarkdownRenderer counting = new MarkdownRenderer(Duration.ofNanos(40L * headings), () -> steps[0]++);
        Rendered rendered = counting.render("# h\n".repeat(headings));
        assertThat(rendered.complete()).as("rendered within %s steps", 40L * headings).isTrue();
        assertThat(rendered.toc()).hasSize(headings);
        assertThat(rendered.toc().stream().map(Heading::id).distinct().count()).isEqualTo(headings);
        assertThat(rendered.toc().get(headings - 1).id()).isEqualTo("h-" + (headings - 1));
        // Headings that already look numbered do not make the others walk past them one by one either.
        Rendered mixed = counting.render("# h-1\n# h-2\n# h\n# h\n# h\n");
        assertThat(mixed.toc()).extracting(Heading::id).containsExactly("h-1", "h-2", "h", "h-3", "h-4");
    }

    @Test
    void aPageOverItsBudgetIsShownAsItsEscapedSource() {
        long[] now = {0};
        // Every check of the deadline moves the clock one millisecond: a budget of 50 ms is 50 steps.
        MarkdownRenderer slow = new MarkdownRenderer(Duration.ofMillis(50), () -> now[0] += 1_000_000);
        String big = "# Title <b>&</b>\n\n" + "* item [[Link]]\n".repeat(500);
        Rendered rendered = slow.render(big);
        assertThat(rendered.complete()).isFalse();
        assertThat(rendered.toc()).isEmpty();
        assertThat(rendered.html()).startsWith("<pre class=\"unrendered\"># Title &lt;b&gt;&amp;&lt;/b&gt;")
                .doesNotContain("<b>").doesNotContain("<li>");
        assertThat(slow.render("short").complete()).as("a short page fits the same budget").isTrue();
    }
}
