package org.wikifarm.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where each wiki link's page name is written in the source, so a change can be written back into the page (links
 * pointed at a renamed page) without a second grammar: the positions come from the same parse that finds the links.
 */
class WikiLinkPositionsTest {
    private static final Markdown GRAMMAR = new Markdown(target -> !target.isBlank() && !target.contains("/.."));

    /** The source text at each located link, in document order; "?" for a link that is not located. */
    private static List<String> spelled(String source) {
        return GRAMMAR.parseLocated(source).wikiLinks().stream()
                .map(link -> link.located() ? source.substring(link.start(), link.end()) : "?").toList();
    }

    @Test
    void locatesThePageNameOfEveryFormOfLink() {
        String source = "See [[Old]], [[Old|a label]] and [[Old#Part two|more]], [[ Old ]] and [[Other]].";
        List<MarkdownDocument.LinkAt> links = GRAMMAR.parseLocated(source).wikiLinks();
        assertThat(links).extracting(MarkdownDocument.LinkAt::target)
                .containsExactly("Old", "Old", "Old", "Old", "Other");
        assertThat(links).extracting(MarkdownDocument.LinkAt::anchor).containsExactly("", "", "Part two", "", "");
        assertThat(spelled(source)).containsExactly("Old", "Old", "Old", "Old", "Other");
        assertThat(links.get(0).start()).isEqualTo(source.indexOf("[[Old]]") + 2);
        assertThat(links.get(3).start()).isEqualTo(source.indexOf("[[ Old ]]") + 3);
    }

    @Test
    void locatesLinksInEveryKindOfBlock() {
        String source = "# Heading [[A]]\n\n> quoted [[B]]\n\n- item [[C]]\n  - nested [[D|*styled* label]] then [[E]]\n\n"
                + "| col | col |\n| --- | --- |\n| [[F]] | x [[G]] |\n\nSetext [[H]]\n---\n";
        assertThat(spelled(source)).containsExactly("A", "B", "C", "D", "E", "F", "G", "H");
    }

    @Test
    void positionsCountTheSourceAsWrittenWindowsLineBreaksIncluded() {
        String source = "first line\r\nsecond [[Target]] line\r\n\r\n* [[Next]]\r\n";
        assertThat(spelled(source)).containsExactly("Target", "Next");
    }

    @Test
    void codeAndRawHtmlHoldNoLinks() {
        String source = "`[[InCode]]` and\n\n```\n[[InFence]]\n```\n\n    [[Indented]]\n\n<div>\n[[InHtml]]\n</div>\n\n"
                + "text <span>[[Real]]</span>";
        assertThat(spelled(source)).containsExactly("Real");
    }

    @Test
    void aNameNotSpelledAsItselfIsFoundButNotLocated() {
        assertThat(spelled("[[Caf&eacute;]] and [[A\\_B]] and [[Plain]]")).containsExactly("?", "?", "Plain");
    }

    @Test
    void escapesAndEntitiesBeforeALinkDoNotMoveIt() {
        String source = "Tom &amp; Jerry &eacute;t&#233; &#x1F600; \\*not em\\* &bogus; &#0; [[Old]] \\[x] [[Old|y]]";
        assertThat(spelled(source)).containsExactly("Old", "Old");
        assertThat(GRAMMAR.parseLocated(source).wikiLinks().get(0).start()).isEqualTo(source.indexOf("[[Old]]") + 2);
    }

    @Test
    void theOrdinaryParseKeepsNoPositions() {
        assertThat(GRAMMAR.parse("[[Old]]").wikiLinks()).extracting(MarkdownDocument.LinkAt::located)
                .containsExactly(false);
    }
}
