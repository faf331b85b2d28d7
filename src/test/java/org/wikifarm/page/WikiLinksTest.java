package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;

class WikiLinksTest {

    private static List<String> targets(String markdown) {
        return WikiLinks.targets(markdown).stream().map(PagePath::value).toList();
    }

    @Test
    void findsPlainAndLabelledLinksInOrder() {
        assertThat(targets("See [[Home]] and [[projects/plan|the plan]].\nAlso [[Ünïcode page]]."))
                .containsExactly("Home", "projects/plan", "Ünïcode page");
    }

    @Test
    void deduplicatesKeepingFirstAppearance() {
        assertThat(targets("[[B]] [[A]] [[B|again]] [[A#x]] [[C]]")).containsExactly("B", "A", "C");
    }

    @Test
    void stripsAnchorsAndWhitespace() {
        assertThat(targets("[[ Page One #Section 2 ]] [[  Two  |label]]")).containsExactly("Page One", "Two");
        assertThat(targets("[[#only-an-anchor]] [[ ]]")).isEmpty();
    }

    @Test
    void ignoresTargetsThatAreNotPages() {
        assertThat(targets("[[../etc/passwd]] [[/abs]] [[a//b]] [[.git/config]] [[a\\b]] [[ok]]"))
                .containsExactly("ok");
    }

    @Test
    void ignoresBrokenSyntax() {
        assertThat(targets("[[unclosed and [single] and [[multi\nline]] and []]")).isEmpty();
        assertThat(targets("[[[Triple]]]")).containsExactly("Triple");
        assertThat(targets("")).isEmpty();
    }

    @Test
    void skipsBacktickAndTildeFences() {
        String md = """
                [[Before]]
                ```markdown
                [[InBackticks]]
                ```
                ~~~
                [[InTildes]]
                ```
                still code [[StillCode]]
                ~~~
                [[After]]
                """;
        assertThat(targets(md)).containsExactly("Before", "After");
    }

    @Test
    void fenceClosesOnlyWithALongEnoughRunOfTheSameCharacter() {
        String md = "````\n```\n[[Inside]]\n~~~~\n````\n[[After]]\n";
        assertThat(targets(md)).containsExactly("After");
    }

    @Test
    void anUnclosedFenceRunsToTheEnd() {
        assertThat(targets("[[Seen]]\n```\n[[Hidden]]\n\n[[AlsoHidden]]")).containsExactly("Seen");
    }

    @Test
    void indentedFenceMarkersAndCrLfLineEnds() {
        assertThat(targets("   ```\r\n[[Code]]\r\n   ```\r\n[[Real]]\r\n")).containsExactly("Real");
        // Four spaces is an indented code line, not a fence, so the link after it still counts.
        assertThat(targets("    ```\n[[Real]]")).containsExactly("Real");
    }

    @Test
    void skipsInlineCodeSpans() {
        assertThat(targets("Write `[[Page]]` to link, like [[Real]].")).containsExactly("Real");
        assertThat(targets("Double ``a ` [[Hidden]] `` then [[Shown]]")).containsExactly("Shown");
    }

    @Test
    void anUnmatchedBacktickIsText() {
        assertThat(targets("It's a ` stray backtick and [[Real]]")).containsExactly("Real");
        // A code span cannot cross a blank line.
        assertThat(targets("open `span\n\n[[Real]] `")).containsExactly("Real");
    }

    @Test
    void codeSpansMayCrossALineWithinAParagraph() {
        assertThat(targets("`start\n[[Hidden]] end` [[Shown]]")).containsExactly("Shown");
    }

    @Test
    void retargetsEveryFormOfLinkToThePageAndNothingElse() {
        PagePath old = new PagePath("Old");
        PagePath moved = new PagePath("archive/New name");
        String text = "[[Old]], [[Old|label]], [[ Old #Part|label]], [[Older]], [[Other|Old]], `[[Old]]`,\n\n"
                + "```\n[[Old]]\n```\n\n<div>\n[[Old]]\n</div>\n\nTom &amp; Jerry [[Old]]\n";
        assertThat(WikiLinks.retarget(text, old, moved)).isEqualTo("[[archive/New name]], [[archive/New name|label]],"
                + " [[ archive/New name #Part|label]], [[Older]], [[Other|Old]], `[[Old]]`,\n\n"
                + "```\n[[Old]]\n```\n\n<div>\n[[Old]]\n</div>\n\nTom &amp; Jerry [[archive/New name]]\n");
    }

    @Test
    void whereLabelsComeFirstOnlyThePageHalfIsRewritten() {
        PagePath old = new PagePath("Old");
        PagePath moved = new PagePath("New");
        String text = "[[Label|Old]], [[Old]], [[Old|Label]], [[A|B| Old #Part]], `[[Label|Old]]`, [[Old label|Older]]"
                + ", [[*styled* label|Old]]";
        assertThat(WikiLinks.retarget(text, old, moved, org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST))
                .isEqualTo("[[Label|New]], [[New]], [[Old|Label]], [[A|B| New #Part]], `[[Label|Old]]`,"
                        + " [[Old label|Older]], [[*styled* label|New]]");
        // The same text read page first changes other links.
        assertThat(WikiLinks.retarget(text, old, moved, org.wikifarm.markdown.WikiLinkOrder.PAGE_FIRST))
                .isEqualTo("[[Label|Old]], [[New]], [[New|Label]], [[A|B| Old #Part]], `[[Label|Old]]`,"
                        + " [[Old label|Older]], [[*styled* label|Old]]");
        assertThat(WikiLinks.targets(text, org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST))
                .containsExactly(old, new PagePath("Label"), new PagePath("Older"));
    }

    @Test
    void retargetingMatchesPagesAsPathsDo() {
        // A link written in another Unicode form names the same page.
        assertThat(WikiLinks.retarget("[[Cafe\u0301]]", new PagePath("Caf\u00e9"), new PagePath("Bar")))
                .isEqualTo("[[Bar]]");
        assertThat(WikiLinks.retarget("no links here", new PagePath("Old"), new PagePath("New"))).isNull();
    }

    @Test
    void aNameALinkCannotHoldIsRefusedOnlyWhenThereIsALinkToRewrite() {
        assertThat(WikiLinks.linkable(new PagePath("a#b"))).isFalse();
        assertThat(WikiLinks.linkable(new PagePath("a [b]"))).isFalse();
        assertThat(WikiLinks.retarget("nothing", new PagePath("Old"), new PagePath("a#b"))).isNull();
        assertThatThrownBy(() -> WikiLinks.retarget("[[Old]]", new PagePath("Old"), new PagePath("a|b")))
                .isInstanceOfSatisfying(WikifarmException.InvalidInput.class,
                        e -> assertThat(e.code()).isEqualTo("unlinkable_path"));
    }
}
