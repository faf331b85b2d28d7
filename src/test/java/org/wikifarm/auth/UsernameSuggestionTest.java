package org.wikifarm.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsernameSuggestionTest {
    @Test
    void cleansANameIntoTheRules() {
        assertThat(UsernameSuggestion.from("@Alice.bsky.social")).isEqualTo("alice");
        assertThat(UsernameSuggestion.from("Jean-Luc Picard@example.org")).isEqualTo("jean-luc-picard");
        assertThat(UsernameSuggestion.from("--a__b--")).isEqualTo("a-b");
        assertThat(UsernameSuggestion.from("x".repeat(40))).isEqualTo("x".repeat(24));
        assertThat(UsernameSuggestion.from("abcdefghijklmnopqrstuvw yz")).isEqualTo("abcdefghijklmnopqrstuvw");
        assertThat(UsernameSuggestion.from("!!!")).isEqualTo("user");
        // A long run of separators, which a backtracking "-+$" took quadratic time over.
        assertThat(UsernameSuggestion.from("ab" + "-".repeat(100_000) + "!")).isEqualTo("user-ab");
    }
}
