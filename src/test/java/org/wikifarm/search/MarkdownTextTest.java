package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTextTest {
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
        assertThat(MarkdownText.inline("See **bold**, _it_, `code`, [site](http://x.org) and [[a/b|B page]] <b>x</b>"))
                .isEqualTo("See bold, it, code, site and B page x");
        assertThat(MarkdownText.inline("snake_case_name stays")).isEqualTo("snake_case_name stays");
        List<Section> list = MarkdownText.sections("- [ ] task one\n- item two\n\n> quoted\n");
        assertThat(list.get(0).paragraphs()).containsExactly("task one item two", "quoted");
    }
}
