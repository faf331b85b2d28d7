package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.error.WikifarmException.InvalidInput;

class ProfileTest {

    @ParameterizedTest
    @ValueSource(strings = {"Eve <admin@example.org>", "a>b", "<script>", "Ann\nLee", "Tab\tName", "bell\u0007",
            "rtl\u202Eevil", "zero\u200Bwidth", "bom\uFEFF", "soft\u00ADhyphen", "line\u2028sep", "\u3164"})
    void displayNamesThatBreakAuthorLinesOrDoNotShowAre400(String name) {
        assertThatThrownBy(() -> Profile.checkDisplayName(name))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_display_name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eve@example.org>", "<eve@example.org>", "eve@exa\nmple.org", "eve\u202E@example.org",
            "no-at-sign", "@example.org", "eve@", "two@@example.org", "a@b@c", "sp ace@example.org"})
    void emailsThatBreakAuthorLinesOrAreNotEmailsAre400(String email) {
        assertThatThrownBy(() -> Profile.checkEmail(email))
                .isInstanceOf(InvalidInput.class)
                .extracting(e -> ((InvalidInput) e).code()).isEqualTo("invalid_email");
    }

    @Test
    void theMessageSaysWhichCharacterAndWhere() {
        assertThatThrownBy(() -> Profile.checkDisplayName("Bob\u202E"))
                .hasMessageContaining("U+202E (RIGHT-TO-LEFT OVERRIDE) at position 4");
        assertThatThrownBy(() -> Profile.checkDisplayName("Bob <b>")).hasMessageContaining("'<' or '>'");
    }

    @Test
    void ordinaryValuesAreStrippedAndKeptInNfc() {
        assertThat(Profile.checkDisplayName("  Zoe\u0308 Lee  ")).isEqualTo("Zoë Lee");
        assertThat(Profile.checkDisplayName("山田 太郎 😀")).isEqualTo("山田 太郎 😀");
        assertThat(Profile.checkDisplayName("  ")).isNull();
        assertThat(Profile.checkDisplayName(null)).isNull();
        assertThat(Profile.checkEmail(" ann@example.org ")).isEqualTo("ann@example.org");
        assertThat(Profile.checkEmail("")).isNull();
    }

    @Test
    void limitsLength() {
        assertThat(Profile.checkDisplayName("a".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> Profile.checkDisplayName("a".repeat(101))).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Profile.checkEmail("a".repeat(250) + "@b.org")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aProxysValuesAreCleanedNotRefused() {
        assertThat(Profile.cleanDisplayName("Eve <admin@example.org>")).isEqualTo("Eve admin@example.org");
        assertThat(Profile.cleanDisplayName("Ann\tLee\u202E\u0001")).isEqualTo("Ann Lee");
        assertThat(Profile.cleanDisplayName("<>\u200B")).isNull();
        assertThat(Profile.cleanDisplayName("x".repeat(300))).hasSize(100);
        assertThat(Profile.cleanDisplayName("x".repeat(99) + "😀😀")).isEqualTo("x".repeat(99));
        assertThat(Profile.cleanEmail("<eve@example.org>")).isEqualTo("eve@example.org");
        assertThat(Profile.cleanEmail("eve\u0001@example.org")).isEqualTo("eve@example.org");
        assertThat(Profile.cleanEmail(" eve\t@example.org\n")).isEqualTo("eve@example.org");
        assertThat(Profile.cleanEmail("not-an-email")).isNull();
        assertThat(Profile.cleanEmail(null)).isNull();
    }
}
