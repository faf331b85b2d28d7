package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {
    @Test
    void aPageGivesItsTitleInFrontMatterOrAsTheHeadingItOpensWith() {
        assertThat(title("---\ntitle: Relevance of titles\n---\n# Other\ntext")).isEqualTo("Relevance of titles");
        assertThat(title("\n# Relevance of *titles*\n\nThe text.")).isEqualTo("Relevance of titles");
        assertThat(title("---\ntags: [a]\n---\n# After front matter\ntext")).isEqualTo("After front matter");
        assertThat(title("Lead first.\n# Not a title\ntext")).isEmpty();
        assertThat(title("## A second-level heading\ntext")).isEmpty();
        assertThat(title("#hashtag is not a heading")).isEmpty();
        assertThat(title("")).isEmpty();
    }

    private static String title(String markdown) {
        return MarkdownText.title(markdown, MarkdownText.sections(markdown));
    }

    @Test
    void sectionsFollowTheHeadingTree() {
        List<Section> sections = MarkdownText.sections("""
                Lead.
                # One
                a
                ## Two ##
                b
                ### Three
                c
                ## Four
                d
                """);
        assertThat(sections).extracting(Section::headings).containsExactly(
                List.of(), List.of("One"), List.of("One", "Two"), List.of("One", "Two", "Three"), List.of("One", "Four"));
    }

    @Test
    void inlineMarkupBecomesPlainWords() {
        assertThat(paragraphs("See **bold**, _it_, `code`, [site](http://x.org) and [[a/b|B page]] <b>x</b>"))
                .containsExactly("See bold, it, code, site and B page x");
        assertThat(paragraphs("snake_case_name stays")).containsExactly("snake_case_name stays");
        // Each list item and quote is a paragraph of its own, as in the parsed document.
        assertThat(paragraphs("- [ ] task one\n- item two\n\n> quoted\n"))
                .containsExactly("task one", "item two", "quoted");
        assertThat(paragraphs("| a | b |\n|---|---|\n| 1 | 2 |\n")).containsExactly("a b 1 2");
        assertThat(paragraphs("```\ncode  line\n```\n<div>html <i>block</i></div>\n"))
                .containsExactly("code line", "html block");
    }

    @Test
    void headingsAreTheOnesThePageViewShows() {
        List<Section> sections = MarkdownText.sections("# C#\ntext\n\nSetext\n======\nmore\n\n```\n# not a heading\n```\n");
        assertThat(sections).extracting(Section::headings).containsExactly(List.of("C#"), List.of("Setext"));
    }

    @Test
    void aWikiLinksLabelIsItsWordsInEitherOrder() {
        String text = "See [[the reading list|Books]] and [[Plan|our goals]].";
        assertThat(MarkdownText.sections(text, org.wikifarm.markdown.WikiLinkOrder.LABEL_FIRST).get(0).paragraphs())
                .isEqualTo(MarkdownText.sections("See [[Books|the reading list]] and [[our goals|Plan]].").get(0)
                        .paragraphs());
        assertThat(MarkdownText.sections(text, org.wikifarm.markdown.WikiLinkOrder.PAGE_FIRST))
                .isEqualTo(MarkdownText.sections(text));
    }

    private static List<String> paragraphs(String markdown) {
        return MarkdownText.sections(markdown).get(0).paragraphs();
    }
}
