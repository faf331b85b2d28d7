package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every screen rendered with hostile values in every field a user controls — page paths, display names, commit
 * messages, wiki names, token names, search queries, form input echoed back, error messages — and read back as a
 * browser would parse it: no value may become markup. Each payload tries to close the attribute or element it lands
 * in and open one of its own ({@code data-pwn}, {@code id="pwn"}, a {@code <button form=… formaction=…>} as in the
 * one-click takeover through the edit screen's placeholder), so any unescaped output shows as an element or an
 * attribute that the page never has.
 */
class HostileValuesIT {
    /** Closes a double- or single-quoted attribute, or the element, and opens markup of its own. */
    static final String MARKUP = "\"'><button form=\"edit-form\" formaction=\"/admin\" id=\"pwn\" data-pwn=\"1\">x</button>";
    /** The same without angle brackets, for fields that refuse them: breaking out of an attribute only. */
    static final String ATTRIBUTE = "\" data-pwn=\"1\" formaction=\"/admin\" x=\"' data-pwn='1";

    private static TestUser owner;
    private static ApiClient ownerApi;
    private static TestWiki wiki;
    private static String base;
    private static String hostilePath;
    private static String revision;
    private static WebSession web;
    private static String tokenId;

    @BeforeAll
    static void hostileWiki() {
        String username = Fixtures.randomName("hv", 10);
        String password = Fixtures.randomName("pw-", 20);
        // A person's name goes into git's author line, which has no room for '<' or '>': the attribute breaker.
        String displayName = acceptedOf(List.of(ATTRIBUTE), name -> ApiClient.anonymous().post("/api/v1/users",
                Map.of("username", username, "password", password, "display_name", name)));
        assertThat(displayName).as("a hostile display name accepted at sign-up").isNotNull();
        ownerApi = ApiClient.as(username, password);
        owner = new TestUser(username, password, ownerApi);
        wiki = Fixtures.newWiki(owner, true);
        base = "/" + wiki.owner() + "/" + wiki.slug();
        String wikiName = acceptedOf(List.of(MARKUP, ATTRIBUTE),
                name -> ownerApi.put(wiki.api() + "/settings", Map.of("display_name", name)));
        assertThat(wikiName).as("a hostile wiki name").isNotNull();
        hostilePath = "notes/" + MARKUP.replace("/", "");
        revision = wiki.pages(ownerApi).put(hostilePath, "# " + MARKUP + "\n\n[[" + MARKUP.replace("|", "") + "]]\n",
                null).expect(201).text("revision");
        ownerApi.put(wiki.page("Home"), Pages.body("Home with [[" + hostilePath + "]]", null, MARKUP)).expect(201);
        JsonNode token = ownerApi.post(wiki.api() + "/tokens", Map.of("name", MARKUP, "role", "viewer"))
                .expect(201).json();
        tokenId = token.path("id").asText();
        web = WebSession.signedIn(owner);
    }

    /** The first value the server accepts ({@code 2xx}), or null. */
    private static String acceptedOf(List<String> values, java.util.function.Function<String, ApiResponse> send) {
        for (String value : values) {
            if (send.apply(value).status() / 100 == 2) {
                return value;
            }
        }
        return null;
    }

    @Test
    void readingScreens() {
        String page = base + "/" + Fixtures.encodePath(hostilePath);
        for (String screen : List.of(base + "/", page, page + "?revision=" + revision,
                base + "/-/history/" + Fixtures.encodePath(hostilePath),
                base + "/-/diff/" + Fixtures.encodePath(hostilePath) + "?from=" + revision + "&to=" + revision,
                base + "/-/changelog", base + "/-/index", base + "/-/search?q=" + Fixtures.encodeQuery(MARKUP))) {
            assertSafe(web.get(screen), 200);
            assertSafe(WebSession.newVisitor().get(screen), 200);
        }
        String badMode = base + "/-/search?q=" + Fixtures.encodeQuery(MARKUP) + "&mode=" + Fixtures.encodeQuery(MARKUP);
        assertSafe(web.get(badMode), 400);
        assertSafe(WebSession.newVisitor().get(badMode), 400);
    }

    @Test
    void changingScreens() {
        String encoded = Fixtures.encodePath(hostilePath);
        for (String action : List.of("edit", "rename", "delete")) {
            assertSafe(web.get(base + "/-/" + action + "/" + encoded), 200);
        }
        assertSafe(web.get(base + "/-/edit/" + Fixtures.encodePath("new/" + MARKUP.replace("/", ""))), 200);
        // The conflict screen echoes the typed text and message.
        Map<String, String> stale = new LinkedHashMap<>();
        stale.put("content", MARKUP);
        stale.put("message", MARKUP);
        stale.put("revision", "0".repeat(40));
        web.get(base + "/-/edit/" + encoded);
        assertSafe(web.submit(base + "/-/edit/" + encoded, stale), 409);
    }

    @Test
    void adminScreens() {
        for (String screen : List.of("/-/settings", "/-/members", "/-/tokens")) {
            assertSafe(web.get(base + screen), 200);
        }
        assertSafe(web.get("/account"), 200);
        // The wiki list (the one this session used first) and the home screen of a browser that has been here.
        assertSafe(web.get("/select"), 200);
        assertSafe(web.get("/select?q=" + Fixtures.encodeQuery(MARKUP.substring(0, Math.min(MARKUP.length(), 90)))),
                200);
        assertSafe(WebSession.signedIn(Fixtures.admin()).get("/admin"), 200);
        // The token form echoes a refused name; the members form a refused username.
        web.get(base + "/-/tokens");
        assertSafe(web.submit(base + "/-/tokens", Map.of("action", "create", "name", "", "role", MARKUP)), 400);
        web.get(base + "/-/members");
        assertSafe(web.submit(base + "/-/members", Map.of("action", "grant", "username", MARKUP, "role", "viewer")),
                404, 400);
        assertThat(tokenId).isNotBlank();
    }

    @Test
    void errorsAndPlatformForms() {
        assertSafe(web.get(base + "/" + Fixtures.encodePath("missing/" + MARKUP.replace("/", ""))), 404);
        assertSafe(web.get(base + "/" + Fixtures.encodePath(hostilePath) + "?revision="
                + Fixtures.encodeQuery(MARKUP)), 400);
        assertSafe(web.get(base + "/-/" + Fixtures.encodeQuery(MARKUP.replace("/", ""))), 404);
        assertSafe(web.get(base + "/-/changelog?before=" + Fixtures.encodeQuery(MARKUP)), 400);
        assertSafe(WebSession.newVisitor().get("/login?next=" + Fixtures.encodeQuery(MARKUP)), 200);
        WebSession visitor = WebSession.visitorWithSession();
        assertSafe(visitor.submit("/login", Map.of("username", MARKUP, "password", "x", "next", MARKUP)), 401, 400,
                200);
        visitor.get("/signup");
        assertSafe(visitor.submit("/signup", Map.of("username", MARKUP, "password", "long enough password",
                "email", MARKUP)), 400);
    }

    /** The page parses to the same elements it would have with harmless values: nothing of a payload is markup. */
    static void assertSafe(ApiResponse response, int... statuses) {
        assertThat(response.status()).as("status of %s", response.describe())
                .isIn(java.util.Arrays.stream(statuses).boxed().toArray());
        Document page = Jsoup.parse(response.body());
        List<String> injected = page.select("[data-pwn], #pwn, [formaction], [x]").stream()
                .map(Element::outerHtml).toList();
        assertThat(injected).as("markup injected by a hostile value into %s", response.describe()).isEmpty();
        assertThat(response.body()).as("raw hostile markup in %s", response.describe())
                .doesNotContain("<button form=\"edit-form\"");
    }
}
