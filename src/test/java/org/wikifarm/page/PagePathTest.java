package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException.InvalidInput;

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

    @Test
    void nfcAndNfdTwinsAreOnePage() {
        String composed = "Caf\u00e9/R\u00e9sum\u00e9";
        String decomposed = "Cafe\u0301/Re\u0301sume\u0301";

        PagePath fromNfd = new PagePath(decomposed);

        assertThat(fromNfd.value()).isEqualTo(composed);
        assertThat(fromNfd).isEqualTo(new PagePath(composed));
        assertThat(fromNfd.file()).isEqualTo(composed + ".md");
        assertThat(PagePath.isValid(decomposed)).isTrue();
        // Hangul typed as separate jamo is stored as the syllable.
        assertThat(new PagePath("\u1100\u1161").value()).isEqualTo("\uac00");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C,
            0x200D, 0x200E, 0x200F, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF, 0x00AD, 0x061C, 0x180E, 0x2028,
            0x2029, 0x3164, 0x115F, 0xFFA0, 0x034F, 0xE0041})
    void refusesInvisibleAndDirectionControlCharactersNamingThemAndWhere(int codePoint) {
        String value = "ab/c" + Character.toString(codePoint) + "d";

        assertThatThrownBy(() -> new PagePath(value))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining(String.format("U+%04X", codePoint))
                .hasMessageContaining("at position 5")
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_path");
        assertThat(PagePath.isValid(value)).isFalse();
    }

    @Test
    void theMessageNamesTheCharacter() {
        assertThatThrownBy(() -> new PagePath("invoice\u202Efdp.exe"))
                .hasMessageContaining("U+202E (RIGHT-TO-LEFT OVERRIDE) at position 8");
        // Positions count characters as people do: an emoji before it is one.
        assertThatThrownBy(() -> new PagePath("\ud83d\ude00\u200Bx"))
                .hasMessageContaining("U+200B (ZERO WIDTH SPACE) at position 2");
    }

    @Test
    void filesWhoseNamesAreNotNfcOrHaveHiddenCharactersAreNotPages() {
        assertThat(PagePath.ofFile("Caf\u00e9.md")).isEqualTo(new PagePath("Caf\u00e9"));
        assertThat(PagePath.ofFile(Normalizer.normalize("Caf\u00e9.md", Normalizer.Form.NFD))).isNull();
        assertThat(PagePath.ofFile("evil\u202Etxt.md")).isNull();
        assertThat(PagePath.ofFile("zero\u200Bwidth.md")).isNull();
        assertThat(PagePath.ofFile("notes/\uFEFFbom.md")).isNull();
    }

    @Test
    void farTooLongTextIsRefusedBeforeItIsNormalised() {
        assertThatThrownBy(() -> new PagePath("e\u0301".repeat(3000)))
                .hasMessageContaining("at most 1000 bytes");
    }
}
