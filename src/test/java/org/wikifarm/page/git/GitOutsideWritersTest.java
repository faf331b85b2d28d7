package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.BOB;
import static org.wikifarm.page.git.TestWiki.page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.StaleRevisionException;

/** Other writers of the same repository (a push, another process) must never be overwritten or mis-cached. */
class GitOutsideWritersTest extends GitWikiTestCase {
    @Test
    void seesAPushMadeBehindItsBack() throws Exception {
        String r1 = wiki.save("Home", "v1 [[Old]]", null);
        wiki.save("Other", "x", null);
        // Prime every cache at the current HEAD.
        assertThat(store.lastChange(page("Home"))).isEqualTo(r1);
        assertThat(store.lastChange(page("Pushed"))).isNull();
        assertThat(store.links(page("Old")).backlinks()).containsExactly(page("Home"));
        assertThat(store.pageCount()).isEqualTo(2);

        Path work = dir.resolve("clone");
        RevCommit pushed;
        try (Git git = Git.cloneRepository().setURI(wiki.dir.toUri().toString()).setDirectory(work.toFile()).call()) {
            Files.writeString(work.resolve("Home.md"), "v2 from a push [[New]]");
            Files.writeString(work.resolve("Pushed.md"), "pushed page");
            Files.write(work.resolve("logo.png"), new byte[] {1, 2, 3});
            git.add().addFilepattern(".").call();
            pushed = git.commit().setMessage("Pushed by hand").setAuthor("Carol", "carol@example.org")
                    .setCommitter("Carol", "carol@example.org").call();
            var results = git.push().call();
            results.forEach(r -> r.getRemoteUpdates().forEach(u ->
                    assertThat(u.getStatus()).isEqualTo(RemoteRefUpdate.Status.OK)));
        }

        assertThat(store.head()).isEqualTo(pushed.name());
        assertThat(store.lastChange(page("Home"))).isEqualTo(pushed.name());
        assertThat(store.lastChange(page("Pushed"))).isEqualTo(pushed.name());
        assertThat(store.read(page("Home")).orElseThrow().content()).isEqualTo("v2 from a push [[New]]");
        assertThat(store.read(page("Home")).orElseThrow().author()).isEqualTo("Carol");
        assertThat(store.links(page("Old")).backlinks()).isEmpty();
        assertThat(store.links(page("New")).backlinks()).containsExactly(page("Home"));
        assertThat(store.pageCount()).isEqualTo(3);
        assertThat(store.list(null)).containsExactly(page("Home"), page("Other"), page("Pushed"));
        assertThat(store.changelog(1, null).get(0).pages()).extracting(f -> f.path())
                .containsExactlyInAnyOrder(page("Home"), page("Pushed"));

        assertThatThrownBy(() -> wiki.save("Home", "mine", r1))
                .isInstanceOfSatisfying(StaleRevisionException.class,
                        e -> assertThat(e.currentRevision()).isEqualTo(pushed.name()));
        String mine = wiki.save("Home", "mine", pushed.name());
        assertThat(store.history(page("Home"), 10)).extracting(c -> c.revision())
                .containsExactly(mine, pushed.name(), r1);
    }

    @Test
    void seesTheBranchRewoundByAnotherHandle() throws Exception {
        String r1 = wiki.save("Home", "one", null);
        String r2 = wiki.save("Home", "two", r1);
        assertThat(store.lastChange(page("Home"))).isEqualTo(r2);
        assertThat(store.links(page("X")).backlinks()).isEmpty();

        try (Repository other = TestWiki.open(wiki.dir)) {
            RefUpdate rewind = other.updateRef("refs/heads/main");
            rewind.setNewObjectId(ObjectId.fromString(r1));
            rewind.setForceUpdate(true); // the outside writer may force; the store never does
            assertThat(rewind.update()).isEqualTo(RefUpdate.Result.FORCED);
        }

        assertThat(store.head()).isEqualTo(r1);
        assertThat(store.lastChange(page("Home"))).isEqualTo(r1);
        assertThat(wiki.content("Home")).isEqualTo("one");
        assertThatThrownBy(() -> wiki.save("Home", "three", r2)).isInstanceOf(StaleRevisionException.class);
        String r3 = wiki.save("Home", "three [[X]]", r1);
        assertThat(store.lastChange(page("Home"))).isEqualTo(r3);
        assertThat(store.links(page("X")).backlinks()).containsExactly(page("Home"));
    }

    @Test
    void twoStoresOnOneRepositoryLoseNothing() throws Exception {
        wiki.save("Seed", "seed", null);
        try (Repository second = TestWiki.open(wiki.dir)) {
            GitPageStore other = new GitPageStore(second);
            int rounds = 40;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<String>> a = pool.submit(() -> edits(store, "A", rounds));
                Future<List<String>> b = pool.submit(() -> edits(other, "B", rounds));
                List<String> fromA = a.get();
                List<String> fromB = b.get();

                List<String> all = store.changelog(1000, null).stream().map(c -> c.revision()).toList();
                assertThat(all).hasSize(2 * rounds + 1).containsAll(fromA).containsAll(fromB);
                // Each store's cache must agree with the other's commits.
                assertThat(store.lastChange(page("B"))).isEqualTo(fromB.get(rounds - 1));
                assertThat(other.lastChange(page("A"))).isEqualTo(fromA.get(rounds - 1));
                assertThat(store.read(page("B")).orElseThrow().content()).isEqualTo("B " + (rounds - 1));
                assertThat(other.read(page("A")).orElseThrow().content()).isEqualTo("A " + (rounds - 1));
                assertThat(store.history(page("A"), 1000)).hasSize(rounds);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Saves in a tight loop. Two such loops are harsher than any real push traffic, so a save may give up
     * after its bounded retries with {@code wiki_busy}; it must then have changed nothing, and trying again
     * (as a user would) must work.
     */
    private static List<String> edits(GitPageStore store, String page, int rounds) {
        List<String> revisions = new ArrayList<>();
        String base = null;
        for (int i = 0; i < rounds; i++) {
            while (true) {
                try {
                    base = store.save(page(page), page + " " + i, base, page.equals("A") ? ALICE : BOB, null).revision();
                    break;
                } catch (WikifarmException.Unavailable busy) {
                    assertThat(busy.code()).isEqualTo("wiki_busy");
                    assertThat(store.lastChange(page(page))).isEqualTo(base);
                }
            }
            revisions.add(base);
        }
        return revisions;
    }
}
