package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new wiki opens on a Home page that says how to begin, made with the wiki as its repository's first commit (by
 * "Wikifarm"), and counted; each new wiki gets its own (cross-tenant: editing one owner's leaves another's alone).
 */
class NewWikiHomeIT {

    @Test
    void aNewWikiStartsWithAHomeThatSaysHowToBegin() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWikiAsCreated(owner, Fixtures.randomName("w", 10), true);
        assertThat(wiki.json().path("page_count").asInt(-1)).isEqualTo(1);

        ApiResponse home = ApiClient.anonymous().get(wiki.page("Home")).expect(200);
        assertThat(home.text("author")).isEqualTo("Wikifarm");
        assertThat(home.text("content")).contains("[[Page name]]", "Edit", "Members", "search", "git clone",
                "api/v1/", "mcp");

        List<JsonNode> changes = ApiClient.anonymous().get(wiki.api() + "/changelog").expect(200).array("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).path("message").asText()).isEqualTo(Fixtures.FIRST_HOME);
        assertThat(changes.get(0).path("revision").asText()).isEqualTo(home.text("revision"));

        // The web UI opens on it, not on "Not found".
        ApiResponse view = WebSession.newVisitor().get("/" + wiki.owner() + "/" + wiki.slug() + "/").expect(200);
        assertThat(view.body()).contains("Welcome to your new wiki").doesNotContain("Not found");

        // The owner edits it like any page.
        owner.client().put(wiki.page("Home"), Map.of("content", "# Ours", "revision", home.text("revision")))
                .expect(200);
    }

    @Test
    void everyNewWikiHasItsOwnHome() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        String slug = Fixtures.randomName("w", 10);
        TestWiki hers = Fixtures.newWikiAsCreated(alice, slug, false);
        TestWiki his = Fixtures.newWikiAsCreated(bob, slug, false);
        String revision = alice.client().get(hers.page("Home")).expect(200).text("revision");
        alice.client().put(hers.page("Home"), Map.of("content", "alice only", "revision", revision)).expect(200);

        ApiResponse bobs = bob.client().get(his.page("Home")).expect(200);
        assertThat(bobs.text("content")).contains("Welcome to your new wiki").doesNotContain("alice only");
        bob.client().get(hers.page("Home")).expect(403);
        ApiClient.anonymous().get(his.page("Home")).expect(401);
    }
}
