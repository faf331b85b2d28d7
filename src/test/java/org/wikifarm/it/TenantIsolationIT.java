package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;

/**
 * Two owners with the same wiki slug and the same page names must never see, change or even detect each other's
 * data — through the API or on disk.
 */
class TenantIsolationIT {
    private static final List<String> PAGE_NAMES = List.of("Home", "notes/plan");

    @Test
    void sameSlugAndPageNamesStaySeparateThroughTheApiAndOnDisk() throws IOException {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        String slug = Fixtures.randomName("w", 10);
        TestWiki wikiA = Fixtures.newWiki(alice, slug, false);
        TestWiki wikiB = Fixtures.newWiki(bob, slug, false);

        assertThat(wikiA.id()).matches("[a-z2-7]{12}").isNotEqualTo(wikiB.id());
        assertThat(wikiB.id()).matches("[a-z2-7]{12}");
        assertThat(wikiA.json().path("url").asText()).isEqualTo("/" + alice.username() + "/" + slug);
        assertThat(wikiB.json().path("url").asText()).isEqualTo("/" + bob.username() + "/" + slug);
        // Created with its first Home page (deleted since by the fixture: these pages are the test's own).
        assertThat(wikiA.json().path("page_count").asInt(-1)).isEqualTo(1);

        List<String> revisionsA = new ArrayList<>();
        List<String> revisionsB = new ArrayList<>();
        for (String page : PAGE_NAMES) {
            revisionsA.add(0, wikiA.pages(alice.client()).create(page, contentOf(alice, page)));
            revisionsB.add(0, wikiB.pages(bob.client()).create(page, bobsContentOf(bob, page)));
        }

        for (String page : PAGE_NAMES) {
            assertThat(wikiA.pages(alice.client()).get(page).expect(200).text("content"))
                    .isEqualTo(contentOf(alice, page));
            assertThat(wikiB.pages(bob.client()).get(page).expect(200).text("content"))
                    .isEqualTo(bobsContentOf(bob, page));
        }
        assertThat(wikiA.pages(alice.client()).paths(null)).containsExactlyElementsOf(PAGE_NAMES);
        assertThat(wikiB.pages(bob.client()).paths(null)).containsExactlyElementsOf(PAGE_NAMES);
        assertThat(wikiA.pages(alice.client()).changelogRevisions()).containsExactlyElementsOf(revisionsA);
        assertThat(wikiB.pages(bob.client()).changelogRevisions()).containsExactlyElementsOf(revisionsB);
        assertThat(wikiA.pages(alice.client()).historyRevisions("Home")).containsExactly(revisionsA.get(1));

        // Only Bob's Home links to notes/plan: a link graph shared between the two wikis would show it in Alice's.
        assertThat(linkNames(wikiA.pages(alice.client()).links("notes/plan").expect(200), "backlinks")).isEmpty();
        assertThat(linkNames(wikiB.pages(bob.client()).links("notes/plan").expect(200), "backlinks"))
                .containsExactly("Home");
        assertThat(linkNames(wikiA.pages(alice.client()).links("Home").expect(200), "outgoing")).isEmpty();

        // Drafts live in each wiki's own database.
        alice.client().put(wikiA.api() + "/drafts/Home", Map.of("content", "alice's draft")).expect(200);
        bob.client().get(wikiB.api() + "/drafts/Home").expectJsonError(404);
        assertThat(alice.client().get(wikiA.api() + "/drafts/Home").expect(200).text("content"))
                .isEqualTo("alice's draft");

        Path repoA = Fixtures.DATA.resolve("wikis").resolve(wikiA.id()).resolve("repo.git");
        Path repoB = Fixtures.DATA.resolve("wikis").resolve(wikiB.id()).resolve("repo.git");
        assertThat(repoA).isDirectory();
        assertThat(repoB).isDirectory();
        assertThat(repoA.toRealPath()).isNotEqualTo(repoB.toRealPath());
        assertThat(readAtHead(repoA, "Home.md")).isEqualTo(contentOf(alice, "Home"));
        assertThat(readAtHead(repoB, "Home.md")).isEqualTo(bobsContentOf(bob, "Home"));
        assertThat(readAtHead(repoA, "notes/plan.md")).isEqualTo(contentOf(alice, "notes/plan"));
        assertThat(readAtHead(repoB, "notes/plan.md")).isEqualTo(bobsContentOf(bob, "notes/plan"));
    }

    /** Alice's private wiki with one page, Bob (another user) and the URL of a wiki Alice does not have. */
    private record Secret(TestUser alice, TestUser bob, TestWiki wiki, String revision, String missingWiki) {
        static Secret create() {
            TestUser alice = Fixtures.newUser();
            TestWiki wiki = Fixtures.newWiki(alice, false);
            String revision = wiki.pages(alice.client()).create("Home", "alice's secret");
            String missing = "/" + alice.username() + "/" + Fixtures.randomName("w", 10) + "/api/v1/pages/Home";
            return new Secret(alice, Fixtures.newUser(), wiki, revision, missing);
        }

        Pages asBob() {
            return wiki.pages(bob.client());
        }

        void assertUntouched() {
            Pages own = wiki.pages(alice.client());
            assertThat(own.get("Home").expect(200).text("content")).isEqualTo("alice's secret");
            assertThat(own.paths(null)).containsExactly("Home");
            assertThat(own.changelogRevisions()).containsExactly(revision);
        }
    }

    @Test
    void anotherUsersPrivatePageIsForbiddenNamingTheMissingPermission() {
        Secret secret = Secret.create();

        secret.bob().client().get(secret.missingWiki()).expectJsonError(404);
        ApiResponse hidden = secret.asBob().get("Home").expectJsonError(403);

        assertThat(hidden.text("message")).contains("READ");
        assertThat(hidden.body()).doesNotContain("alice's secret");
    }

    @Test
    void anotherUsersPrivateWikiHidesListHistoryChangelogAndRevisions() {
        Secret secret = Secret.create();

        expectAll(403, List.of(
                secret.asBob().list(null),
                secret.asBob().history("Home"),
                secret.asBob().changelog(10),
                secret.asBob().getAt("Home", secret.revision()),
                secret.asBob().links("Home")));
    }

    @Test
    void anotherUserCannotWriteAPrivateWikiAndLearnsNothing() {
        Secret secret = Secret.create();

        List<ApiResponse> answers = List.of(
                secret.asBob().put("Home", "bob was here", secret.revision()),
                secret.asBob().put("Bob", "bob was here", null),
                secret.asBob().delete("Home"),
                secret.asBob().rename("Home", "Moved"),
                secret.asBob().revert("Home", secret.revision()),
                secret.bob().client().put(secret.wiki().api() + "/drafts/Home", Map.of("content", "x")));

        secret.assertUntouched();
        expectAll(403, answers);
    }

    @Test
    void anonymousReadOfAPrivateWikiAsksForCredentials() {
        Secret secret = Secret.create();

        ApiResponse anonymous = secret.wiki().pages(ApiClient.anonymous()).get("Home").expectJsonError(401);
        ApiClient.anonymous().get(secret.missingWiki()).expectJsonError(404);

        assertThat(anonymous.header("WWW-Authenticate")).isPresent();
        assertThat(anonymous.body()).doesNotContain("alice's secret");
        secret.assertUntouched();
    }

    @Test
    void dotDotFromOwnWikiNeverReachesAnotherUsersWiki() {
        Secret secret = Secret.create();
        TestWiki bobs = Fixtures.newWiki(secret.bob(), true);
        String target = secret.alice().username() + "/" + secret.wiki().slug() + "/api/v1/pages/Home";
        List<String> climbs = List.of("../../../../", "../../../../../", "%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/",
                "x/../../../../../../");

        SoftAssertions softly = new SoftAssertions();
        for (String climb : climbs) {
            String url = bobs.api() + "/pages/" + climb + target;
            ApiResponse read = secret.bob().client().get(url);
            ApiResponse write = secret.bob().client().put(url,
                    Pages.body("bob was here", secret.revision(), "traversal"));

            for (ApiResponse answer : List.of(read, write)) {
                softly.assertThat(answer.status()).as("status of %s", answer).isIn(400, 404);
                softly.assertThat(answer.body()).as("body of %s", answer).doesNotContain("alice's secret");
            }
        }
        secret.assertUntouched();
        softly.assertAll();
        assertThat(bobs.pages(secret.bob().client()).paths(null)).isEmpty();
    }

    @Test
    void anotherUserCanReadAPublicWikiButNotWriteIt() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki open = Fixtures.newWiki(alice, true);
        String revision = open.pages(alice.client()).create("Home", "alice's public page");

        assertThat(open.pages(bob.client()).get("Home").expect(200).text("content")).isEqualTo("alice's public page");
        assertThat(open.pages(ApiClient.anonymous()).get("Home").expect(200).text("content"))
                .isEqualTo("alice's public page");
        assertThat(open.pages(bob.client()).paths(null)).containsExactly("Home");

        open.pages(bob.client()).put("Home", "bob was here", revision).expectJsonError(403);
        open.pages(bob.client()).put("Bob", "bob was here", null).expectJsonError(403);
        open.pages(bob.client()).delete("Home").expectJsonError(403);
        open.pages(bob.client()).rename("Home", "Moved").expectJsonError(403);
        open.pages(bob.client()).revert("Home", revision).expectJsonError(403);
        bob.client().put(open.api() + "/drafts/Home", Map.of("content", "bob's draft")).expectJsonError(403);

        ApiResponse home = open.pages(alice.client()).get("Home").expect(200);
        assertThat(home.text("content")).isEqualTo("alice's public page");
        assertThat(home.text("revision")).isEqualTo(revision);
        assertThat(open.pages(alice.client()).paths(null)).containsExactly("Home");
        assertThat(open.pages(alice.client()).changelogRevisions()).containsExactly(revision);
    }

    @Test
    void unknownUserOrWikiIs404Json() {
        TestUser alice = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, true);
        String nobody = Fixtures.randomName("u", 12);

        ApiClient.anonymous().get("/" + nobody + "/" + wiki.slug() + "/api/v1/pages/Home").expectJsonError(404);
        ApiClient.anonymous().get("/" + nobody + "/" + wiki.slug() + "/api/v1/pages").expectJsonError(404);
        alice.client().get("/" + alice.username() + "/" + Fixtures.randomName("w", 10) + "/api/v1/pages")
                .expectJsonError(404);
        alice.client().put("/" + nobody + "/" + wiki.slug() + "/api/v1/pages/Home", Pages.body("x", null, null))
                .expectJsonError(404);
        alice.client().get(wiki.api() + "/no-such-route").expectJsonError(404);
    }

    @Test
    void wikiListShowsOwnAndPublicWikisButNotOthersPrivateOnes() {
        TestUser alice = Fixtures.newUser();
        TestUser bob = Fixtures.newUser();
        TestWiki alicePrivate = Fixtures.newWiki(alice, false);
        TestWiki alicePublic = Fixtures.newWiki(alice, true);
        TestWiki bobPrivate = Fixtures.newWiki(bob, alicePrivate.slug(), false);
        alicePrivate.pages(alice.client()).create("One", "1");
        alicePrivate.pages(alice.client()).create("Two", "2");

        List<JsonNode> bobSees = bob.client().get("/api/v1/wikis?limit=1000").expect(200).array("wikis");
        List<JsonNode> aliceSees = alice.client().get("/api/v1/wikis?limit=1000").expect(200).array("wikis");

        assertThat(ids(bobSees)).contains(bobPrivate.id(), alicePublic.id()).doesNotContain(alicePrivate.id());
        assertThat(ids(aliceSees)).contains(alicePrivate.id(), alicePublic.id()).doesNotContain(bobPrivate.id());
        assertThat(bobSees.stream().map(JsonNode::toString)).noneMatch(w -> w.contains(alicePrivate.id()));
        JsonNode listed = aliceSees.stream().filter(w -> w.path("id").asText().equals(alicePrivate.id()))
                .findFirst().orElseThrow();
        assertThat(listed.path("page_count").asInt(-1)).as("page_count of %s", listed).isEqualTo(2);
        assertThat(listed.path("owner").asText()).isEqualTo(alice.username());
    }

    @Test
    void sameOwnerCannotCreateTheSameSlugTwice() {
        TestUser alice = Fixtures.newUser();
        TestWiki wiki = Fixtures.newWiki(alice, false);

        Fixtures.createWiki(alice.client(), wiki.slug(), true).expectJsonError(409);

        long withSlug = alice.client().get("/api/v1/wikis?limit=1000").expect(200).array("wikis").stream()
                .filter(w -> w.path("owner").asText().equals(alice.username()))
                .filter(w -> w.path("slug").asText().equals(wiki.slug()))
                .count();
        assertThat(withSlug).isEqualTo(1);
    }

    private static String contentOf(TestUser user, String page) {
        return "# " + page + "\n\nWritten by " + user.username() + " only.\n";
    }

    /** Bob's pages: like Alice's, except that his Home links to notes/plan. */
    private static String bobsContentOf(TestUser bob, String page) {
        return contentOf(bob, page) + (page.equals("Home") ? "See [[notes/plan]].\n" : "");
    }

    private static List<String> ids(List<JsonNode> wikis) {
        return wikis.stream().map(w -> w.path("id").asText()).toList();
    }

    /** Every answer is a JSON error with the status; checks them all before failing, so one run lists every leak. */
    private static void expectAll(int status, List<ApiResponse> answers) {
        SoftAssertions softly = new SoftAssertions();
        for (ApiResponse answer : answers) {
            softly.assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
            softly.assertThat(answer.body()).as("body of %s", answer).doesNotContain("alice's secret");
            softly.assertThat(answer.json()).as("JSON body of %s", answer).isNotNull();
        }
        softly.assertAll();
    }

    /** Link targets may be plain strings or objects with a {@code path}. */
    private static List<String> linkNames(ApiResponse links, String field) {
        return links.array(field).stream().map(l -> l.isTextual() ? l.asText() : l.path("path").asText()).toList();
    }

    /** Reads a file at the tip of the repository's only branch, as git itself would. */
    private static String readAtHead(Path gitDir, String file) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
                RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                List<Ref> branches = repo.getRefDatabase().getRefsByPrefix("refs/heads/");
                assertThat(branches).as("branches in %s", gitDir).hasSize(1);
                head = branches.get(0).getObjectId();
            }
            RevCommit commit = walk.parseCommit(head);
            try (TreeWalk tree = TreeWalk.forPath(repo, file, commit.getTree())) {
                assertThat(tree).as("%s in %s", file, gitDir).isNotNull();
                return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
