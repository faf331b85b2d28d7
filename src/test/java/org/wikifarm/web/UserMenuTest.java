package org.wikifarm.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wikifarm.auth.Caller;

class UserMenuTest {
    private static final SignInLinks.Links LINKS = new SignInLinks.Links("/", "/login?next=%2Fa%2Fb%2F%22%3E<x>",
            "/signup?next=\"><script>", "/account", "/admin", "/logout");

    @Test
    void anonymousReadersGetTheSignInLinksEscapedAndNoToken() {
        String html = UserMenu.of(Caller.ANONYMOUS, LINKS, false, null).html();
        assertThat(html).contains("id=\"login-link\"").contains("id=\"signup-link\"")
                .contains("href=\"/login?next=%2Fa%2Fb%2F%22%3E&lt;x&gt;\"")
                .contains("href=\"/signup?next=&#34;&gt;&lt;script&gt;\"")
                .doesNotContain("<script").doesNotContain("<x>")
                .doesNotContain("csrf").doesNotContain("logout").doesNotContain("account-link");
    }

    @Test
    void theSlotIsAnHtmlCommentThatEscapingCanNeverProduce() {
        assertThat(UserMenu.SLOT).startsWith("<!--").endsWith("-->");
        assertThat(Html.text(UserMenu.SLOT)).doesNotContain(UserMenu.SLOT);
    }

    @Test
    void withoutLinksTheMenuStillHasItsParts() {
        String html = UserMenu.of(Caller.ANONYMOUS, null, false, null).html();
        assertThat(html).contains("id=\"login-link\"").contains("href=\"\"");
    }
}
