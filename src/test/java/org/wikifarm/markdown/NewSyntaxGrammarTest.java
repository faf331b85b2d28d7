package org.wikifarm.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.WikiLinks;

/**
 * One grammar for the new syntax too: the links in footnotes and alerts are links for backlinks and renames, their
 * words are words for search, front matter is neither, and line numbers stay the source's.
 */
class NewSyntaxGrammarTest {
    private static final Markdown GRAMMAR = new Markdown(PagePath::isValid);
    private static final String PAGE = String.join("\n",
            "---",
            "title: [[NotALink]]",
            "tags: [t]",
            "---",
            "# Head",
            "",
            "Text[^1] with $[[InMath]]$.",
            "",
            "> [!TIP]",
            "> See [[Alerted]].",
            "",
            "```mermaid",
            "graph TD; A-->B",
            "```",
            "",
            "## Second",
            "",
            "[^1]: Footnote to [[Noted]].",
            "");

    @Test
    void linksInFootnotesAndAlertsAreLinksAndFrontMatterAndMathAreNot() {
        MarkdownDocument document = GRAMMAR.parse(PAGE);
        assertThat(document.linkTargets()).containsExactly("Alerted", "Noted");
        assertThat(WikiLinks.targets(PAGE)).containsExactly(new PagePath("Alerted"), new PagePath("Noted"));
        assertThat(document.frontMatter().title()).isEqualTo("[[NotALink]]");
    }

    @Test
    void renamingRewritesLinksInFootnotesAndAlertsOnly() {
        String renamed = WikiLinks.retarget(PAGE, new PagePath("Noted"), new PagePath("Kept"));
        assertThat(renamed).contains("[^1]: Footnote to [[Kept]].").contains("title: [[NotALink]]");
        assertThat(WikiLinks.retarget(PAGE, new PagePath("NotALink"), new PagePath("X"))).isNull();
        assertThat(WikiLinks.retarget(PAGE, new PagePath("Alerted"), new PagePath("Y"))).contains("> See [[Y]].");
    }

    @Test
    void headingsKeepTheirSourceLinesAfterFrontMatter() {
        MarkdownDocument document = GRAMMAR.parse(PAGE);
        assertThat(document.headings()).extracting(MarkdownDocument.Heading::line).containsExactly(4, 15);
        assertThat(document.sourceSections().get(0).title()).isEqualTo("Head");
        assertThat(document.lines(4, 5)).isEqualTo("# Head\n");
    }

    @Test
    void searchReadsTheWordsOfAlertsFootnotesMathAndDiagramsButNotFrontMatter() {
        List<MarkdownDocument.TextSection> sections = GRAMMAR.parse(PAGE).textSections();
        String words = String.join(" ", sections.stream().flatMap(s -> s.paragraphs().stream()).toList());
        assertThat(words).contains("See Alerted").contains("Footnote to Noted").contains("[[InMath]]")
                .contains("graph TD; A-->B").doesNotContain("NotALink").doesNotContain("TIP");
    }

    @Test
    void featuresSayWhatScriptsAPageNeeds() {
        assertThat(GRAMMAR.parse("$x$").features()).isEqualTo(new MarkdownDocument.Features(true, false));
        assertThat(GRAMMAR.parse("```mermaid\na\n```").features())
                .isEqualTo(new MarkdownDocument.Features(false, true));
        assertThat(GRAMMAR.parse("> [!NOTE]\n> $$ x $$\n").features().math()).isTrue();
        assertThat(GRAMMAR.parse("`$x$` and $5").features()).isEqualTo(MarkdownDocument.Features.NONE);
    }
}
