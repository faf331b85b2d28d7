package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.page.git.OutsideCommits;

/**
 * Sizes and caps through the real doors (REST and the web forms) of the WAR in Tomcat: commit messages, page and
 * draft sizes, list answers over commits pushed straight into git, and the caps on wikis, tokens and drafts, each
 * with a check that one wiki's or account's cap is not consumed by another. The IT server runs with
 * {@code maxPageBytes} 512 KB (below its 1 MB body limit); the other limits have their defaults.
 */
class LimitsIT {
    private static final int PAGE_BYTES = 524_288;
    private static final int MESSAGE_CHARS = 2_000;
    private static final long LIST_BYTES = 1_048_576;
    /** Room for what an answer has besides its list: field names, the path, the flags. */
    private static final int ENVELOPE = 2_048;

    private static String base(TestWiki wiki) {
        return "/" + wiki.owner() + "/" + wiki.slug();
    }

    private static long bytes(ApiResponse response) {
        return response.body().getBytes(StandardCharsets.UTF_8).length;
    }

    private static Path repository(TestWiki wiki) {
        return Fixtures.DATA.resolve("wikis").resolve(wiki.id()).resolve("repo.git");
    }

    @Test
    void commitMessagesAreCheckedOnEveryDoor() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        String revision = pages.create("Home", "# Home\n");

        owner.client().put(wiki.page("Home"), Pages.body("nul", revision, "a\u0000b"))
                .expectError(400, "invalid_message");
        ApiResponse tooLong = owner.client().put(wiki.page("Home"),
                Pages.body("long", revision, "m".repeat(MESSAGE_CHARS + 1))).expectError(400, "message_too_long");
        assertThat(tooLong.text("message")).contains("2,000");
        owner.client().delete(wiki.page("Home") + "?message=" + Fixtures.encodeQuery("bell\u0007"))
                .expectError(400, "invalid_message");
        WebSession web = WebSession.signedIn(owner);
        ApiResponse form = web.submit(base(wiki) + "/-/edit/Home", Map.of("content", "from the form",
                "revision", revision, "message", "escape \u001b[31m"));
        assertThat(form.status()).as("%s", form).isEqualTo(400);
        assertThat(form.body()).contains("control characters");
        assertThat(pages.historyRevisions("Home")).containsExactly(revision);

        String tidy = pages.put("Home", "tidy", revision).expect(200).text("revision");
        owner.client().put(wiki.page("Home"), Pages.body("tidy 2", tidy, "Subject  \r\n\r\n\tbody \n\n")).expect(200);
        assertThat(pages.changes().get(0).path("message").asText()).isEqualTo("Subject\n\n\tbody");
    }

    @Test
    void pagesAndDraftsOverTheSizeLimitAre413() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());

        ApiResponse page = pages.put("Big", "x".repeat(PAGE_BYTES + 1), null).expectError(413, "too_large");
        assertThat(page.text("message")).contains("524,288");
        owner.client().put(wiki.api() + "/drafts/Big", Map.of("content", "y".repeat(PAGE_BYTES + 1)))
                .expectError(413, "too_large");

        pages.get("Big").expectError(404, "page_not_found");
        owner.client().get(wiki.api() + "/drafts/Big").expect(404);
        pages.create("Big", "x".repeat(PAGE_BYTES));
    }

    @Test
    void listsStayWithinTheirBudgetWhateverGitHolds() throws Exception {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestWiki other = Fixtures.newWiki(Fixtures.newUser(), false);
        String huge = "\"".repeat(5 * 1024 * 1024);
        String last = null;
        for (int i = 0; i < 20; i++) {
            last = OutsideCommits.commit(repository(wiki), "Pusher", huge, Map.of("Home.md", "version " + i));
        }

        ApiResponse changelog = owner.client().get(wiki.api() + "/changelog?limit=1000").expect(200);
        ApiResponse history = owner.client().get(wiki.page("Home") + "/history?limit=1000").expect(200);
        ApiResponse one = owner.client().get(wiki.api() + "/changes/" + last).expect(200);

        assertThat(bytes(changelog)).as("changelog bytes").isLessThanOrEqualTo(LIST_BYTES + ENVELOPE);
        assertThat(bytes(history)).as("history bytes").isLessThanOrEqualTo(LIST_BYTES + ENVELOPE);
        assertThat(bytes(one)).as("one change's bytes").isLessThanOrEqualTo(LIST_BYTES + ENVELOPE);
        List<JsonNode> changes = changelog.array("changes");
        assertThat(changes).isNotEmpty();
        for (JsonNode change : changes) {
            if (!"Pusher".equals(change.path("author").asText())) {
                continue; // the wiki's own first commits (its Home page, the test's clean-up) have short messages
            }
            assertThat(change.path("message").asText()).hasSize(MESSAGE_CHARS);
            assertThat(change.path("message_truncated").asBoolean()).isTrue();
        }
        long pushed = changes.stream().filter(change -> "Pusher".equals(change.path("author").asText())).count();
        assertThat(pushed == 20 || changelog.json().path("truncated").asBoolean())
                .as("all 20 pushed changes, or a list that says it was cut").isTrue();
        assertThat(one.text("message").length()).isGreaterThan(MESSAGE_CHARS);
        assertThat(one.json().path("message_truncated").asBoolean()).isTrue();
        // Another wiki's commit does not exist here, for its owner or anyone.
        owner.client().get(other.api() + "/changes/" + last).expectJsonError(403);
        Fixtures.admin().client().get(other.api() + "/changes/" + last).expectError(404, "revision_not_found");
    }

    @Test
    void thePageListComesInStretches() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        Pages pages = wiki.pages(owner.client());
        for (int i = 0; i < 5; i++) {
            pages.create("p" + i, "page " + i);
        }

        ApiResponse first = owner.client().get(wiki.api() + "/pages?limit=3").expect(200);
        ApiResponse rest = owner.client().get(wiki.api() + "/pages?limit=3&after="
                + Fixtures.encodeQuery(first.text("next"))).expect(200);

        assertThat(first.array("pages")).extracting(p -> p.path("path").asText()).containsExactly("p0", "p1", "p2");
        assertThat(first.json().path("count").asInt()).isEqualTo(5);
        assertThat(rest.array("pages")).extracting(p -> p.path("path").asText()).containsExactly("p3", "p4");
        assertThat(rest.json().has("next")).isFalse();
        owner.client().get(wiki.api() + "/pages?limit=1001").expectError(400, "invalid_limit");
        owner.client().get("/api/v1/wikis?offset=first").expectError(400, "invalid_offset");
        owner.client().get(wiki.api() + "/members?offset=-1").expectError(400, "invalid_offset");
        assertThat(owner.client().get("/api/v1/wikis?offset=2147483647").expect(200).array("wikis")).isEmpty();
    }

    @Test
    void anAccountOwnsAtMostTwentyWikisOnEveryDoor() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        for (int i = 0; i < 20; i++) {
            Fixtures.newWiki(alice, false);
        }

        ApiResponse refused = Fixtures.createWiki(alice.client(), Fixtures.randomName("w", 10), false)
                .expectError(409, "too_many_wikis");
        assertThat(refused.text("message")).contains("20 wikis");
        ApiResponse form = WebSession.signedIn(alice).submit("/wikis", Map.of("slug", Fixtures.randomName("w", 10),
                "display_name", "One more"));
        assertThat(form.status()).as("%s", form).isEqualTo(409);
        assertThat(form.body()).contains("20 wikis");
        assertThat(alice.client().get("/api/v1/wikis?limit=100").expect(200).array("wikis"))
                .filteredOn(w -> w.path("owner").asText().equals(alice.username())).hasSize(20);
        // Alice's cap is hers: Bob and the platform admin still create wikis, and Bob cannot hand her one.
        TestWiki bobs = Fixtures.newWiki(bob, false);
        Fixtures.newWiki(Fixtures.admin(), false);
        bob.client().put(bobs.api() + "/members/" + alice.username(), Map.of("role", "owner"))
                .expectError(409, "too_many_wikis");
        assertThat(bob.client().get(bobs.api() + "/settings").status()).isEqualTo(200);
    }

    @Test
    void aWikiHasAtMostFiftyTokensOnEveryDoor() {
        TestUser owner = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestWiki second = Fixtures.newWiki(owner, false);
        String firstId = null;
        for (int i = 0; i < 50; i++) {
            ApiResponse token = owner.client().post(wiki.api() + "/tokens", Map.of("name", "t" + i, "role", "viewer"))
                    .expect(201);
            firstId = firstId == null ? token.text("id") : firstId;
        }

        ApiResponse refused = owner.client().post(wiki.api() + "/tokens", Map.of("name", "t50", "role", "viewer"))
                .expectError(409, "too_many_tokens");
        assertThat(refused.text("message")).isEqualTo("This wiki already has 50 tokens, the most it may have; revoke"
                + " one first.");
        ApiResponse form = WebSession.signedIn(owner).submit(base(wiki) + "/-/tokens",
                Map.of("action", "create", "name", "from the form", "role", "viewer"));
        assertThat(form.status()).as("%s", form).isEqualTo(409);
        assertThat(form.body()).contains("50 tokens");
        assertThat(owner.client().get(wiki.api() + "/tokens").expect(200).array("tokens")).hasSize(50);
        // The second wiki of the same owner has its own fifty; revoking one frees a place.
        owner.client().post(second.api() + "/tokens", Map.of("name", "t0", "role", "viewer")).expect(201);
        owner.client().delete(wiki.api() + "/tokens/" + firstId).expect(204);
        owner.client().post(wiki.api() + "/tokens", Map.of("name", "t50", "role", "viewer")).expect(201);
    }

    @Test
    void aWriterKeepsAtMostAHundredDraftsPerWikiOnEveryDoor() {
        TestUser owner = Fixtures.newUser();
        TestUser editor = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(owner, false);
        TestWiki other = Fixtures.newWiki(owner, false);
        owner.client().put(wiki.api() + "/members/" + editor.username(), Map.of("role", "editor")).expect(200);
        for (int i = 0; i < 100; i++) {
            owner.client().put(wiki.api() + "/drafts/Draft" + i, Map.of("content", "draft " + i)).expect(200);
        }

        ApiResponse refused = owner.client().put(wiki.api() + "/drafts/Extra", Map.of("content", "no room"))
                .expectError(409, "too_many_drafts");
        assertThat(refused.text("message")).contains("100 drafts");
        Map<String, String> autosave = new LinkedHashMap<>();
        autosave.put("content", "autosaved");
        ApiResponse form = WebSession.signedIn(owner).submit(base(wiki) + "/-/draft/Extra", autosave);
        assertThat(form.status()).as("%s", form).isEqualTo(409);
        owner.client().get(wiki.api() + "/drafts/Extra").expect(404);
        // A kept draft can still change; another writer and another wiki have their own hundred.
        owner.client().put(wiki.api() + "/drafts/Draft0", Map.of("content", "changed")).expect(200);
        editor.client().put(wiki.api() + "/drafts/Extra", Map.of("content", "the editor's")).expect(200);
        owner.client().put(other.api() + "/drafts/Extra", Map.of("content", "elsewhere")).expect(200);
    }
}
