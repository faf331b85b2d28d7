package org.wikifarm.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorTest {

    @Test
    void keepsOrdinaryNamesAsTheyAre() {
        Author author = new Author(" Ann Lee ", "ann@example.org");

        assertThat(author.name()).isEqualTo("Ann Lee");
        assertThat(author.email()).isEqualTo("ann@example.org");
        assertThat(new Author("Zoë 山田 😀", "zoë@例え.jp").name()).isEqualTo("Zoë 山田 😀");
    }

    @Test
    void neverRefusesButDropsWhatWouldForgeTheHeaderLine() {
        Author injected = new Author("Eve <eve@evil>\nparent 0000", "e@x> <x");

        assertThat(injected.name()).isEqualTo("Eve eve@evil parent 0000");
        assertThat(injected.email()).isEqualTo("e@x x");
        assertThat(injected.name() + injected.email()).doesNotContain("<", ">", "\n", "\r");
    }

    @Test
    void dropsControlsAndCharactersThatDoNotShow() {
        Author author = new Author("A\u202Edmin\u200B\u0000\u007f", "a\u2066b@x\u00ad.org");

        assertThat(author.name()).isEqualTo("Admin");
        assertThat(author.email()).isEqualTo("ab@x.org");
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertThat(new Author(" <> \u200B", "<>").name()).isEqualTo(Author.UNKNOWN_NAME);
        assertThat(new Author(null, null).email()).isEqualTo(Author.UNKNOWN_EMAIL);
        assertThat(new Author("\t", "\n").email()).isEqualTo(Author.UNKNOWN_EMAIL);
    }
}
