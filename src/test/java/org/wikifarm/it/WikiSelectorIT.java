package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Choosing a wiki through the real server: "Select wiki" lists exactly what the caller may read with the wikis they
 * used last first, {@code /} takes a returning browser back to its last wiki (never to one it may not read, whatever
 * its cookie says), a wiki that cannot be opened sends the reader back to the one they came from with a banner saying
 * why, and a wiki's display name is kept in its own wiki.db.
 */
class WikiSelectorIT {
    private static final String OPEN_WIKIS = "/api/v1/admin/open-wikis";

    private static List<String> listed(ApiResponse screen) {
        Document page = Jsoup.parse(screen.body());
        return page.select("#wiki-choices .wiki-choice-link").eachText();
    }

    private static void home(TestUser owner, TestWiki wiki, String text) {
        wiki.pages(owner.client()).create("Home", text);
    }

    @Test
    void theListShowsWhatTheCallerMayReadUsedLastFirstAndFilters() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki first = Fixtures.newWiki(alice, "first", false);
        TestWiki second = Fixtures.newWiki(alice, "second", false);
        TestWiki bobsSecret = Fixtures.newWiki(bob, "secret", false);
        TestWiki bobsGarden = Fixtures.newWiki(bob, "garden", true);
        home(alice, first, "# First");
        home(alice, second, "# Second");
        home(bob, bobsGarden, "# Garden");

        WebSession web = WebSession.signedIn(alice);
        web.get("/" + alice.username() + "/second/").expect(200);
        web.get("/" + alice.username() + "/first/").expect(200);
        List<String> names = listed(web.get("/select").expect(200));
        assertThat(names).startsWith("first", "second").contains("garden").doesNotContain("secret");
        assertThat(listed(web.get("/select?q=SEC").expect(200))).containsExactly("second");
        assertThat(listed(web.get("/select?q=" + bob.username()).expect(200))).containsExactly("garden");
        web.get("/select?q=" + "x".repeat(101)).expect(400);
        // The header's wiki name has the way to the list.
        assertThat(Jsoup.parse(web.get("/" + alice.username() + "/first/").body()).getElementById("wiki-switch"))
                .isNotNull();
        assertThat(bobsSecret.id()).isNotEmpty();

        // A new browser session of alice's: "/" takes her back to the wiki she used last, once per session.
        WebSession later = WebSession.signedIn(alice);
        ApiResponse arriving = later.get("/").expect(303);
        assertThat(arriving.header("Location").orElseThrow()).endsWith("/" + alice.username() + "/first/");
        assertThat(later.get("/").expect(200).body()).contains("id=\"wiki-choices\"");
    }

    @Test
    void aBrowserIsRememberedBeforeSignInButOnlyForWhatItMayRead() throws Exception {
        TestUser bob = Fixtures.newUser();
        TestWiki garden = Fixtures.newWiki(bob, "garden", true);
        TestWiki secret = Fixtures.newWiki(bob, "secret", false);
        home(bob, garden, "# Garden");

        // The page names its wiki for the script that keeps the cookie; the response itself sets none.
        ApiResponse read = WebSession.newVisitor().get("/" + bob.username() + "/garden/").expect(200);
        assertThat(Jsoup.parse(read.body()).body().attr("data-wiki")).isEqualTo(garden.id());
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> back = http.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/"))
                .header("Cookie", "wikifarm-wikis=" + garden.id()).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/" + bob.username() + "/garden/");
        HttpResponse<String> stays = http.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/"))
                .header("Cookie", "wikifarm-wikis=" + garden.id() + "; wikifarm-arrived=1")
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stays.statusCode()).as("once per browser session").isEqualTo(200);

        // A cookie naming a private wiki (another's, or made up) shows nothing of it and leads nowhere.
        String cookie = "wikifarm-wikis=" + secret.id() + ".not-an-id.." + "a".repeat(500);
        HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/"))
                .header("Cookie", cookie).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(ApiClient.BASE + "/select"))
                .header("Cookie", "wikifarm-wikis=" + secret.id()).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret.id()).doesNotContain(">secret<");
    }

    @Test
    void aWikiThatCannotBeOpenedRevertsToThePreviousOneWithTheReason() throws Exception {
        TestUser alice = Fixtures.newUser();
        TestWiki good = Fixtures.newWiki(alice, "good", false);
        TestWiki broken = Fixtures.newWiki(alice, "broken", false);
        home(alice, good, "# Good");
        home(alice, broken, "# Broken");
        WebSession web = WebSession.signedIn(alice);
        web.get("/" + alice.username() + "/good/").expect(200);
        web.get("/" + alice.username() + "/broken/").expect(200);

        byte[] intact = damage(broken);
        try {
            revertsWithTheReason(alice, broken, web);
        } finally {
            // Whole again, so suites that visit every wiki later are not about this one.
            damage(broken, intact);
        }
        alice.client().get(broken.page("Home")).expect(200);
    }

    private static void revertsWithTheReason(TestUser alice, TestWiki broken, WebSession web) {
        ApiResponse reverted = web.get("/" + alice.username() + "/broken/").expect(303);
        String location = reverted.header("Location").orElseThrow();
        assertThat(location).contains("/" + alice.username() + "/good/?notice=");
        String back = URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery();
        Document shown = Jsoup.parse(web.get(back).expect(200).body());
        assertThat(shown.getElementById("notice-banner")).isNotNull();
        assertThat(shown.getElementById("notice-banner").text())
                .startsWith("Your selected wiki could not be opened. Reverted to good. Reason: ")
                .contains("damaged");
        assertThat(shown.getElementById("page-content").text()).contains("Good");
        // Shown once; a made-up key shows nothing.
        assertThat(Jsoup.parse(web.get(back).body()).getElementById("notice-banner")).isNull();
        assertThat(Jsoup.parse(web.get("/" + alice.username() + "/good/?notice=" + "0".repeat(32)).body())
                .getElementById("notice-banner")).isNull();
        // "/" no longer leads to the broken wiki: the one gone back to is the last used.
        assertThat(WebSession.signedIn(alice).get("/").header("Location").orElseThrow())
                .endsWith("/" + alice.username() + "/good/");
        // The API has nowhere to go back to: the reason, as a 503.
        alice.client().get(broken.page("Home")).expectJsonError(503);
    }

    @Test
    void theDisplayNameIsKeptInTheWikisOwnDatabase() throws Exception {
        TestUser alice = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, "named", false);
        assertThat(storedName(wiki)).isEqualTo("named");
        alice.client().put(wiki.api() + "/settings", Map.of("display_name", "Alice's handbook")).expect(200);
        assertThat(storedName(wiki)).isEqualTo("Alice's handbook");
    }

    @Test
    void onlyAPlatformAdminSetsTheDefaultWikiAndVisitorsWhoMayReadItGoThere() {
        TestUser bob = Fixtures.newUser();
        TestWiki garden = Fixtures.newWiki(bob, "garden", true);
        home(bob, garden, "# Garden");
        WebSession owner = WebSession.signedIn(bob);
        owner.get("/select");
        owner.submit("/admin/default-wiki", Map.of("wiki", bob.username() + "/garden")).expect(403);
        WebSession admin = WebSession.signedIn(Fixtures.admin());
        admin.get("/admin").expect(200);
        try {
            admin.submit("/admin/default-wiki", Map.of("wiki", bob.username() + "/nothing")).expect(404);
            admin.submit("/admin/default-wiki", Map.of("wiki", bob.username() + "/garden")).expect(303);
            assertThat(WebSession.newVisitor().get("/").expect(303).header("Location").orElseThrow())
                    .endsWith("/" + bob.username() + "/garden/");
        } finally {
            admin.get("/admin");
            admin.submit("/admin/default-wiki", Map.of("wiki", "")).expect(303);
        }
        assertThat(WebSession.newVisitor().get("/").status()).isEqualTo(200);
    }

    /**
     * Closes the wiki and overwrites its database with bytes that are no database. A background worker (the search
     * index, usage) may open it again for a moment, so this repeats until the wiki is closed with the bytes in place.
     */
    private static byte[] damage(TestWiki wiki) throws Exception {
        return damage(wiki, ("this is not a database ".repeat(400)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Closes the wiki and puts these bytes in place of its database (answering the bytes it had). */
    private static byte[] damage(TestWiki wiki, byte[] bytes) throws Exception {
        ApiClient admin = Fixtures.admin().client();
        Path dir = Fixtures.DATA.resolve("wikis").resolve(wiki.id());
        byte[] before = null;
        for (int attempt = 0; attempt < 200; attempt++) {
            int status = admin.post(OPEN_WIKIS + "/" + wiki.id() + "/close", Map.of()).status();
            if (status == 200 || status == 404) {
                Files.deleteIfExists(dir.resolve("wiki.db-wal"));
                Files.deleteIfExists(dir.resolve("wiki.db-shm"));
                if (before == null) {
                    before = Files.readAllBytes(dir.resolve("wiki.db"));
                }
                Files.write(dir.resolve("wiki.db"), bytes);
                if (!admin.get(OPEN_WIKIS).body().contains(wiki.id())) {
                    return before;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("wiki " + wiki.id() + " stayed open");
    }

    private static String storedName(TestWiki wiki) throws Exception {
        Path db = Fixtures.DATA.resolve("wikis").resolve(wiki.id()).resolve("wiki.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT value FROM preferences WHERE name = 'DISPLAY_NAME'")) {
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
