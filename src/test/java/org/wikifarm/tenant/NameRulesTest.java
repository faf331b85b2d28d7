package org.wikifarm.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wikifarm.error.WikifarmException.InvalidInput;

class NameRulesTest {
    private static final String THIRTY = "a".repeat(30);

    @ParameterizedTest
    @ValueSource(strings = {"abc", "alice", "bob2", "123", "a1b2c3", "a-b", "my-wiki-2026", "a--b",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void acceptsLowercaseLettersDigitsAndInnerHyphens(String name) {
        assertThat(NameRules.check("username", name)).isEqualTo(name);
        assertThat(NameRules.isValid(name)).isTrue();
        assertThat(new Username(name).value()).isEqualTo(name);
        assertThat(new Slug(name).value()).isEqualTo(name);
        assertThat(new Slug(name)).hasToString(name);
        assertThat(new Username(name)).hasToString(name);
    }

    @Test
    void boundariesAreThreeAndThirtyCharacters() {
        assertThat(THIRTY).hasSize(30);
        assertThat(NameRules.isValid("abc")).isTrue();
        assertThat(NameRules.isValid(THIRTY)).isTrue();
        assertThat(NameRules.isValid("ab")).isFalse();
        assertThat(NameRules.isValid(THIRTY + "a")).isFalse();
    }

    static Stream<String> badLengths() {
        return Stream.of("ab", "a", THIRTY + "a", "x".repeat(300));
    }

    @ParameterizedTest
    @MethodSource("badLengths")
    void rejectsTooShortAndTooLongNamingTheLengthRule(String name) {
        InvalidInput user = rejectedUsername(name);
        assertThat(user.code()).isEqualTo("invalid_username");
        assertThat(user.getMessage()).isEqualTo("A username must be 3 to 30 characters long.");

        InvalidInput slug = rejectedSlug(name);
        assertThat(slug.code()).isEqualTo("invalid_slug");
        assertThat(slug.getMessage()).isEqualTo("A slug must be 3 to 30 characters long.");
        assertThat(NameRules.isValid(name)).isFalse();
    }

    @Test
    void rejectsNullAndEmptyAsRequired() {
        for (String name : new String[] {null, ""}) {
            InvalidInput e = rejectedUsername(name);
            assertThat(e.code()).isEqualTo("invalid_username");
            assertThat(e.getMessage()).isEqualTo("A username is required.");
            assertThat(NameRules.isValid(name)).isFalse();
        }
        assertThat(rejectedSlug(null).code()).isEqualTo("invalid_slug");
    }

    @ParameterizedTest
    @ValueSource(strings = {"al_ice", "al.ice", "alicé", "ålice", "名前です", "al ice", " alice", "alice ",
            "al/ice", "al%2fice", "../x", "alice\n", "al\u0000ice", "alice😀"})
    void rejectsCharactersOutsideTheAlphabetNamingTheCharacterRule(String name) {
        InvalidInput user = rejectedUsername(name);
        assertThat(user.code()).isEqualTo("invalid_username");
        assertThat(user.getMessage())
                .isEqualTo("A username may contain only lowercase letters, digits and hyphens.");

        InvalidInput slug = rejectedSlug(name);
        assertThat(slug.code()).isEqualTo("invalid_slug");
        assertThat(slug.getMessage()).isEqualTo("A slug may contain only lowercase letters, digits and hyphens.");
        assertThat(NameRules.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice", "ALICE", "aliCe", "Ålice"})
    void rejectsUppercaseSayingSo(String name) {
        InvalidInput e = rejectedUsername(name);
        assertThat(e.code()).isEqualTo("invalid_username");
        assertThat(e.getMessage()).isEqualTo("A username may contain only lowercase letters, digits and hyphens"
                + " (uppercase letters are not allowed).");
        assertThat(rejectedSlug(name).code()).isEqualTo("invalid_slug");
        assertThat(NameRules.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-alice", "alice-", "-alice-", "---", "-ab"})
    void rejectsLeadingAndTrailingHyphens(String name) {
        InvalidInput e = rejectedUsername(name);
        assertThat(e.code()).isEqualTo("invalid_username");
        assertThat(e.getMessage()).isEqualTo("A username may not start or end with a hyphen.");
        InvalidInput slug = rejectedSlug(name);
        assertThat(slug.code()).isEqualTo("invalid_slug");
        assertThat(slug.getMessage()).isEqualTo("A slug may not start or end with a hyphen.");
        assertThat(NameRules.isValid(name)).isFalse();
    }

    static Stream<String> reserved() {
        return NameRules.RESERVED.stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("reserved")
    void rejectsEveryReservedName(String name) {
        assertThat(NameRules.isValid(name)).isFalse();
        InvalidInput user = rejectedUsername(name);
        InvalidInput slug = rejectedSlug(name);
        if (name.length() < NameRules.MIN_LENGTH) {
            // "me" breaks the length rule before it reaches the reserved list: still refused.
            assertThat(user.code()).isEqualTo("invalid_username");
            assertThat(slug.code()).isEqualTo("invalid_slug");
        } else {
            assertThat(user.code()).isEqualTo("reserved_username");
            assertThat(user.getMessage()).isEqualTo("'" + name + "' is reserved and cannot be a username.");
            assertThat(slug.code()).isEqualTo("reserved_slug");
            assertThat(slug.getMessage()).isEqualTo("'" + name + "' is reserved and cannot be a slug.");
        }
    }

    @Test
    void reservedListCoversThePlatformRoutes() {
        assertThat(NameRules.RESERVED).contains("api", "login", "logout", "signup", "admin", "www", "mcp",
                "health", "static", "assets", "git", "me");
        assertThat(rejectedUsername("me").code()).isEqualTo("invalid_username");
    }

    @Test
    void reservedCheckIsExactNotAPrefix() {
        assertThat(NameRules.isValid("apis")).isTrue();
        assertThat(NameRules.isValid("my-api")).isTrue();
        assertThat(NameRules.isValid("admin2")).isTrue();
    }

    @Test
    void reportsTheFirstBrokenRule() {
        // Too long and uppercase: the length rule comes first.
        assertThat(rejectedUsername("A".repeat(31)).getMessage()).contains("3 to 30 characters");
        // Uppercase and a leading hyphen: the character rule comes first.
        assertThat(rejectedUsername("-Abc").getMessage()).contains("uppercase letters are not allowed");
    }

    private static InvalidInput rejectedUsername(String name) {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> new Username(name));
        assertThat(e).as("username %s", name).isNotNull();
        return e;
    }

    private static InvalidInput rejectedSlug(String name) {
        InvalidInput e = catchThrowableOfType(InvalidInput.class, () -> new Slug(name));
        assertThat(e).as("slug %s", name).isNotNull();
        return e;
    }
}
