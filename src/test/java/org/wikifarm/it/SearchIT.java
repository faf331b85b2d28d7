package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search through the real WAR in Tomcat: the API ({@code search}, {@code search/status}, {@code reindex}) and the
 * web screen, indexing in the background after saves, renames and deletes, permissions and isolation between wikis.
 */
class SearchIT {
    private static TestUser alice;
    private static TestWiki wiki;

    @BeforeAll
    static void corpus() {
        alice = Fixtures.newUser();
        wiki = Fixtures.newWiki(alice, true);
        Pages pages = wiki.pages(alice.client());
        pages.create("garden/compost", "# Compost heap\n\nKitchen scraps such as carrot tops, potato skins, coffee "
                + "grounds and eggshells go on the heap with dry brown material: shredded cardboard, straw and autumn "
                + "leaves. Turn it every few weeks so air reaches the middle.");
        pages.create("tech/backups", "# Backups\n\nEvery laptop runs restic each hour to the NAS, and the NAS copies "
                + "its snapshots to object storage in another country. Twice a year we run the ZX-42 restore drill.");
        pages.create("travel/japan", "# Japan trip\n\nThe Japan Rail Pass covers the shinkansen between Tokyo, Kyoto "
                + "and Osaka. In Kyoto we visited Fushimi Inari early in the morning before the crowds.");
        awaitIndexed(alice.client(), wiki);
    }

    /** Polls the status until the queue is empty and nothing is being indexed (the model may still be loading). */
    static JsonNode awaitIndexed(ApiClient client, TestWiki wiki) {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        JsonNode status;
        do {
            status = client.get(wiki.api() + "/search/status").expect(200).json();
            if (status.path("queued").asInt(-1) == 0 && !status.path("indexing").asBoolean(true)
                    && !"warming_up".equals(status.path("semantic").asText())) {
                return status;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("indexing did not finish: " + status);
    }

    static List<String> paths(ApiResponse response) {
        return response.expect(200).array("hits").stream().map(hit -> hit.path("path").asText()).toList();
    }

    private String search(String query, String mode) {
        return wiki.api() + "/search?q=" + Fixtures.encodeQuery(query) + "&mode=" + mode;
    }

    @Test
    void statusShowsTheQueueTheLastIndexedCommitAndTheModel() {
        JsonNode status = alice.client().get(wiki.api() + "/search/status").expect(200).json();
        assertThat(status.path("queued").asInt()).isZero();
        assertThat(status.path("last_indexed_commit").asText()).isEqualTo(status.path("head_commit").asText())
                .matches("[0-9a-f]{40}");
        assertThat(status.path("indexed_pages").asInt()).isEqualTo(3);
        assertThat(status.path("indexed_chunks").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(status.path("model").asText()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(status.path("semantic").asText()).isEqualTo("ready");
    }

    @Test
    void textSemanticAndHybridSearch() {
        ApiResponse text = alice.client().get(search("shinkansen", "text")).expect(200);
        assertThat(paths(text)).containsExactly("travel/japan");
        assertThat(text.array("hits").get(0).path("snippet").asText()).contains("<mark>shinkansen</mark>");
        assertThat(text.text("mode")).isEqualTo("text");

        ApiResponse semantic = alice.client().get(search("what to do with vegetable peelings", "semantic"));
        assertThat(paths(semantic)).first().isEqualTo("garden/compost");
        JsonNode chunk = semantic.array("hits").get(0).path("chunks").get(0);
        assertThat(chunk.path("breadcrumb").asText()).isEqualTo("garden/compost > Compost heap");
        assertThat(chunk.path("text").asText()).contains("Kitchen scraps");

        ApiResponse hybrid = ApiClient.anonymous().get(wiki.api() + "/search?q=ZX-42");
        assertThat(paths(hybrid)).first().isEqualTo("tech/backups");
        assertThat(hybrid.text("mode")).isEqualTo("hybrid");
        assertThat(paths(alice.client().get(search("\"rail pass\"", "text")))).containsExactly("travel/japan");
        assertThat(paths(alice.client().get(search("shinkan*", "text")))).containsExactly("travel/japan");
    }

    @Test
    void luceneSyntaxCharactersAreASearchNotA500() {
        SoftAssertions soft = new SoftAssertions();
        for (String query : List.of("\"", ":", "(", ")", "*", "\\", "title:backups", "a AND (b", "\"open phrase",
                "[1 TO 5] {x} ~2 ^3 ! && ||", "*:*", "\\\\", "%", "-", "+")) {
            for (String mode : List.of("text", "semantic", "hybrid")) {
                ApiResponse answer = alice.client().get(search(query, mode));
                soft.assertThat(answer.status()).as("%s search for %s: %s", mode, query, answer.body()).isEqualTo(200);
            }
        }
        soft.assertAll();
        alice.client().get(search("x", "fuzzy")).expectError(400, "invalid_mode");
        alice.client().get(wiki.api() + "/search?q=x&limit=0").expectError(400, "invalid_limit");
        alice.client().get(wiki.api() + "/search?q=x&limit=ten").expectError(400, "invalid_limit");
        alice.client().get(wiki.api() + "/search?q=x&limit=101").expectError(400, "invalid_limit");
        alice.client().get(wiki.api() + "/search?q=x&limit=100").expect(200);
    }

    @Test
    void aLongQuestionIsAnsweredInEveryModeAndATooLongSearchIsRefused() {
        // ~2,000 characters and 300 words, as CISI's longest questions (docs/benchmarks.md, "Relevance"): more
        // than 64 words, so read as plain words (the unit tests check the clause bound with many distinct words).
        StringBuilder question = new StringBuilder();
        while (question.length() < 2_000) {
            question.append("How should we keep backups of a server safe from a failed drive, and what does restic"
                    + " do with the snapshots it keeps? ");
        }
        for (String mode : List.of("text", "semantic", "hybrid")) {
            ApiResponse answer = alice.client().get(search(question.toString(), mode)).expect(200);
            assertThat(paths(answer)).as(mode).contains("tech/backups");
        }
        alice.client().get(search("x".repeat(4_001), "text")).expectError(400, "query_too_long");
    }

    @Test
    void renamesAndDeletesLeaveBothIndexes() {
        TestWiki moving = Fixtures.newWiki(alice, false);
        Pages pages = moving.pages(alice.client());
        pages.create("old/walrus", "# Walrus\n\nThe walrus sleeps on the ice floe near the harbour.");
        pages.create("narwhal", "# Narwhal\n\nThe narwhal has a long spiral tusk.");
        awaitIndexed(alice.client(), moving);
        pages.rename("old/walrus", "new/walrus").expect(200);
        pages.delete("narwhal").expect(200);
        JsonNode status = awaitIndexed(alice.client(), moving);
        assertThat(status.path("indexed_pages").asInt()).isEqualTo(1);
        for (String mode : List.of("text", "semantic", "hybrid")) {
            String base = moving.api() + "/search?mode=" + mode + "&q=";
            assertThat(paths(alice.client().get(base + Fixtures.encodeQuery("walrus on the ice")))).as(mode)
                    .containsExactly("new/walrus");
            assertThat(paths(alice.client().get(base + Fixtures.encodeQuery("narwhal tusk")))).as(mode)
                    .doesNotContain("narwhal");
        }
    }

    @Test
    void searchIsPerWikiAndNeedsRead() {
        TestUser bob = Fixtures.newUser();
        TestWiki secret = Fixtures.newWiki(bob, false);
        secret.pages(bob.client()).create("plans", "# Plans\n\nThe ZX-42 restore drill moves to the shinkansen depot.");
        awaitIndexed(bob.client(), secret);
        for (String mode : List.of("text", "semantic", "hybrid")) {
            assertThat(paths(alice.client().get(search("ZX-42 restore drill shinkansen depot", mode)))).as(mode)
                    .doesNotContain("plans");
            assertThat(paths(bob.client().get(secret.api() + "/search?mode=" + mode + "&q=ZX-42"))).as(mode)
                    .containsExactly("plans");
        }
        alice.client().get(secret.api() + "/search?q=ZX-42").expectJsonError(403);
        alice.client().get(secret.api() + "/search?q=ZX-42&offset=10").expectJsonError(403);
        ApiClient.anonymous().get(secret.api() + "/search?q=ZX-42").expectJsonError(401);
        alice.client().get(secret.api() + "/search/status").expectJsonError(403);
        alice.client().post(secret.api() + "/reindex", Map.of()).expectJsonError(403);
    }

    @Test
    void reindexIsForAdministratorsAndReportsProgress() {
        ApiClient.anonymous().post(wiki.api() + "/reindex", Map.of()).expectJsonError(401);
        Fixtures.newUser().client().post(wiki.api() + "/reindex", Map.of()).expectJsonError(403);
        ApiResponse started = alice.client().post(wiki.api() + "/reindex", Map.of()).expect(202);
        assertThat(started.json().path("reindex").path("total").asInt()).isEqualTo(4); // 3 pages and a prune
        JsonNode done = awaitIndexed(alice.client(), wiki);
        assertThat(done.path("reindex").path("done").asInt()).isEqualTo(4);
        assertThat(done.path("reindex").path("queued").asInt()).isZero();
        assertThat(done.path("indexed_pages").asInt()).isEqualTo(3);
    }

    @Test
    void resultsComeInPagesOnTheScreenAndInTheApi() {
        TestWiki lanterns = Fixtures.newWiki(alice, true);
        Pages pages = lanterns.pages(alice.client());
        for (int i = 1; i <= 25; i++) {
            pages.create("lantern-" + i, "# Lantern " + i + "\n\nLantern number " + i + " lights the path.");
        }
        awaitIndexed(alice.client(), lanterns);
        String api = lanterns.api() + "/search?mode=text&q=lantern";
        JsonNode first = alice.client().get(api + "&limit=10").expect(200).json();
        assertThat(first.path("offset").asInt()).isZero();
        assertThat(first.path("hits")).hasSize(10);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        JsonNode last = alice.client().get(api + "&limit=10&offset=20").expect(200).json();
        assertThat(last.path("offset").asInt()).isEqualTo(20);
        assertThat(last.path("hits")).hasSize(5);
        assertThat(last.path("has_more").asBoolean()).isFalse();
        alice.client().get(api + "&offset=two").expectError(400, "invalid_offset");
        alice.client().get(api + "&offset=95&limit=10").expectError(400, "invalid_offset");
        alice.client().get(api + "&offset=2147483647").expectError(400, "invalid_offset");
        alice.client().get(api + "&offset=99999999999").expectError(400, "invalid_offset");

        WebSession visitor = WebSession.newVisitor();
        String screen = "/" + lanterns.owner() + "/" + lanterns.slug() + "/-/search?mode=text&q=lantern";
        String one = visitor.get(screen).expect(200).body();
        assertThat(one).contains("start=\"1\"").contains("Pages 1&ndash;20").contains("id=\"next-results\"")
                .contains("q=lantern&amp;mode=text&amp;page=2").doesNotContain("id=\"previous-results\"");
        String two = visitor.get(screen + "&page=2").expect(200).body();
        assertThat(two).contains("start=\"21\"").contains("Pages 21&ndash;25").contains("id=\"previous-results\"")
                .contains("q=lantern&amp;mode=text&amp;page=1").doesNotContain("id=\"next-results\"");
        assertThat(two.split("class=\"search-hit\"", -1)).hasSize(6);
        assertThat(visitor.get(screen + "&page=3").expect(200).body()).contains("Nothing more found.");
        assertThat(visitor.get(screen + "&page=6").expect(400).body()).contains("from page 1 to page 5");
        visitor.get(screen + "&page=first").expect(400);
    }

    @Test
    void theSearchScreenShowsHitsSnippetsChunksAndStatus() {
        WebSession visitor = WebSession.newVisitor();
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        ApiResponse page = visitor.get(base + "/-/search?q=" + Fixtures.encodeQuery("vegetable peelings")).expect(200);
        assertThat(page.body()).contains("id=\"search-results\"").contains("garden/compost")
                .contains("class=\"chunk\"").contains("Compost heap").contains("id=\"status-queued\"")
                .contains("id=\"header-search-box\"").doesNotContain("id=\"reindex-button\"");
        ApiResponse text = visitor.get(base + "/-/search?mode=text&q=" + Fixtures.encodeQuery("restic (\"")).expect(200);
        assertThat(text.body()).contains("<mark>restic</mark>");

        WebSession owner = WebSession.signedIn(alice);
        ApiResponse mine = owner.get(base + "/-/search").expect(200);
        assertThat(mine.body()).contains("id=\"reindex-button\"");
        owner.submit(base + "/-/search", Map.of()).expect(303);
        awaitIndexed(alice.client(), wiki);
    }

    @Test
    void theSettingsScreenShowsTheIndexAndStartsAReindex() {
        String base = "/" + wiki.owner() + "/" + wiki.slug();
        WebSession owner = WebSession.signedIn(alice);
        ApiResponse settings = owner.get(base + "/-/settings").expect(200);
        assertThat(settings.body()).contains("id=\"search-status\"").contains("id=\"status-queued\"")
                .contains("id=\"reindex-button\"").contains("name=\"from\" value=\"settings\"");

        ApiResponse started = owner.submit(base + "/-/search", Map.of("from", "settings")).expect(303);
        assertThat(started.header("Location").orElseThrow()).endsWith(base + "/-/settings?done=reindex");
        ApiResponse after = owner.get(base + "/-/settings?done=reindex").expect(200);
        assertThat(after.body()).contains("id=\"reindex-started\"").contains("id=\"reindex-progress\"");
        JsonNode status = awaitIndexed(alice.client(), wiki);
        assertThat(status.path("reindex").path("total").asLong()).isEqualTo(4); // 3 pages and a prune

        // Only the settings screen is a way back: anything else returns to the search screen.
        assertThat(owner.submit(base + "/-/search", Map.of("from", "https://evil.example/")).expect(303)
                .header("Location").orElseThrow()).endsWith(base + "/-/search?done=reindex");
        awaitIndexed(alice.client(), wiki);
        // Someone who may read but not administer sees no settings at all.
        WebSession.signedIn(Fixtures.newUser()).get(base + "/-/settings").expect(403);
    }

    @Test
    void aPageTooLargeToIndexIsListedAndOnlyItsWikisAdministratorsRetryIt() {
        TestWiki shown = Fixtures.newWiki(alice, true);
        Pages pages = shown.pages(alice.client());
        // 300 KB, over this server's searchMaxPageBytes (256 KB) and under its maxBodyBytes (1 MB).
        String big = "# Big table\n\n| word | count |\n|---|---|\n" + "| albatross | 1 |\n".repeat(17_000);
        pages.create("big-table", big);
        pages.create("small", "# Small\n\nA small page about puffins.");
        JsonNode status = awaitIndexed(alice.client(), shown);
        assertThat(status.path("failed_pages").asInt()).isEqualTo(1);
        JsonNode failed = status.path("failures").get(0);
        assertThat(failed.path("path").asText()).isEqualTo("big-table");
        assertThat(failed.path("reason").asText()).isEqualTo("too_large");
        assertThat(failed.path("message").asText()).contains("KB");
        // Once, or twice when its queue row landed after a batch had already met it through git's catch-up
        // (indexing is at least once: the row and the commit are written one after the other).
        int attempts = failed.path("attempts").asInt();
        assertThat(attempts).isBetween(1, 2);
        assertThat(failed.path("failed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(status.path("indexed_pages").asInt()).isEqualTo(2);
        assertThat(paths(alice.client().get(shown.api() + "/search?mode=text&q=albatross"))).isEmpty();
        assertThat(paths(alice.client().get(shown.api() + "/search?mode=text&q=" + Fixtures.encodeQuery("big table"))))
                .containsExactly("big-table");

        // Only its own administrators retry; nobody else learns anything about another wiki's failures.
        TestUser bob = Fixtures.newUser();
        TestWiki bobs = Fixtures.newWiki(bob, false);
        bobs.pages(bob.client()).create("notes", "# Notes\n\nBob's notes.");
        assertThat(awaitIndexed(bob.client(), bobs).path("failed_pages").asInt()).isZero();
        bob.client().post(shown.api() + "/search/retry", Map.of()).expectJsonError(403);
        ApiClient.anonymous().post(shown.api() + "/search/retry", Map.of()).expectJsonError(401);
        alice.client().post(bobs.api() + "/search/retry", Map.of()).expectJsonError(403);
        alice.client().get(bobs.api() + "/search/status").expectJsonError(403);

        ApiResponse retried = alice.client().post(shown.api() + "/search/retry", Map.of()).expect(202);
        assertThat(retried.json().path("failed_pages").asInt()).isEqualTo(1);
        assertThat(awaitIndexed(alice.client(), shown).path("failures").get(0).path("attempts").asInt())
                .as("one attempt more for the retry").isEqualTo(attempts + 1);

        // The screens list it; the button is for administrators only.
        String base = "/" + shown.owner() + "/" + shown.slug();
        ApiResponse visitorView = WebSession.newVisitor().get(base + "/-/search").expect(200);
        assertThat(visitorView.body()).contains("id=\"index-failures\"").contains("1 page")
                .contains("could not be indexed").contains("big-table").doesNotContain("id=\"retry-button\"");
        WebSession owner = WebSession.signedIn(alice);
        assertThat(owner.get(base + "/-/search").expect(200).body()).contains("id=\"retry-button\"");
        assertThat(owner.submit(base + "/-/search", Map.of("action", "retry")).expect(303).header("Location")
                .orElseThrow()).endsWith(base + "/-/search?done=retry");
        assertThat(owner.get(base + "/-/search?done=retry").expect(200).body()).contains("id=\"retry-started\"");
        awaitIndexed(alice.client(), shown);
        assertThat(owner.get(base + "/-/settings").expect(200).body()).contains("id=\"index-failures\"")
                .contains("id=\"retry-button\"");
        assertThat(owner.submit(base + "/-/search", Map.of("action", "retry", "from", "settings")).expect(303)
                .header("Location").orElseThrow()).endsWith(base + "/-/settings?done=retry");
        awaitIndexed(alice.client(), shown);

        // An edit that makes the page indexable clears it.
        pages.update("big-table", "# Big table\n\nNow only one albatross.", pages.get("big-table").text("revision"));
        status = awaitIndexed(alice.client(), shown);
        assertThat(status.path("failed_pages").asInt()).isZero();
        assertThat(status.path("failures").size()).isZero();
        assertThat(paths(alice.client().get(shown.api() + "/search?mode=text&q=albatross"))).containsExactly("big-table");
        assertThat(WebSession.newVisitor().get(base + "/-/search").expect(200).body())
                .doesNotContain("id=\"index-failures\"");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
