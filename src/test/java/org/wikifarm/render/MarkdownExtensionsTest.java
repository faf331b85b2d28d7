package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Footnotes, alerts, table alignment, math, diagrams and front matter as the page view gets them, and XSS vectors
 * through each: whatever is written, the HTML holds no script, handler, style or foreign class.
 */
class MarkdownExtensionsTest {
    private static final Pattern HANDLER = Pattern.compile("(?i)<[^>]*\\son\\w+\\s*=");
    private static final Pattern JAVASCRIPT_IN_TAG = Pattern.compile("(?i)<[^>]*javascript:[^>]*>");
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String html(String markdown) {
        return renderer.render(markdown).html();
    }

    private static void assertInert(String html) {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainPattern(HANDLER)
                .doesNotContainPattern(JAVASCRIPT_IN_TAG).doesNotContainIgnoringCase("style=")
                .doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase("<svg")
                .doesNotContainIgnoringCase("<iframe");
    }

    @Test
    void footnotesAreNumberedInOrderOfReferenceAndListedAtTheEnd() {
        String html = html("First[^b], second[^a], again[^b], none[^zz].\n\n[^a]: Note *A*.\n[^b]: Note B.\n"
                + "[^unused]: Never shown.\n");
        assertThat(html).isEqualTo("<p>First<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup>,"
                + " second<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\">2</a></sup>,"
                + " again<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\">1</a></sup>, none[^zz].</p>\n"
                + "<section class=\"footnotes\">\n<ol><li id=\"fn-1\">\n<p>Note B. <a href=\"#fnref-1\""
                + " class=\"footnote-backref\" title=\"Back to the text\">\u21a9</a></p>\n</li><li id=\"fn-2\">\n"
                + "<p>Note <em>A</em>. <a href=\"#fnref-2\" class=\"footnote-backref\" title=\"Back to the text\">"
                + "\u21a9</a></p>\n</li></ol>\n</section>\n");
    }

    @Test
    void aFootnoteTakesIndentedLinesAndCodeKeepsItsBrackets() {
        String html = html("x[^n] and `[^n]`\n\n[^n]: one\n\n    two\n\nafter\n");
        assertThat(html).contains("<code>[^n]</code>").contains("<p>after</p>")
                .contains("<li id=\"fn-1\">\n<p>one</p>\n<p>two <a href=\"#fnref-1\"");
        assertThat(html.indexOf("<p>after</p>")).isLessThan(html.indexOf("<section"));
    }

    @Test
    void alertsOfEveryKindGetTheirFixedTitle() {
        for (String kind : new String[] {"NOTE", "Tip", "important", "WARNING", "caution"}) {
            String title = kind.substring(0, 1).toUpperCase() + kind.substring(1).toLowerCase();
            assertThat(html("> [!" + kind + "]\n> Body *text*.\n")).isEqualTo("<div class=\"alert alert-"
                    + kind.toLowerCase() + "\">\n<p class=\"alert-title\">" + title + "</p>\n"
                    + "<p>Body <em>text</em>.</p>\n</div>\n");
        }
    }

    @Test
    void onlyAKnownMarkerOnALineOfItsOwnMakesAnAlert() {
        assertThat(html("> [!BOGUS]\n> x\n")).startsWith("<blockquote>");
        assertThat(html("> [!NOTE] and more\n")).startsWith("<blockquote>");
        assertThat(html("> text\n> [!NOTE]\n")).startsWith("<blockquote>");
        assertThat(html("```\n> [!NOTE]\n```\n")).startsWith("<pre><code>");
    }

    @Test
    void tableAlignmentIsAClassNotAStyle() {
        assertThat(html("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n"))
                .contains("<th class=\"align-left\">a</th><th class=\"align-center\">b</th>"
                        + "<th class=\"align-right\">c</th><th>d</th>")
                .doesNotContain("align=").doesNotContain("style");
    }

    @Test
    void mathKeepsItsTexSourceAsText() {
        assertThat(html("Inline $x^2 \\{a\\} \\\\ b$ here.\n"))
                .isEqualTo("<p>Inline <span class=\"math-inline\">x^2 \\{a\\} \\\\ b</span> here.</p>\n");
        assertThat(html("$$\n\\frac{1}{2}\n\\\\ y\n$$\n")).isEqualTo("<div class=\"math-display\">\\frac{1}{2}\n\\\\ y</div>\n");
        assertThat(html("$$ E = mc^2 $$\n")).isEqualTo("<div class=\"math-display\">E &#61; mc^2</div>\n");
        assertThat(html("```math\na < b\n```\n")).isEqualTo("<div class=\"math-display\">a &lt; b</div>\n");
    }

    @Test
    void dollarsThatAreNotMathStayText() {
        assertThat(html("It costs $5 and $10.\n")).isEqualTo("<p>It costs $5 and $10.</p>\n");
        assertThat(html("Escaped \\$x\\$ and $ spaced $ and `$code$`.\n"))
                .isEqualTo("<p>Escaped $x$ and $ spaced $ and <code>$code$</code>.</p>\n");
        assertThat(renderer.render("It costs $5.\n").features().math()).isFalse();
    }

    @Test
    void mermaidBlocksAreTheirSourceInAPre() {
        Rendered rendered = renderer.render("```mermaid\ngraph TD\n  A-->B\n```\n");
        assertThat(rendered.html()).isEqualTo("<pre class=\"mermaid\">graph TD\n  A--&gt;B\n</pre>\n");
        assertThat(rendered.features().diagrams()).isTrue();
        assertThat(rendered.features().math()).isFalse();
    }

    @Test
    void frontMatterIsNotTextButTheRenderingsMetadata() {
        Rendered rendered = renderer.render("---\ntitle: \"Plan <b>\"\ncategory: Work\ntags: [a, b]\n---\n# Body\n");
        assertThat(rendered.html()).isEqualTo("<h1 id=\"body\">Body</h1>\n");
        assertThat(rendered.frontMatter().title()).isEqualTo("Plan <b>");
        assertThat(rendered.frontMatter().category()).isEqualTo("Work");
        assertThat(rendered.frontMatter().tags()).containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // math
        "$<script>alert(1)</script>$",
        "$x</span><img src=x onerror=alert(1)>$",
        "$$\n</div><script>alert(1)</script>\n$$",
        "$$ <svg onload=alert(1)> $$",
        "```math\n</div><iframe src=javascript:alert(1)>\n```",
        "$\\href{javascript:alert(1)}{x}$",
        // mermaid
        "```mermaid\ngraph TD\nA-->B\nclick A callback \"alert(1)\"\nclick B \"javascript:alert(1)\"\n```",
        "```mermaid\n%%{init: {\"securityLevel\": \"loose\"}}%%\ngraph TD\nA[\"<img src=x onerror=alert(1)>\"]\n```",
        "```mermaid\n</pre><script>alert(1)</script>\n```",
        // footnotes
        "x[^\"><script>alert(1)</script>]\n\n[^\"><script>alert(1)</script>]: y",
        "x[^onmouseover=alert(1)]\n\n[^onmouseover=alert(1)]: <img src=x onerror=alert(1)>",
        "x[^1]\n\n[^1]: [a](javascript:alert(1))",
        // alerts
        "> [!NOTE]\n> <script>alert(1)</script>",
        "> [!WARNING]\n> <div class=\"alert-title\" onclick=\"alert(1)\">x</div>",
        "> [!<img src=x onerror=alert(1)>]\n> x",
        // front matter
        "---\ntitle: <script>alert(1)</script>\ntags: [\"<img src=x onerror=alert(1)>\"]\n---\nbody",
        "---\ntitle: x\n<script>alert(1)</script>\n---\nbody",
        // raw HTML imitating what the renderer writes
        "<div class=\"math-display\" style=\"color:red\" onclick=\"alert(1)\">x</div>",
        "<pre class=\"mermaid\" id=\"x\"><style>*{}</style></pre>",
        "<iframe class=\"diagram-frame\" src=\"/static/diagram.html\"></iframe>",
        "<li id=\"fn-1\" onclick=\"alert(1)\">x</li><a id=\"fnref-x\" href=\"#\">x</a>",
    })
    void xssThroughTheNewSyntaxIsInert(String markdown) {
        String html = html(markdown);
        assertInert(html);
        assertThat(html).doesNotContain("id=\"fnref-x\"").doesNotContain("id=\"x\"");
    }

    @Test
    void classesFromRawHtmlAreLimitedToTheRenderersOwn() {
        assertThat(html("<span class=\"katex\">a</span>\n\n<div class=\"alert alert-note evil\">b</div>"))
                .doesNotContain("katex").doesNotContain("evil").doesNotContain("class");
    }
}
