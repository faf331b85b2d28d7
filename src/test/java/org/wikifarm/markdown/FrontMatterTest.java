package org.wikifarm.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrontMatterTest {
    @Test
    void readsTitleCategoryAndTagsInEveryFormWrittenForThem() {
        FrontMatter meta = FrontMatter.of("---\ntitle: \"A: plan\"\ncategory: 'Work' \n# a comment\n"
                + "tags:\n  - one\n  - \"two\"\n- three\nauthor: ignored\n---\nbody\n");
        assertThat(meta.title()).isEqualTo("A: plan");
        assertThat(meta.category()).isEqualTo("Work");
        assertThat(meta.tags()).containsExactly("one", "two", "three");
        assertThat(meta.length()).isEqualTo("---\ntitle: \"A: plan\"\ncategory: 'Work' \n# a comment\n"
                .length() + "tags:\n  - one\n  - \"two\"\n- three\nauthor: ignored\n---\n".length());
        assertThat(FrontMatter.of("---\ntags: [a, \"b c\", a]\n...\n").tags()).containsExactly("a", "b c");
        assertThat(FrontMatter.of("---\ntags: x, y # comment\n---").tags()).containsExactly("x", "y");
        assertThat(FrontMatter.of("---\r\ntitle: t\r\n---\r\nbody").title()).isEqualTo("t");
    }

    @Test
    void anythingButItsSmallYamlIsNotFrontMatter() {
        assertThat(FrontMatter.of("text\n---\ntitle: x\n---\n")).isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.of("---\nJust a rule and a sentence.\n---\n")).isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.of("---\ntitle: x\n")).as("never closed").isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.of("---\n- item without a key\n---\n")).isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.of("---\n  indented: key\n---\n")).isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.of("")).isEqualTo(FrontMatter.NONE);
    }

    @Test
    void isBoundedInLinesTagsAndLength() {
        assertThat(FrontMatter.of("---\n" + "k: v\n".repeat(FrontMatter.MAX_LINES) + "---\n"))
                .isEqualTo(FrontMatter.NONE);
        assertThat(FrontMatter.of("---\n" + "k: v\n".repeat(FrontMatter.MAX_LINES - 1) + "---\n").present())
                .isTrue();
        StringBuilder tags = new StringBuilder("---\ntags:\n");
        for (int i = 0; i < 80; i++) {
            tags.append("  - t").append(i).append('\n');
        }
        assertThat(FrontMatter.of(tags + "---\n").tags()).hasSize(FrontMatter.MAX_TAGS);
        assertThat(FrontMatter.of("---\ntitle: " + "x".repeat(5000) + "\u0000\n---\n").title())
                .hasSize(FrontMatter.MAX_VALUE).doesNotContain("\u0000");
    }

    @Test
    void blankingKeepsEveryPositionAndLine() {
        String source = "---\r\ntitle: t\n---\n# Head\n";
        FrontMatter meta = FrontMatter.of(source);
        String blank = meta.blank(source);
        assertThat(blank).hasSameSizeAs(source).startsWith("   \r\n        \n   \n# Head");
    }
}
