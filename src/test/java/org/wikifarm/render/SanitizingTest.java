package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SanitizingTest {
    private static final Pattern SCRIPT = Pattern.compile("(?i)<script");
    private static final Pattern HANDLER = Pattern.compile("(?i)\\bon\\w+\\s*=");
    private static final Pattern JAVASCRIPT = Pattern.compile("(?i)javascript:");
    /** A tag (or what a browser would read as one) that mentions javascript: in any way. */
    private static final Pattern JAVASCRIPT_IN_TAG = Pattern.compile("(?i)<[^>]*javascript:[^>]*>");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String html(String markdown) {
        return renderer.render(markdown).html();
    }

    private static void assertInert(String html) {
        assertThat(html).doesNotContainPattern(SCRIPT).doesNotContainPattern(HANDLER)
                .doesNotContainPattern(JAVASCRIPT_IN_TAG).doesNotContainIgnoringCase("vbscript:")
                .doesNotContainIgnoringCase("data:").doesNotContainIgnoringCase("<svg")
                .doesNotContainIgnoringCase("<math").doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase("style=");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>",
        "text <script>alert(1)</script> inline",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](JAVASCRIPT:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<a href=\"JaVaScRiPt:alert(1)\">a</a>",
        "<a href=\"&#106;avascript:alert(1)\">a</a>",
        "<a href=\"java&#x09;script:alert(1)\">a</a>",
        "<a href=\" javascript:alert(1)\">a</a>",
        "<a href=\"vbscript:msgbox(1)\">a</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mtext></math>",
        "<style>body { background: url(javascript:alert(1)) }</style>",
        "<p style=\"background:url(javascript:alert(1))\">styled</p>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "[[x|<img src=x onerror=alert(1)>]]",
        "![d](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<img src=\"data:image/png;base64,AAAA\">",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<form action=\"https://evil.example/\"><input name=p></form>",
        "<base href=\"https://evil.example/\"><meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<details open ontoggle=alert(1)><summary>s</summary></details>",
        "<a href=\"https://example.com\" onclick=\"alert(1)\" onmouseover=alert(1)>a</a>",
        "<img src=\"x\" alt=\"\\\" onerror=alert(1) x=\\\"\">",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "```\n</code></pre><script>alert(1)</script>\n```",
        "<!--><script>alert(1)</script>-->",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    })
    void neutralisesXssVectors(String markdown) {
        String html = html(markdown);
        assertInert(html);
        assertThat(html).doesNotContainPattern(JAVASCRIPT);
    }

    @Test
    void aJavascriptWikiLinkIsAPageNameNotAUrl() {
        // "javascript:alert(1)" is a valid page name; it only shows as text and lives in a relative path.
        String html = html("[[javascript:alert(1)]]");
        assertInert(html);
        assertThat(html).isEqualTo("<p><a class=\"wikilink\" href=\"/__wiki__/javascript%3Aalert%281%29\">"
                + "javascript:alert(1)</a></p>\n");
    }

    @Test
    void aJavascriptAutolinkBecomesText() {
        String html = html("<javascript:alert(1)>");
        assertInert(html);
        assertThat(html).isEqualTo("<p>javascript:alert(1)</p>\n");
    }

    @Test
    void removesEventHandlersButKeepsTheElement() {
        // A line starting with a tag is an HTML block: no paragraph around it.
        assertThat(html("<img src=x onerror=alert(1)>")).isEqualTo("<img src=\"x\" />\n");
        assertThat(html("[[x|<img src=x onerror=alert(1)>]]"))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/__wiki__/x\"><img src=\"x\" /></a></p>\n");
        assertThat(html("<a href=\"JaVaScRiPt:alert(1)\">a</a>")).isEqualTo("<p>a</p>\n");
    }

    @Test
    void dataUrlsAreDroppedFromImagesAndLinks() {
        assertThat(html("![d](data:image/png;base64,AAAA) [e](data:text/html,x)"))
                .isEqualTo("<p><img alt=\"d\" /> e</p>\n");
    }

    @Test
    void keepsHarmlessRawHtml() {
        assertThat(html("<details open><summary>More</summary>\n\n"
                + "<kbd>Ctrl</kbd>+x<sup>2</sup> H<sub>2</sub>O\n\n</details>"))
                .isEqualTo("<details open=\"open\"><summary>More</summary>\n"
                        + "<p><kbd>Ctrl</kbd>&#43;x<sup>2</sup> H<sub>2</sub>O</p>\n</details>\n");
    }

    @Test
    void imagesAllowHttpHttpsAndRelativeSourcesOnly() {
        assertThat(html("![a](https://e.com/i.png \"t\") ![b](img/b.png) ![c](mailto:x@y.z) ![d](ftp://e.com/d)"))
                .isEqualTo("<p><img src=\"https://e.com/i.png\" alt=\"a\" title=\"t\" /> "
                        + "<img src=\"img/b.png\" alt=\"b\" /> <img alt=\"c\" /> <img alt=\"d\" /></p>\n");
    }

    @Test
    void externalLinksGetRelAndOthersDoNot() {
        assertThat(html("[a](https://e.com \"T\") [b](/wiki/x) [c](#top) [d](mailto:a@b.c) [e](//e.com/x)"))
                .isEqualTo("<p><a href=\"https://e.com\" title=\"T\" rel=\"nofollow noopener noreferrer\">a</a> "
                        + "<a href=\"/wiki/x\">b</a> <a href=\"#top\">c</a> <a href=\"mailto:a&#64;b.c\">d</a> "
                        + "<a href=\"//e.com/x\" rel=\"nofollow noopener noreferrer\">e</a></p>\n");
    }

    @Test
    void rawHtmlCannotChooseRelTargetOrClasses() {
        assertThat(html("<a href=\"http://e.com\" rel=\"opener\" target=\"_blank\" class=\"btn\">x</a>"))
                .isEqualTo("<p><a href=\"http://e.com\" rel=\"nofollow noopener noreferrer\">x</a></p>\n");
        assertThat(html("<a href=\"/x\" class=\"wikilink missing\">x</a> <p class=\"alert\" id=\"main\">p</p>"))
                .isEqualTo("<p><a href=\"/x\">x</a> </p><p>p</p>\n");
        assertThat(html("<code class=\"language-js hljs\">c</code> <code class=\"language-js\">d</code>"))
                .isEqualTo("<p><code>c</code> <code class=\"language-js\">d</code></p>\n");
    }

    @Test
    void rawInputsCanOnlyBeDisabledCheckboxes() {
        assertThat(html("<input type=\"text\" value=\"pw\"> <input value=\"x\"> <input type=\"checkbox\" checked>"))
                .isEqualTo("<p>  <input type=\"checkbox\" checked=\"checked\" disabled=\"disabled\" /></p>\n");
    }

    @Test
    void headingIdsFromRawHtmlMustLookLikeOurs() {
        assertThat(html("<h2 id=\"ok-id\">a</h2><h2 id=\"x y\">b</h2><h2 id=\"&quot;&gt;\">c</h2>"))
                .isEqualTo("<h2 id=\"ok-id\">a</h2><h2>b</h2><h2>c</h2>\n");
    }
}
