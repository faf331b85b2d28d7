package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Bringing a deleted page back ({@code POST pages/{path}/restore}) and renaming with the links to it updated
 * ({@code "update_links": true}) through the REST API: what they write, what they refuse, and that neither reaches
 * another wiki — not with the other owner's credentials, not through a wiki of the same slug and page names.
 */
class RestoreAndRelinkIT {
    @Test
    void aDeletedPageComesBackAsItLastWasInANewCommit() {
        TestUser alice = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, false);
        Pages pages = wiki.pages(alice.client());
        String first = pages.create("notes/plan", "first");
        pages.update("notes/plan", "last words", first);
        String deletion = pages.delete("notes/plan").expect(200).text("revision");

        ApiResponse restored = alice.client().post(wiki.page("notes/plan") + "/restore",
                Map.of("message", "Bring it back")).expect(201);

        assertThat(restored.text("content")).isEqualTo("last words");
        assertThat(restored.text("revision")).isNotEqualTo(deletion);
        assertThat(pages.get("notes/plan").expect(200).text("revision")).isEqualTo(restored.text("revision"));
        assertThat(pages.changes().get(0).path("message").asText()).isEqualTo("Bring it back");
        assertThat(pageCount(alice, wiki)).isEqualTo(1);

        alice.client().post(wiki.page("notes/plan") + "/restore", null).expectJsonError(409);
        assertThat(alice.client().post(wiki.page("never/was") + "/restore", null).expectJsonError(404)
                .text("error")).isEqualTo("page_never_existed");
        assertThat(pages.changes()).hasSize(4);
    }

    @Test
    void renamingWithLinksRewritesTheWikisLinksInTheSameCommit() {
        TestUser alice = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, false);
        Pages pages = wiki.pages(alice.client());
        pages.create("Old", "The old page.");
        pages.create("Home", "See [[Old]], [[Old|the old one]] and [[Old#Top|its top]]; `[[Old]]` is code.");
        pages.create("Other", "Nothing links from here.");
        int before = pages.changes().size();

        JsonNode renamed = alice.client().post(wiki.page("Old") + "/rename",
                Map.of("new_path", "archive/Old", "update_links", true)).expect(200).json();

        assertThat(renamed.path("path").asText()).isEqualTo("archive/Old");
        assertThat(renamed.path("content").asText()).isEqualTo("The old page.");
        assertThat(names(renamed.path("relinked"))).containsExactly("Home");
        assertThat(pages.get("Home").expect(200).text("content")).isEqualTo("See [[archive/Old]],"
                + " [[archive/Old|the old one]] and [[archive/Old#Top|its top]]; `[[Old]]` is code.");
        List<JsonNode> changes = pages.changes();
        assertThat(changes).hasSize(before + 1);
        assertThat(changes.get(0).path("revision").asText()).isEqualTo(renamed.path("revision").asText());
        assertThat(pages.links("archive/Old").expect(200).json().path("backlinks").get(0).asText()).isEqualTo("Home");

        JsonNode plain = alice.client().post(wiki.page("Other") + "/rename", Map.of("new_path", "Another"))
                .expect(200).json();
        assertThat(names(plain.path("relinked"))).isEmpty();
        pages.create("Linked", "[[Another]]");
        assertThat(alice.client().post(wiki.page("Another") + "/rename",
                Map.of("new_path", "a#b", "update_links", true)).expectJsonError(400).text("error"))
                .isEqualTo("unlinkable_path");
        assertThat(pages.get("Linked").expect(200).text("content")).isEqualTo("[[Another]]");
        alice.client().post(wiki.page("Another") + "/rename", Map.of("new_path", "Home", "update_links", true))
                .expectJsonError(409);
        assertThat(alice.client().post(wiki.page("Another") + "/rename",
                Map.of("new_path", "X", "update_links", "yes")).expectJsonError(400).text("error"))
                .isEqualTo("invalid_json");
    }

    @Test
    void neitherReachesAnotherWiki() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        String slug = Fixtures.randomName("w", 10);
        TestWiki wikiA = Fixtures.newWiki(alice, slug, false);
        TestWiki wikiB = Fixtures.newWiki(bob, slug, true);
        for (TestWiki wiki : List.of(wikiA, wikiB)) {
            TestUser owner = wiki == wikiA ? alice : bob;
            Pages pages = wiki.pages(owner.client());
            pages.create("Old", owner.username() + "'s old page");
            pages.create("Home", owner.username() + " links to [[Old]]");
            pages.create("Gone", owner.username() + "'s gone page");
            pages.delete("Gone").expect(200);
        }
        List<String> aliceHistory = wikiA.pages(alice.client()).changelogRevisions();

        // Bob's credentials on Alice's wiki: nothing moves, nothing comes back.
        bob.client().post(wikiA.page("Gone") + "/restore", null).expectJsonError(403);
        bob.client().post(wikiA.page("Old") + "/rename", Map.of("new_path", "Taken", "update_links", true))
                .expectJsonError(403);
        assertThat(wikiA.pages(alice.client()).changelogRevisions()).isEqualTo(aliceHistory);

        // Alice's rename with links and her restore change her wiki only, though Bob's has the same names.
        alice.client().post(wikiA.page("Old") + "/rename", Map.of("new_path", "New", "update_links", true))
                .expect(200);
        alice.client().post(wikiA.page("Gone") + "/restore", null).expect(201);
        Pages bobs = wikiB.pages(bob.client());
        assertThat(bobs.get("Home").expect(200).text("content")).isEqualTo(bob.username() + " links to [[Old]]");
        assertThat(bobs.paths(null)).containsExactly("Home", "Old");
        assertThat(wikiA.pages(alice.client()).paths(null)).containsExactly("Gone", "Home", "New");
        assertThat(wikiA.pages(alice.client()).get("Home").expect(200).text("content"))
                .isEqualTo(alice.username() + " links to [[New]]");
        // Anonymous readers of Bob's public wiki may read, not restore.
        ApiClient.anonymous().post(wikiB.page("Gone") + "/restore", null).expectJsonError(401);
    }

    private static int pageCount(TestUser owner, TestWiki wiki) {
        for (JsonNode listed : owner.client().get("/api/v1/wikis").expect(200).array("wikis")) {
            if (listed.path("id").asText().equals(wiki.id())) {
                return listed.path("page_count").asInt(-1);
            }
        }
        throw new AssertionError("wiki not listed");
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
