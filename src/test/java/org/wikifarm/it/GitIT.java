package org.wikifarm.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * git clone, fetch and push through the real {@code git} command line against the WAR in Tomcat: authentication
 * (password, token as password, anonymous on a public wiki, 401 with a prompt on a private one, a viewer token, a
 * token of another wiki), pushes that become pages (REST, search, history with the pusher's author), and every push
 * that must be refused whole (not a fast-forward, forced, other refs, hostile files) leaving the wiki as it was.
 */
class GitIT {
    private static TestUser alice;
    private static TestUser mallory;

    @TempDir
    Path dir;

    @BeforeAll
    static void users() {
        alice = Fixtures.newUser();
        mallory = Fixtures.newUser();
    }

    private GitCli git() {
        return new GitCli(dir);
    }

    private static TestWiki wikiWithHome(boolean isPublic) {
        TestWiki wiki = Fixtures.newWiki(alice, isPublic);
        wiki.pages(alice.client()).create("Home", "# Home\n\nWelcome.\n");
        return wiki;
    }

    private static String token(TestWiki wiki, TestUser owner, String role) {
        return owner.client().post(wiki.api() + "/tokens", Map.of("name", "git " + role, "role", role))
                .expect(201).text("secret");
    }

    private Path cloneAs(TestWiki wiki, String user, String secret) {
        Path clone = dir.resolve("clone-" + Fixtures.randomName("", 6));
        git().ok(dir, "clone", GitCli.url(wiki, user, secret), clone.toString());
        return clone;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void cloneWithPasswordPushAPageAndFindItOverRestAndSearch() {
        TestWiki wiki = wikiWithHome(false);
        Path clone = cloneAs(wiki, alice.username(), alice.password());
        assertThat(read(clone.resolve("Home.md"))).contains("Welcome.");

        GitCli.write(clone.resolve("notes/Pushed page.md"), "# Pushed\n\nThe quokka xylophonist arrived by git.\n");
        git().ok(clone, "add", "-A");
        git().ok(clone, "commit", "-m", "A page from git");
        GitCli.Result pushed = git().ok(clone, "push", "origin", "main");
        assertThat(pushed.output()).contains("main -> main");

        Pages pages = wiki.pages(alice.client());
        assertThat(pages.get("notes/Pushed page").expect(200).text("content")).contains("quokka xylophonist");
        List<com.fasterxml.jackson.databind.JsonNode> changes = pages.changes();
        assertThat(changes.get(0).path("message").asText()).contains("A page from git");
        assertThat(changes.get(0).path("author").asText()).isEqualTo("Git Tester");
        assertThat(wiki.pages(alice.client()).paths(null)).contains("Home", "notes/Pushed page");

        String query = wiki.api() + "/search?q=xylophonist&mode=text";
        boolean found = false;
        for (int attempt = 0; attempt < 120 && !found; attempt++) {
            found = alice.client().get(query).expect(200).array("hits").stream()
                    .anyMatch(hit -> hit.path("path").asText().equals("notes/Pushed page"));
            if (!found) {
                sleep(250);
            }
        }
        assertThat(found).as("search finds the pushed text").isTrue();

        // A fetch after a web edit brings the edit.
        String revision = pages.get("Home").expect(200).text("revision");
        pages.update("Home", "# Home\n\nEdited on the web.\n", revision);
        git().ok(clone, "pull", "--ff-only", "origin", "main");
        assertThat(read(clone.resolve("Home.md"))).contains("Edited on the web.");
    }

    @Test
    void aTokenIsThePasswordWithAnyUserNameAndAViewerTokenCannotPush() {
        TestWiki wiki = wikiWithHome(false);
        String editor = token(wiki, alice, "editor");
        Path clone = cloneAs(wiki, "anything", editor);
        GitCli.write(clone.resolve("ByToken.md"), "pushed with a token\n");
        git().ok(clone, "add", "-A");
        git().ok(clone, "commit", "-m", "by token");
        git().ok(clone, "push", "origin", "main");
        assertThat(wiki.pages(alice.client()).get("ByToken").expect(200).text("content")).contains("with a token");

        String viewer = token(wiki, alice, "viewer");
        Path viewed = cloneAs(wiki, "x", viewer);
        GitCli.write(viewed.resolve("Viewer.md"), "a viewer may not write\n");
        git().ok(viewed, "add", "-A");
        git().ok(viewed, "commit", "-m", "by viewer");
        git().ok(viewed, "remote", "set-url", "origin", GitCli.url(wiki, "x", viewer));
        GitCli.Result refused = git().run(viewed, "push", "origin", "main");
        assertThat(refused.ok()).isFalse();
        assertThat(refused.output()).contains("403");
        wiki.pages(alice.client()).get("Viewer").expect(404);
        ApiResponse info = ApiClient.anonymous().send("GET", "/" + wiki.owner() + "/" + wiki.slug()
                + ".git/info/refs?service=git-receive-pack", HttpRequest.BodyPublishers.noBody(), null);
        assertThat(info.status()).isEqualTo(401);
    }

    @Test
    void aPublicWikiClonesAnonymouslyAPrivateOneAsksForCredentials() {
        TestWiki open = wikiWithHome(true);
        Path clone = dir.resolve("anon");
        git().ok(dir, "clone", GitCli.url(open, null, null), clone.toString());
        assertThat(read(clone.resolve("Home.md"))).contains("Welcome.");
        // Pushing anonymously asks for credentials.
        GitCli.write(clone.resolve("Anon.md"), "anonymous\n");
        git().ok(clone, "add", "-A");
        git().ok(clone, "commit", "-m", "anonymous");
        assertThat(git().run(clone, "push", "origin", "main").ok()).isFalse();
        open.pages(alice.client()).get("Anon").expect(404);

        TestWiki closed = wikiWithHome(false);
        GitCli.Result refused = git().run(dir, "clone", GitCli.url(closed, null, null), dir.resolve("no").toString());
        assertThat(refused.ok()).isFalse();
        assertThat(refused.output()).containsAnyOf("could not read Username", "Authentication failed", "401");
        ApiResponse info = ApiClient.anonymous().send("GET", "/" + closed.owner() + "/" + closed.slug()
                + ".git/info/refs?service=git-upload-pack", HttpRequest.BodyPublishers.noBody(), null);
        assertThat(info.status()).isEqualTo(401);
        assertThat(info.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic realm="));
        GitCli.Result wrong = git().run(dir, "clone", GitCli.url(closed, alice.username(), "wrong-password"),
                dir.resolve("wrong").toString());
        assertThat(wrong.ok()).isFalse();
    }

    @Test
    void aTokenOrAnAccountOfAnotherWikiCannotCloneOrPush() {
        TestWiki alices = wikiWithHome(false);
        TestWiki mallorys = Fixtures.newWiki(mallory, false);
        String foreign = token(mallorys, mallory, "editor");
        GitCli.Result withToken = git().run(dir, "clone", GitCli.url(alices, "m", foreign),
                dir.resolve("t").toString());
        assertThat(withToken.ok()).isFalse();
        assertThat(withToken.output()).containsAnyOf("Authentication failed", "401");
        GitCli.Result withPassword = git().run(dir, "clone", GitCli.url(alices, mallory.username(),
                mallory.password()), dir.resolve("p").toString());
        assertThat(withPassword.ok()).isFalse();
        assertThat(withPassword.output()).contains("403");

        // Mallory's own token pushes to Mallory's wiki, never to Alice's.
        Path clone = cloneAs(alices, alice.username(), alice.password());
        GitCli.write(clone.resolve("Mallory.md"), "not welcome\n");
        git().ok(clone, "add", "-A");
        git().ok(clone, "commit", "-m", "intrusion");
        git().ok(clone, "remote", "set-url", "origin", GitCli.url(alices, "m", foreign));
        assertThat(git().run(clone, "push", "origin", "main").ok()).isFalse();
        alices.pages(alice.client()).get("Mallory").expect(404);
    }

    @Test
    void aPushBehindAWebEditAForcedPushAndOtherRefsAreRefusedAndNothingIsLost() {
        TestWiki wiki = wikiWithHome(false);
        Path clone = cloneAs(wiki, alice.username(), alice.password());
        Pages pages = wiki.pages(alice.client());
        String revision = pages.get("Home").expect(200).text("revision");
        pages.update("Home", "# Home\n\nThe web edit that must survive.\n", revision);

        GitCli.write(clone.resolve("Home.md"), "# Home\n\nThe git edit.\n");
        git().ok(clone, "commit", "-am", "behind");
        GitCli.Result behind = git().run(clone, "push", "origin", "main");
        assertThat(behind.ok()).isFalse();
        assertThat(behind.output()).contains("rejected");
        GitCli.Result forced = git().run(clone, "push", "--force", "origin", "main");
        assertThat(forced.ok()).isFalse();
        assertThat(forced.output()).contains("rejected]").contains("non-fast-forward");
        assertThat(pages.get("Home").expect(200).text("content")).contains("must survive");

        git().ok(clone, "fetch", "origin");
        git().ok(clone, "reset", "--hard", "origin/main");
        GitCli.Result branch = git().run(clone, "push", "origin", "main:refs/heads/other");
        assertThat(branch.output()).contains("[remote rejected]").contains("only main can be pushed");
        git().ok(clone, "tag", "v1");
        GitCli.Result tag = git().run(clone, "push", "origin", "v1");
        assertThat(tag.output()).contains("[remote rejected]").contains("tags are not kept");
        GitCli.Result delete = git().run(clone, "push", "origin", ":main");
        assertThat(delete.ok()).isFalse();
        assertThat(delete.output()).contains("[remote rejected]");
        assertThat(git().ok(dir, "ls-remote", GitCli.url(wiki, alice.username(), alice.password())).output())
                .contains("refs/heads/main").doesNotContain("refs/heads/other").doesNotContain("refs/tags/v1");
        assertThat(pages.get("Home").expect(200).text("content")).contains("must survive");
    }

    /** Files attached to pages: a clone has them beside their page, and a push brings new ones under the same rules. */
    @Test
    void attachmentsAreInTheCloneAndCanBePushed() {
        TestWiki wiki = wikiWithHome(false);
        wiki.pages(alice.client()).create("Folder/Page", "See ![](diagram.png)\n");
        ApiResponse uploaded = alice.client().post(wiki.page("Folder/Page") + "/attachments", java.util.Map.of("files",
                List.of(java.util.Map.of("name", "diagram.png", "content_base64",
                        java.util.Base64.getEncoder().encodeToString("not really a png".getBytes())))));
        uploaded.expect(201);
        Path clone = cloneAs(wiki, alice.username(), alice.password());
        assertThat(read(clone.resolve("Folder/Page/diagram.png"))).isEqualTo("not really a png");
        assertThat(read(clone.resolve("Folder/Page.md"))).contains("![](diagram.png)");

        GitCli.write(clone.resolve("Folder/Page/data.csv"), "a,b\n1,2\n");
        git().ok(clone, "add", "-A");
        git().ok(clone, "commit", "-m", "data from git");
        git().ok(clone, "push", "origin", "main");
        assertThat(alice.client().get(wiki.page("Folder/Page") + "/attachments").expect(200).array("attachments"))
                .extracting(file -> file.path("name").asText()).containsExactly("data.csv", "diagram.png");
        // The usage figures count them once the wiki is measured again, soon after the push.
        int counted = -1;
        for (int attempt = 0; attempt < 120 && counted != 2; attempt++) {
            counted = alice.client().get(wiki.api() + "/stats").expect(200).json().path("attachment_count").asInt();
            if (counted != 2) {
                sleep(250);
            }
        }
        assertThat(counted).as("attachment_count").isEqualTo(2);

        String before = wiki.pages(alice.client()).changelogRevisions().get(0);
        GitCli.write(clone.resolve("Folder/Page/CON.txt"), "a device name\n");
        refused(wiki, clone, before, "'Folder/Page/CON.txt'", "reserved device name");
    }

    @Test
    void hostileFilesRejectTheWholePushNamingTheFile() throws Exception {
        TestWiki wiki = wikiWithHome(false);
        Path clone = cloneAs(wiki, alice.username(), alice.password());
        String before = wiki.pages(alice.client()).changelogRevisions().get(0);

        // A symlink, beside a good page: the good page must not arrive either.
        GitCli.write(clone.resolve("Good.md"), "fine\n");
        Files.createSymbolicLink(clone.resolve("Link.md"), Path.of("/etc/passwd"));
        refused(wiki, clone, before, "'Link.md'", "symbolic link");

        // A submodule (gitlink), committed as git makes it.
        git().ok(clone, "update-index", "--add", "--cacheinfo",
                "160000," + "0123456789abcdef0123456789abcdef01234567" + ",vendor");
        git().ok(clone, "commit", "-m", "a submodule");
        refused(wiki, clone, before, "'vendor'", "submodule");

        // A file over the page size limit (2 MB).
        GitCli.write(clone.resolve("Huge.md"), "x".repeat(2 * 1024 * 1024 + 10));
        refused(wiki, clone, before, "'Huge.md'", "at most");

        // Not a page.
        GitCli.write(clone.resolve("script.sh"), "echo hi\n");
        refused(wiki, clone, before, "'script.sh'", "in the folder of the page");

        // Paths git itself would not write: made with JGit, pushed with git.
        for (String[] hostile : new String[][] {{"..", "x.md"}, {".git", "config"}, {"a\u0001b", "c.md"}}) {
            try (Repository repo = new FileRepositoryBuilder().setGitDir(clone.resolve(".git").toFile()).build()) {
                commitHostile(repo, hostile[0], hostile[1]);
            }
            GitCli.Result result = git().run(clone, "push", "origin", "main");
            assertThat(result.ok()).as(result.output()).isFalse();
            assertThat(result.output()).as(result.output()).contains("rejected");
            assertThat(wiki.pages(alice.client()).changelogRevisions().get(0)).isEqualTo(before);
            git().ok(clone, "reset", "--hard", "origin/main");
        }
    }

    private void refused(TestWiki wiki, Path clone, String before, String file, String why) {
        git().ok(clone, "add", "-A");
        if (!git().ok(clone, "status", "--porcelain").output().isBlank()) {
            git().ok(clone, "commit", "-m", "hostile " + file);
        }
        GitCli.Result result = git().run(clone, "push", "origin", "main");
        assertThat(result.ok()).as(result.output()).isFalse();
        assertThat(result.output()).as(result.output()).contains("! [remote rejected] main -> main").contains(file)
                .contains(why);
        assertThat(wiki.pages(alice.client()).changelogRevisions().get(0)).isEqualTo(before);
        wiki.pages(alice.client()).get("Good").expect(404);
        git().ok(clone, "reset", "--hard", "origin/main");
        git().ok(clone, "clean", "-fdx");
    }

    /** A commit on top of HEAD whose tree has {@code folder/file} with a name git refuses to check out. */
    private static void commitHostile(Repository repo, String folder, String file) throws IOException {
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            RevCommit head = walk.parseCommit(repo.resolve(Constants.HEAD));
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "hostile\n".getBytes(StandardCharsets.UTF_8));
            TreeFormatter inner = new TreeFormatter();
            inner.append(file, FileMode.REGULAR_FILE, blob);
            ObjectId innerId = inserter.insert(inner);
            TreeFormatter outer = new TreeFormatter();
            outer.append("Home.md", FileMode.REGULAR_FILE, blob);
            outer.append(folder, FileMode.TREE, innerId);
            ObjectId tree = inserter.insert(outer);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(head);
            PersonIdent who = new PersonIdent("Hostile", "hostile@example.org");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("hostile " + folder + "/" + file);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            var update = repo.updateRef("refs/heads/main");
            update.setNewObjectId(id);
            update.forceUpdate();
        }
    }

    @Test
    void gitProtocolGarbageIsACleanClientError() {
        TestWiki wiki = wikiWithHome(true);
        String base = "/" + wiki.owner() + "/" + wiki.slug() + ".git";
        byte[] garbage = "GET / HTTP/1.1\r\nthis is not git\r\n".getBytes(StandardCharsets.UTF_8);
        for (String service : List.of("git-upload-pack", "git-receive-pack")) {
            ApiResponse response = alice.client().send("POST", base + "/" + service,
                    HttpRequest.BodyPublishers.ofByteArray(garbage), "application/x-" + service + "-request");
            assertThat(response.status()).as(response.describe()).isBetween(400, 499);
            ApiResponse hexGarbage = alice.client().send("POST", base + "/" + service,
                    HttpRequest.BodyPublishers.ofByteArray("00ffnot really a pkt line".getBytes(StandardCharsets.UTF_8)),
                    "application/x-" + service + "-request");
            assertThat(hexGarbage.status()).as(hexGarbage.describe()).isBetween(400, 499);
            ApiResponse wrongType = alice.client().send("POST", base + "/" + service,
                    HttpRequest.BodyPublishers.ofByteArray(garbage), "text/plain");
            assertThat(wrongType.status()).isEqualTo(415);
        }
        assertThat(alice.client().get(base + "/info/refs").status()).isEqualTo(404);
        assertThat(alice.client().get(base + "/objects/info/packs").status()).isEqualTo(404);
        assertThat(wiki.pages(alice.client()).paths(null)).containsExactly("Home");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
