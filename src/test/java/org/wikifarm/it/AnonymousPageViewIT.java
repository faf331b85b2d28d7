package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anonymous page views are served from a shared rendering: whatever changes — the page, another page it links to,
 * the wiki's name, whether it is public — the next anonymous view must show it at once.
 */
class AnonymousPageViewIT {

    @Test
    void anonymousViewsFollowEveryChangeAtOnce() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        Pages pages = wiki.pages(owner.client());
        String home = "/" + wiki.owner() + "/" + wiki.slug() + "/Home";
        ApiClient anonymous = ApiClient.anonymous();

        String revision = pages.create("Home", "# Home\n\nfirst text, see [[Other]]\n");
        ApiResponse first = anonymous.get(home).expect(200);
        assertThat(first.body()).contains("first text").contains("wikilink missing");
        assertThat(first.header("Set-Cookie")).isEmpty();
        assertThat(anonymous.get(home).expect(200).body()).isEqualTo(first.body());

        pages.update("Home", "# Home\n\nsecond text, see [[Other]]\n", revision);
        assertThat(anonymous.get(home).expect(200).body()).contains("second text").doesNotContain("first text");

        pages.create("Other", "now it exists");
        assertThat(anonymous.get(home).expect(200).body()).doesNotContain("wikilink missing");

        owner.client().put(wiki.api() + "/settings", Map.of("display_name", "Renamed for readers")).expect(200);
        assertThat(anonymous.get(home).expect(200).body()).contains("Renamed for readers");

        owner.client().put(wiki.api() + "/settings", Map.of("is_public", false)).expect(200);
        ApiResponse hidden = anonymous.get(home);
        assertThat(hidden.status()).isEqualTo(303);
        assertThat(hidden.header("Location")).hasValueSatisfying(location -> assertThat(location).contains("/login"));
        assertThat(hidden.body()).doesNotContain("second text");
    }

    @Test
    void pagesLargerThanTomcatsBufferGoOutWithAContentLength() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        wiki.pages(owner.client()).create("Long", "# Long\n\n" + "A sentence of a long page. ".repeat(1_200));
        String page = "/" + wiki.owner() + "/" + wiki.slug() + "/Long";
        ApiClient anonymous = ApiClient.anonymous();
        for (ApiResponse view : new ApiResponse[] {anonymous.get(page).expect(200), anonymous.get(page).expect(200),
                WebSession.signedIn(owner).get(page).expect(200)}) {
            assertThat(view.body().length()).as("bigger than 8 KB").isGreaterThan(30_000);
            assertThat(view.header("Content-Length")).as("sent in one piece, not chunked: %s", view)
                    .contains(Integer.toString(view.body().getBytes(StandardCharsets.UTF_8).length));
        }
    }
}
