package org.wikifarm.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.WikiLinks;

class WikiLinkRenderingTest {
    private static final Pattern HREF = Pattern.compile("<a class=\"wikilink\" href=\"/__wiki__/([^\"#]*)");

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private String html(String markdown) {
        return renderer.render(markdown).html();
    }

    @Test
    void rendersPlainLinks() {
        assertThat(html("See [[Home]]."))
                .isEqualTo("<p>See <a class=\"wikilink\" href=\"/__wiki__/Home\">Home</a>.</p>\n");
    }

    @Test
    void rendersLabelledLinks() {
        assertThat(html("[[Home|the start]] and [[ Home | spaced ]] and [[Home|]]"))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/__wiki__/Home\">the start</a> and "
                        + "<a class=\"wikilink\" href=\"/__wiki__/Home\">spaced</a> and "
                        + "<a class=\"wikilink\" href=\"/__wiki__/Home\">Home</a></p>\n");
    }

    @Test
    void rendersAnchorsAsHeadingIds() {
        assertThat(html("[[Guide#Install Steps|install]] [[Guide#install-steps]] [[Guide#]]"))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/__wiki__/Guide#install-steps\">install</a> "
                        + "<a class=\"wikilink\" href=\"/__wiki__/Guide#install-steps\">Guide#install-steps</a> "
                        + "<a class=\"wikilink\" href=\"/__wiki__/Guide\">Guide#</a></p>\n");
    }

    @Test
    void keepsSlashesOfNestedPathsAndEncodesTheRest() {
        assertThat(html("[[projects/2026/Q1 plan]]"))
                .contains("<a class=\"wikilink\" href=\"/__wiki__/projects/2026/Q1%20plan\">projects/2026/Q1 plan</a>");
        assertThat(html("[[a+b?c=d&e:f(g)'h]]"))
                .contains("href=\"/__wiki__/a%2Bb%3Fc%3Dd%26e%3Af%28g%29%27h\"");
    }

    @Test
    void encodesUnicodePathsAsUtf8() {
        assertThat(html("[[Ünïcode/日本語|ラベル]]")).isEqualTo("<p><a class=\"wikilink\" "
                + "href=\"/__wiki__/%C3%9Cn%C3%AFcode/%E6%97%A5%E6%9C%AC%E8%AA%9E\">ラベル</a></p>\n");
    }

    @Test
    void labelsMayHoldInlineMarkup() {
        assertThat(html("[[Plan|the *new* `plan` ~~x~~]] then [[Next]]"))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/__wiki__/Plan\">the <em>new</em> <code>plan</code> "
                        + "<del>x</del></a> then <a class=\"wikilink\" href=\"/__wiki__/Next\">Next</a></p>\n");
        assertThat(html("**[[Bold]]**")).isEqualTo(
                "<p><strong><a class=\"wikilink\" href=\"/__wiki__/Bold\">Bold</a></strong></p>\n");
    }

    @Test
    void isNotALinkInsideCode() {
        assertThat(html("`[[Code]]` and ``x [[Code]] y``")).doesNotContain("wikilink");
        assertThat(html("```\n[[Fenced]]\n```\n")).isEqualTo("<pre><code>[[Fenced]]\n</code></pre>\n");
        assertThat(html("    [[Indented]]\n")).isEqualTo("<pre><code>[[Indented]]\n</code></pre>\n");
    }

    // page.WikiLinks (the link graph) does not know Markdown escapes; both must agree on what is a link.
    @Test
    void aBackslashDoesNotEscapeALinkLikeInTheLinkGraph() {
        assertThat(html("\\[[Escaped]]")).isEqualTo(
                "<p><a class=\"wikilink\" href=\"/__wiki__/Escaped\">Escaped</a></p>\n");
    }

    @Test
    void leavesInvalidTargetsAsText() {
        assertThat(html("[[../etc/passwd]] [[/abs]] [[a//b]] [[.git/config]] [[ ]] [[#only-anchor]]"))
                .isEqualTo("<p>[[../etc/passwd]] [[/abs]] [[a//b]] [[.git/config]] [[ ]] [[#only-anchor]]</p>\n");
        assertThat(html("[[multi\nline]] [[un|closed")).doesNotContain("<a");
    }

    @Test
    void aUrlTargetIsNotAPageAndIsAutolinkedInstead() {
        assertThat(html("[[https://example.com]]")).isEqualTo("<p>[[<a href=\"https://example.com\" "
                + "rel=\"nofollow noopener noreferrer\">https://example.com</a>]]</p>\n");
    }

    @Test
    void urlsInALabelAreNotLinkedTwice() {
        assertThat(html("[[Links|see www.example.com]]"))
                .isEqualTo("<p><a class=\"wikilink\" href=\"/__wiki__/Links\">see www.example.com</a></p>\n");
    }

    @Test
    void noWikiLinkInsideALink() {
        assertThat(html("[see [[Inner]]](https://example.com)")).doesNotContain("wikilink");
    }

    @Test
    void findsTheSameTargetsAsThePageLinkGraph() {
        List<String> documents = List.of(
                "See [[Home]] and [[projects/plan|the plan]].\nAlso [[Ünïcode page]].",
                "[[B]] [[A]] [[B|again]] [[A#x]] [[C]]",
                "[[ Page One #Section 2 ]] [[  Two  |label]] [[#only-an-anchor]] [[ ]]",
                "[[../etc/passwd]] [[/abs]] [[a//b]] [[.git/config]] [[a\\b]] [[ok]]",
                "[[unclosed and [single] and [[multi\nline]] and []]",
                "[[[Triple]]]",
                "\\[[Escaped]] [[a|b|c]]",
                "`[[code]]` [[real]]\n\n```\n[[fenced]]\n```\n\n- [[in list|*label*]]\n\n> [[quoted]]\n\n"
                        + "# [[Heading]]");
        for (String markdown : documents) {
            List<String> expected = WikiLinks.targets(markdown).stream().map(PagePath::value).toList();
            assertThat(renderedTargets(html(markdown))).as(markdown).isEqualTo(expected);
        }
    }

    private static List<String> renderedTargets(String html) {
        Set<String> targets = new LinkedHashSet<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            targets.add(WikiHref.decodePath(m.group(1)).value());
        }
        return new ArrayList<>(targets);
    }
}
