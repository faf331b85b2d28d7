package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.wikifarm.app.WikifarmException.InvalidInput;

class PagePathTest {

    @ParameterizedTest
    @ValueSource(strings = {"Home", "projects/2026/plan", "Ünïcödé/页面/страница", "with spaces inside",
            "emoji 😀", "a.md/b", "name.with.dots", "Foo_(bar)"})
    void acceptsOrdinaryAndNestedUnicodeNames(String value) {
        assertThat(new PagePath(value).value()).isEqualTo(value);
        assertThat(PagePath.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc/passwd", "a/../b", "a/./b", ".", "/Home", "Home/", "a\\b", "..\\x",
            "a\u0000b", "a\nb", "a\rb", "a\tb", "a\u001bb", "a\u007fb", "a\u0085b", ".git", ".git/config",
            "a/.git/b", ".GIT", ".hidden", "a//b", "", "   ", " lead", "trail ", "a/ b", "\ud800", "x\udc00y"})
    void rejectsHostileNames(String value) {
        assertThatThrownBy(() -> new PagePath(value))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_path");
        assertThat(PagePath.isValid(value)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> new PagePath(null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void limitsSegmentToTwoHundredFiftyFiveBytes() {
        assertThat(PagePath.isValid("a".repeat(255))).isTrue();
        assertThat(PagePath.isValid("a".repeat(256))).isFalse();
        // Bytes, not characters: 128 two-byte letters are 256 bytes.
        assertThat(PagePath.isValid("é".repeat(127))).isTrue();
        assertThat(PagePath.isValid("é".repeat(128))).isFalse();
        assertThat(PagePath.isValid("ok/" + "b".repeat(256))).isFalse();
    }

    @Test
    void limitsPathToOneThousandBytes() {
        String segment = "a".repeat(250);
        String exactly1000 = segment + "/" + segment + "/" + segment + "/" + "d".repeat(247);
        assertThat(exactly1000.length()).isEqualTo(1000);
        assertThat(PagePath.isValid(exactly1000)).isTrue();
        assertThat(PagePath.isValid(exactly1000 + "d")).isFalse();
    }

    @Test
    void mapsToAndFromMarkdownFiles() {
        PagePath path = new PagePath("projects/2026/plan");
        assertThat(path.file()).isEqualTo("projects/2026/plan.md");
        assertThat(path.name()).isEqualTo("plan");
        assertThat(path.folders()).containsExactly("projects", "2026");
        assertThat(PagePath.ofFile("projects/2026/plan.md")).isEqualTo(path);
        assertThat(PagePath.ofFile("image.png")).isNull();
        assertThat(PagePath.ofFile(".md")).isNull();
        assertThat(PagePath.ofFile(".git/x.md")).isNull();
    }
}
