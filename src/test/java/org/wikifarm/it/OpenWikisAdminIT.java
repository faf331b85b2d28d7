package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The open wikis through the real doors: platform admins list them ({@code GET /api/v1/admin/open-wikis} and the
 * admin area's Open wikis screen), close idle ones and one by id; a closed wiki opens again on its next use; nobody
 * else may (403, anonymous 401). A wiki in use is refused (409): that needs a lease held across a request, which
 * {@code OpenWikisTest} covers; here only the 404 of a wiki that is not open.
 */
class OpenWikisAdminIT {
    private static final String API = "/api/v1/admin/open-wikis";

    private static Optional<JsonNode> listed(ApiClient admin, TestWiki wiki) {
        ApiResponse list = admin.get(API).expect(200);
        for (JsonNode line : list.array("open_wikis")) {
            if (line.path("id").asText().equals(wiki.id())) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** Closes idle wikis until this one is gone (a background index worker may hold it for a moment). */
    private static int closeIdleUntilClosed(ApiClient admin, TestWiki wiki) throws InterruptedException {
        int closed = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            closed += admin.post(API + "/close-idle", Map.of()).expect(200).json().path("closed").asInt();
            if (listed(admin, wiki).isEmpty()) {
                return closed;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("wiki " + wiki.id() + " stayed open: " + admin.get(API));
    }

    @Test
    void adminsListCloseIdleAndCloseOneAndAClosedWikiReopensOnNextUse() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        pages.create("Open", "open wikis\n");
        ApiClient admin = Fixtures.admin().client();

        JsonNode line = listed(admin, wiki).orElseThrow(() -> new AssertionError("not listed: " + admin.get(API)));
        assertThat(line.path("owner").asText()).isEqualTo(owner.username());
        assertThat(line.path("slug").asText()).isEqualTo(wiki.slug());
        assertThat(line.path("opened_at").asText()).isNotBlank();
        assertThat(line.path("last_used").asText()).isNotBlank();
        assertThat(line.path("leases").isInt()).as("%s", line).isTrue();
        assertThat(line.path("search_index_open").isBoolean()).as("%s", line).isTrue();

        assertThat(closeIdleUntilClosed(admin, wiki)).isPositive();
        admin.post(API + "/" + wiki.id() + "/close", Map.of()).expectError(404, "wiki_not_open");

        // The next use opens it again, with everything in it.
        assertThat(pages.get("Open").expect(200).text("content")).isEqualTo("open wikis\n");
        assertThat(listed(admin, wiki)).isPresent();
        for (int attempt = 0; attempt < 50 && admin.post(API + "/" + wiki.id() + "/close", Map.of()).status() == 409;
                attempt++) {
            Thread.sleep(100);
        }
        assertThat(listed(admin, wiki)).isEmpty();
        assertThat(pages.get("Open").expect(200).text("content")).isEqualTo("open wikis\n");
    }

    @Test
    void onlyPlatformAdminsMaySeeOrCloseOpenWikis() {
        TestUser someone = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(someone, false);
        for (ApiClient client : new ApiClient[] {someone.client(), ApiClient.anonymous()}) {
            int status = client == someone.client() ? 403 : 401;
            assertThat(client.get(API).status()).isEqualTo(status);
            assertThat(client.post(API + "/close-idle", Map.of()).status()).isEqualTo(status);
            assertThat(client.post(API + "/" + wiki.id() + "/close", Map.of()).status()).isEqualTo(status);
        }
        assertThat(listed(Fixtures.admin().client(), wiki)).as("still open after the refusals").isPresent();

        WebSession web = WebSession.signedIn(someone);
        assertThat(web.get("/admin/open-wikis").status()).isEqualTo(403);
        assertThat(web.submit("/admin/open-wikis/close-idle", Map.of()).status()).isEqualTo(403);
        ApiResponse visitor = WebSession.newVisitor().get("/admin/open-wikis");
        assertThat(visitor.status()).isEqualTo(303);
        assertThat(visitor.header("Location")).hasValueSatisfying(to -> assertThat(to).contains("/login?next="));
    }

    @Test
    void theAdminScreenListsOpenWikisAndItsButtonsCloseThem() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        wiki.pages(owner.client()).create("Screen", "on the screen\n");
        WebSession admin = WebSession.signedIn(Fixtures.admin());

        assertThat(Jsoup.parse(admin.get("/admin").expect(200).body()).getElementById("open-wikis-link"))
                .isNotNull();
        Document screen = Jsoup.parse(admin.get("/admin/open-wikis").expect(200).body());
        var row = screen.select("tr.open-wiki[data-wiki-id=" + wiki.id() + "]");
        assertThat(row).hasSize(1);
        assertThat(row.select(".open-wiki-name").text()).isEqualTo(owner.username() + "/" + wiki.slug());
        assertThat(row.select(".open-wiki-index").text()).isIn("open", "closed");
        assertThat(screen.getElementById("close-idle-form")).isNotNull();

        ApiResponse closed = admin.submit("/admin/open-wikis/close-idle", Map.of());
        assertThat(closed.status()).isEqualTo(303);
        assertThat(closed.header("Location")).hasValueSatisfying(to -> assertThat(to).contains("/admin/open-wikis?done=idle&closed="));
        assertThat(admin.get("/admin/open-wikis?done=idle&closed=3").expect(200).body()).contains("Idle wikis closed: 3.");

        ApiResponse notOpen = admin.submit("/admin/open-wikis/close", Map.of("wiki_id", "nosuchwiki"));
        assertThat(notOpen.status()).isEqualTo(404);
        assertThat(Jsoup.parse(notOpen.body()).getElementById("form-problem").text()).isEqualTo("This wiki is not open.");
    }
}
