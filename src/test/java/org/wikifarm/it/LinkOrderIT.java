package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A wiki's link order ({@code wiki_link_order}: {@code page_first} reads {@code [[Page|Label]]}, {@code label_first}
 * An Otter Wiki's {@code [[Label|Page]]}) over HTTP: set by the wiki's administrators through the settings API, then
 * followed by the page view, backlinks and renaming with links — and never by another wiki, though rendered pages
 * are shared by every wiki with the same text.
 */
class LinkOrderIT {
    private static final String HOME = "See [[the manual|Guide]].";

    @Test
    void aLabelFirstWikiReadsItsLinksItsWayAndNoOtherWikiDoes() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        String slug = Fixtures.randomName("w", 10);
        TestWiki wikiA = Fixtures.newWiki(alice, slug, true);
        TestWiki wikiB = Fixtures.newWiki(bob, slug, true);
        for (TestWiki wiki : List.of(wikiA, wikiB)) {
            Pages pages = wiki.pages((wiki == wikiA ? alice : bob).client());
            pages.create("Guide", "The guide.");
            pages.create("the manual", "The manual.");
            // The same text, so the same git blob in both wikis.
            ApiResponse home = pages.get("Home");
            if (home.status() == 404) {
                pages.create("Home", HOME);
            } else {
                pages.update("Home", HOME, home.expect(200).text("revision"));
            }
        }
        // Bob's wiki renders first: a page-first rendering of this blob is cached before Alice's wiki changes order.
        assertThat(linkIn(wikiB)).isEqualTo("the%20manual>Guide");
        assertThat(linkIn(wikiA)).isEqualTo("the%20manual>Guide");
        assertThat(alice.client().get(wikiA.api() + "/settings").expect(200).text("wiki_link_order"))
                .isEqualTo("page_first");

        JsonNode changed = alice.client().put(wikiA.api() + "/settings", Map.of("wiki_link_order", "label_first"))
                .expect(200).json();
        assertThat(changed.path("wiki_link_order").asText()).isEqualTo("label_first");
        assertThat(alice.client().get(wikiA.api() + "/settings").expect(200).text("wiki_link_order"))
                .isEqualTo("label_first");

        assertThat(linkIn(wikiA)).isEqualTo("Guide>the manual");
        assertThat(linkIn(wikiB)).isEqualTo("the%20manual>Guide");
        assertThat(linkIn(wikiA)).isEqualTo("Guide>the manual");

        Pages alicePages = wikiA.pages(alice.client());
        Pages bobPages = wikiB.pages(bob.client());
        assertThat(backlinks(alicePages, "Guide")).containsExactly("Home");
        assertThat(backlinks(alicePages, "the manual")).isEmpty();
        assertThat(backlinks(bobPages, "Guide")).isEmpty();
        assertThat(backlinks(bobPages, "the manual")).containsExactly("Home");

        JsonNode renamed = alice.client().post(wikiA.page("Guide") + "/rename",
                Map.of("new_path", "Manual", "update_links", true)).expect(200).json();
        assertThat(renamed.path("relinked").get(0).asText()).isEqualTo("Home");
        assertThat(alicePages.get("Home").expect(200).text("content")).isEqualTo("See [[the manual|Manual]].");
        assertThat(backlinks(alicePages, "Manual")).containsExactly("Home");
        assertThat(linkIn(wikiA)).isEqualTo("Manual>the manual");

        // Bob renames his Guide: his Home links to "the manual", so nothing is relinked.
        JsonNode bobRenamed = bob.client().post(wikiB.page("Guide") + "/rename",
                Map.of("new_path", "Manual", "update_links", true)).expect(200).json();
        assertThat(bobRenamed.path("relinked")).isEmpty();
        assertThat(bobPages.get("Home").expect(200).text("content")).isEqualTo(HOME);

        // Back to the default: the same text links the other way again, backlinks included.
        alice.client().put(wikiA.api() + "/settings", Map.of("wiki_link_order", "page_first")).expect(200);
        assertThat(linkIn(wikiA)).isEqualTo("the%20manual>Manual");
        assertThat(backlinks(alicePages, "Manual")).isEmpty();
        assertThat(backlinks(alicePages, "the manual")).containsExactly("Home");
    }

    @Test
    void onlyTheWikisAdministratorsChangeItAndOnlyToAnOrder() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki wikiA = Fixtures.newWiki(alice, true);
        TestWiki wikiB = Fixtures.newWiki(bob, true);

        for (Object bad : List.of("LABEL_FIRST", "", "otter", 1, true)) {
            ApiResponse refused = alice.client().put(wikiA.api() + "/settings", Map.of("wiki_link_order", bad));
            assertThat(refused.expectJsonError(400).text("error")).as("%s", bad)
                    .isIn("invalid_wiki_link_order", "invalid_json");
        }
        // Bob's credentials, or none, on Alice's wiki; Bob's own wiki's settings say nothing of Alice's.
        bob.client().put(wikiA.api() + "/settings", Map.of("wiki_link_order", "label_first")).expectJsonError(403);
        ApiClient.anonymous().put(wikiA.api() + "/settings", Map.of("wiki_link_order", "label_first"))
                .expectJsonError(401);
        bob.client().get(wikiA.api() + "/settings").expectJsonError(403);
        assertThat(alice.client().get(wikiA.api() + "/settings").expect(200).text("wiki_link_order"))
                .isEqualTo("page_first");
        alice.client().put(wikiA.api() + "/settings", Map.of("wiki_link_order", "label_first")).expect(200);
        assertThat(bob.client().get(wikiB.api() + "/settings").expect(200).text("wiki_link_order"))
                .isEqualTo("page_first");
        // A refused change changes nothing else either.
        alice.client().put(wikiA.api() + "/settings", Map.of("display_name", "Changed", "wiki_link_order", "x"))
                .expectJsonError(400);
        JsonNode settings = alice.client().get(wikiA.api() + "/settings").expect(200).json();
        assertThat(settings.path("display_name").asText()).isNotEqualTo("Changed");
        assertThat(settings.path("wiki_link_order").asText()).isEqualTo("label_first");
    }

    @Test
    void theSettingsScreenSetsItAndKeepsWhatWasTypedOnARefusal() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, false);
        String screen = "/" + wiki.owner() + "/" + wiki.slug() + "/-/settings";
        WebSession session = WebSession.signedIn(alice);
        assertThat(session.get(screen).expect(200).body())
                .contains("<option value=\"page_first\" selected>");

        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("display_name", "Otter import");
        form.put("read_access", "APPROVED");
        form.put("write_access", "APPROVED");
        form.put("attachment_access", "APPROVED");
        form.put("wiki_link_order", "label_first");
        session.submit(screen, form).expect(303);
        assertThat(alice.client().get(wiki.api() + "/settings").expect(200).text("wiki_link_order"))
                .isEqualTo("label_first");
        assertThat(session.get(screen).expect(200).body()).contains("<option value=\"label_first\" selected>");

        form.put("display_name", "Typed name");
        form.put("wiki_link_order", "sideways");
        ApiResponse refused = session.submit(screen, form);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("wiki_link_order is page_first").contains("Typed name");
        assertThat(alice.client().get(wiki.api() + "/settings").expect(200).text("display_name"))
                .isEqualTo("Otter import");

        // Another wiki's owner cannot change it through the screen either.
        form.put("wiki_link_order", "page_first");
        form.put("display_name", "Otter import");
        assertThat(WebSession.signedIn(bob).submit(screen, form).status()).isEqualTo(403);
        assertThat(alice.client().get(wiki.api() + "/settings").expect(200).text("wiki_link_order"))
                .isEqualTo("label_first");
    }

    /** The wiki link on the wiki's Home page as an anonymous reader sees it: "href's last segment>label". */
    private static String linkIn(TestWiki wiki) {
        String body = ApiClient.anonymous().get("/" + wiki.owner() + "/" + wiki.slug() + "/Home").expect(200).body();
        int at = body.indexOf("class=\"wikilink");
        assertThat(at).as("a wiki link in %s", body).isNotNegative();
        int href = body.indexOf("href=\"", at) + 6;
        String url = body.substring(href, body.indexOf('"', href));
        int labelStart = body.indexOf('>', href) + 1;
        String label = body.substring(labelStart, body.indexOf("</a>", labelStart));
        return url.substring(url.lastIndexOf('/') + 1) + ">" + label;
    }

    private static List<String> backlinks(Pages pages, String path) {
        List<String> names = new ArrayList<>();
        pages.links(path).expect(200).json().path("backlinks").forEach(node -> names.add(node.asText()));
        return names;
    }
}
