package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Blame over HTTP: the API's runs (authors, renames followed, a revision, 404s), the web screen with hostile author
 * names and commit messages escaped and its links to each commit's diff, and no way in from another wiki.
 */
class BlameIT {

    @Test
    void apiAnswersRunsOfLinesPerCommitFollowingARename() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, false);
        alice.client().put(wiki.api() + "/members/" + bob.username(), Map.of("role", "editor")).expect(200);
        Pages asAlice = wiki.pages(alice.client());
        String first = asAlice.put("drafts/plan", "one\ntwo\nthree\n", null).expect(201).text("revision");
        asAlice.rename("drafts/plan", "plan").expect(200);
        String moved = asAlice.get("plan").expect(200).text("revision");
        String second = wiki.pages(bob.client()).update("plan", "one\nTWO\nthree\nfour\n", moved);

        ApiResponse blame = alice.client().get(wiki.page("plan") + "/blame").expect(200);

        assertThat(blame.text("path")).isEqualTo("plan");
        assertThat(blame.text("revision")).isEqualTo(second);
        assertThat(blame.json().path("line_count").asInt()).isEqualTo(4);
        assertThat(blame.json().path("complete").asBoolean()).isTrue();
        List<JsonNode> runs = blame.array("runs");
        assertThat(runs).extracting(run -> run.path("revision").asText()).containsExactly(first, second, first,
                second);
        assertThat(runs).extracting(run -> run.path("start_line").asInt()).containsExactly(1, 2, 3, 4);
        JsonNode oldest = runs.get(0);
        assertThat(oldest.path("path").asText()).isEqualTo("drafts/plan");
        assertThat(oldest.path("author").asText()).isNotBlank();
        assertThat(oldest.path("date").asText()).isNotBlank();
        assertThat(oldest.has("previous")).as("previous, null for the wiki's first commit").isTrue();
        assertThat(oldest.path("lines").get(0).asText()).isEqualTo("one");
        JsonNode bobs = runs.get(1);
        assertThat(bobs.has("path")).isFalse();
        assertThat(bobs.path("previous").asText()).isEqualTo(moved);
        assertThat(bobs.path("lines").get(0).asText()).isEqualTo("TWO");
        assertThat(bobs.path("author").asText()).isNotEqualTo(oldest.path("author").asText());

        ApiResponse atFirst = alice.client().get(wiki.page("drafts/plan") + "/blame?revision=" + first).expect(200);
        assertThat(atFirst.array("runs")).singleElement()
                .satisfies(run -> assertThat(run.path("revision").asText()).isEqualTo(first));

        alice.client().get(wiki.page("drafts/plan") + "/blame").expectError(404, "page_not_found");
        alice.client().get(wiki.page("nowhere") + "/blame").expectError(404, "page_not_found");
        alice.client().get(wiki.page("plan") + "/blame?revision=" + "0".repeat(40))
                .expectError(404, "revision_not_found");
        alice.client().get(wiki.page("plan") + "/blame?revision=nonsense").expectJsonError(400);
        asAlice.delete("plan").expect(200);
        alice.client().get(wiki.page("plan") + "/blame").expectError(404, "page_not_found");
    }

    @Test
    void theScreenEscapesHostileAuthorsAndMessagesAndLinksEachCommitsDiff() {
        String username = Fixtures.randomName("bl", 10);
        String password = Fixtures.randomName("pw-", 20);
        ApiClient.anonymous().post("/api/v1/users", Map.of("username", username, "password", password,
                "display_name", HostileValuesIT.ATTRIBUTE)).expect(201);
        TestUser owner = new TestUser(username, password, ApiClient.as(username, password));
        TestWiki wiki = Fixtures.newWiki(owner, true);
        String path = "notes/" + HostileValuesIT.MARKUP.replace("/", "");
        String first = owner.client().put(wiki.page(path), Pages.body("# " + HostileValuesIT.MARKUP + "\nplain\n", null,
                HostileValuesIT.MARKUP)).expect(201).text("revision");
        String second = owner.client().put(wiki.page(path), Pages.body("# " + HostileValuesIT.MARKUP + "\nchanged\n",
                first, HostileValuesIT.MARKUP + "\nsecond line")).expect(200).text("revision");
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        String screen = base + "/-/blame/" + Fixtures.encodePath(path);

        WebSession web = WebSession.signedIn(owner);
        for (String url : List.of(screen, screen + "?revision=" + first, base + "/" + Fixtures.encodePath(path),
                base + "/-/history/" + Fixtures.encodePath(path))) {
            HostileValuesIT.assertSafe(web.get(url), 200);
            HostileValuesIT.assertSafe(WebSession.newVisitor().get(url), 200);
        }
        Document page = Jsoup.parse(web.get(screen).body());
        assertThat(page.select("#blame tr.blame-run")).hasSize(2);
        assertThat(page.select(".blame-author").first().text()).isEqualTo(HostileValuesIT.ATTRIBUTE);
        assertThat(page.select(".blame-message").first().text()).isEqualTo(HostileValuesIT.MARKUP);
        assertThat(page.select(".blame-line .num").eachText()).containsExactly("1", "2");
        assertThat(page.select(".blame-line").stream().map(Element::ownText))
                .containsExactly("# " + HostileValuesIT.MARKUP, "changed");
        // Each run's commit links to its diff from the commit before it (the wiki's own first commits, its Home
        // page, come before this page's first one).
        List<String> links = page.select("a.blame-revision").eachAttr("href");
        assertThat(links).hasSize(2);
        assertThat(links.get(0)).startsWith(base + "/-/diff/" + Fixtures.encodePath(path) + "?from=")
                .endsWith("&to=" + first).doesNotContain("from=" + first);
        assertThat(links.get(1)).isEqualTo(base + "/-/diff/" + Fixtures.encodePath(path) + "?from=" + first
                + "&to=" + second);
        HostileValuesIT.assertSafe(web.get(page.select("a.blame-revision").get(1).attr("href")), 200);
        assertThat(Jsoup.parse(web.get(base + "/" + Fixtures.encodePath(path)).body()).select("#blame-link"))
                .hasSize(1);
        assertThat(Jsoup.parse(web.get(base + "/-/history/" + Fixtures.encodePath(path)).body())
                .select("#blame-link").attr("href")).isEqualTo(screen);
        HostileValuesIT.assertSafe(web.get(base + "/-/blame/" + Fixtures.encodePath("missing/page")), 404);
        HostileValuesIT.assertSafe(web.get(screen + "?revision=" + Fixtures.encodeQuery(HostileValuesIT.MARKUP)),
                400);
    }

    @Test
    void anotherWikisMemberOrTokenCannotBlameAPrivateWikisPage() {
        TestUser owner = Fixtures.newUser();
        TestUser stranger = Fixtures.newUser();
        TestWiki secret = Fixtures.newWiki(owner, false);
        TestWiki strangers = Fixtures.newWiki(stranger, false);
        secret.pages(owner.client()).create("Secret", "the secret line\n");
        String blame = secret.page("Secret") + "/blame";
        String token = stranger.client().post(strangers.api() + "/tokens",
                Map.of("name", Fixtures.randomName("t-", 8), "role", "editor")).expect(201).text("secret");

        ApiResponse byStranger = stranger.client().get(blame);
        ApiResponse byToken = HeaderClient.bearer(token).get(blame);
        ApiResponse byNobody = ApiClient.anonymous().get(blame);

        byStranger.expectJsonError(403);
        byToken.expectJsonError(401);
        byNobody.expectJsonError(401);
        for (ApiResponse refused : List.of(byStranger, byToken, byNobody)) {
            assertThat(refused.body()).doesNotContain("the secret line");
        }
        String screen = "/" + secret.owner() + "/" + secret.slug() + "/-/blame/Secret";
        ApiResponse page = WebSession.signedIn(stranger).get(screen);
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("the secret line");
        ApiResponse anonymous = WebSession.newVisitor().get(screen);
        assertThat(anonymous.status()).isIn(302, 303);
        assertThat(secret.pages(owner.client()).get("Secret").expect(200).text("content"))
                .isEqualTo("the secret line\n");
    }
}
