package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A wiki's look through the real server: its administrators choose the page its address opens, a menu above the page
 * tree and extra CSS, in the web UI and the API; hostile menus and CSS are refused with the typed text kept; every
 * value is escaped; the stylesheet is served as CSS to readers only; nobody else may change or read the settings.
 */
class LookIT {
    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    @Test
    void adminsSetTheHomePageMenuAndCssAndReadersSeeThem() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, true);
        Pages pages = wiki.pages(owner.client());
        pages.create("Start", "# Start here");
        pages.create("Home", "# Home");
        WebSession web = WebSession.signedIn(owner);
        web.get(base(wiki) + "/").expect(200);
        // The view is cached now; the look's change must show at once all the same.
        web.get(base(wiki) + "/-/look").expect(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("home_page", "Start");
        form.put("menu", "Begin \"<b>here</b> | Start\r\nOur site | https://example.org/?a=1&b=2#x\r\n");
        form.put("css", "body { border-top: 4px solid rebeccapurple; }\r\n");
        assertThat(web.submit(base(wiki) + "/-/look", form).expect(303).header("Location").orElseThrow())
                .endsWith("/-/look?done=look-saved");

        Document home = Jsoup.parse(WebSession.newVisitor().get(base(wiki) + "/").expect(200).body());
        assertThat(home.getElementById("page-content").text()).contains("Start here");
        Element menu = home.getElementById("wiki-menu");
        assertThat(menu).isNotNull();
        assertThat(menu.select("a").eachText()).containsExactly("Begin \"<b>here</b>", "Our site");
        assertThat(menu.select("b")).as("labels are text").isEmpty();
        assertThat(menu.select("a").get(0).attr("href")).isEqualTo(base(wiki) + "/Start");
        assertThat(menu.select("a").get(1).attr("href")).isEqualTo("https://example.org/?a=1&b=2#x");
        assertThat(menu.select("a").get(1).attr("rel")).contains("noopener", "noreferrer");
        String css = home.select("link[rel=stylesheet][href*=custom.css]").attr("href");
        assertThat(css).startsWith(base(wiki) + "/-/custom.css?v=");
        ApiResponse sheet = WebSession.newVisitor().get(css).expect(200);
        assertThat(sheet.header("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(sheet.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(sheet.body()).isEqualTo("body { border-top: 4px solid rebeccapurple; }\n");

        ApiResponse look = owner.client().get(wiki.api() + "/look").expect(200);
        assertThat(look.text("home_page")).isEqualTo("Start");
        assertThat(look.json().path("links").get(1).path("external").asBoolean()).isTrue();
        owner.client().put(wiki.api() + "/look", Map.of("home_page", "")).expect(200);
        assertThat(Jsoup.parse(WebSession.newVisitor().get(base(wiki) + "/").body())
                .getElementById("page-content").text()).contains("Home");
    }

    @Test
    void hostileCssAndMenusAreRefusedAndWhatWasTypedIsKept() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        WebSession web = WebSession.signedIn(owner);
        web.get(base(wiki) + "/-/look").expect(200);
        String css = "a { color: red }\n@import url(https://evil.example/x.css);";
        ApiResponse refused = web.submit(base(wiki) + "/-/look", Map.of("home_page", "Home",
                "menu", "Fine | Home", "css", css));
        assertThat(refused.status()).isEqualTo(400);
        Document form = Jsoup.parse(refused.body());
        assertThat(form.getElementById("form-problem").text()).contains("@import").contains("line 2");
        assertThat(form.getElementById("css").text()).isEqualTo(css);
        assertThat(form.getElementById("menu").text()).isEqualTo("Fine | Home");

        ApiResponse badMenu = web.submit(base(wiki) + "/-/look", Map.of("menu", "X | javascript:alert(1)"));
        assertThat(badMenu.status()).isEqualTo(400);
        assertThat(Jsoup.parse(badMenu.body()).getElementById("form-problem").text()).contains("Line 1");
        owner.client().put(wiki.api() + "/look", Map.of("css", "a { background: url(//evil.example/p) }"))
                .expectError(400, "invalid_css");
        owner.client().put(wiki.api() + "/look", Map.of("home_page", "../x")).expectError(400, "invalid_home_page");
        assertThat(owner.client().get(wiki.api() + "/look").expect(200).text("css")).isEmpty();
    }

    @Test
    void onlyTheWikisAdministratorsSeeOrChangeItAndAPrivateWikisCssStaysPrivate() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        owner.client().put(wiki.api() + "/look", Map.of("css", "body { color: #123456 }")).expect(200);
        String sheet = base(wiki) + "/-/custom.css";
        TestUser editor = Fixtures.newUser();
        owner.client().put(wiki.api() + "/members/" + editor.username(), Map.of("role", "editor")).expect(200);
        editor.client().get(wiki.api() + "/look").expectJsonError(403);
        editor.client().put(wiki.api() + "/look", Map.of("css", "")).expectJsonError(403);
        assertThat(WebSession.signedIn(editor).get(base(wiki) + "/-/look").status()).isEqualTo(403);
        assertThat(WebSession.signedIn(editor).get(sheet).expect(200).body()).contains("#123456");

        TestUser stranger = Fixtures.newUser();
        TestWiki theirs = Fixtures.newWiki(stranger, false);
        String token = stranger.client().post(theirs.api() + "/tokens",
                Map.of("name", "t", "role", "editor")).expect(201).text("secret");
        HeaderClient.bearer(token).get(wiki.api() + "/look").expectJsonError(401);
        stranger.client().get(wiki.api() + "/look").expectJsonError(403);
        ApiResponse strangerSheet = WebSession.signedIn(stranger).get(sheet);
        assertThat(strangerSheet.status()).isIn(403, 404);
        assertThat(strangerSheet.body()).doesNotContain("#123456");
        assertThat(WebSession.newVisitor().get(sheet).body()).doesNotContain("#123456");
    }
}
