package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.tenant.Wiki;

/**
 * The index catches up from what git says changed, not only from the queue: commits whose rows never came (a crash
 * between a commit and its row) are indexed by the next batch, and a branch moved by force is indexed afresh.
 */
class SearchCatchUpTest {
    private static final Author PUSHER = new Author("Pusher", "pusher@example.org");

    @TempDir
    Path dir;

    @Test
    void aCommitWhoseQueueRowWasLostIsIndexedByTheNextBatchAndStaysIndexedAfterARestart() throws IOException {
        Caller alice;
        Wiki wiki;
        try (SearchFixture farm = new SearchFixture(dir, "off")) {
            alice = farm.signUp("alice");
            wiki = farm.wiki(alice, "lost-rows", false);
            farm.save(alice, wiki, "kettle", "# Kettle\n\nThe copper kettle whistles on the stove.");
            farm.awaitIndexed(alice, wiki);

            // Committed, then the server died before the commit's queue row was written.
            commitBehindTheQueue(wiki, "teapot", "# Teapot\n\nWarm the porcelain teapot first.");
            // A later save has its row; its batch must not record HEAD as indexed without the lost page.
            farm.save(alice, wiki, "cups", "# Cups\n\nStoneware cups for the tea.");
            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.lastIndexedCommit()).isEqualTo(status.headCommit());
            assertThat(farm.paths(alice, wiki, "porcelain", "text")).containsExactly("teapot");
        }
        try (SearchFixture farm = new SearchFixture(dir, "off")) {
            SearchStatus status = farm.awaitIndexed(alice, wiki);
            assertThat(status.indexedPages()).isEqualTo(3);
            assertThat(farm.paths(alice, wiki, "porcelain", "text")).containsExactly("teapot");
            assertThat(farm.paths(alice, wiki, "stoneware", "text")).containsExactly("cups");
        }
    }

    @Test
    void aBranchMovedByForceIsIndexedAfresh() throws IOException {
        try (SearchFixture farm = new SearchFixture(dir, "off")) {
            Caller alice = farm.signUp("alice");
            Wiki wiki = farm.wiki(alice, "forced", false);
            farm.save(alice, wiki, "kept", "# Kept\n\nThe lighthouse keeper trims the wick.");
            String beforeOrphan = farm.awaitIndexed(alice, wiki).headCommit();
            farm.save(alice, wiki, "orphan", "# Orphan\n\nA walrus sleeps on the floe.");
            farm.awaitIndexed(alice, wiki);

            // Someone rewrites history: the branch goes back before "orphan" and on another way.
            try (Repository repo = repository(wiki)) {
                RefUpdate rewind = repo.updateRef("refs/heads/main");
                rewind.setNewObjectId(ObjectId.fromString(beforeOrphan));
                rewind.setForceUpdate(true);
                assertThat(rewind.update()).isEqualTo(RefUpdate.Result.FORCED);
                new GitPageStore(repo).save(new PagePath("rewritten"), "# Rewritten\n\nA narwhal tusk.", null,
                        PUSHER, "rewritten").revision();
            }
            farm.save(alice, wiki, "later", "# Later\n\nSaved after the rewrite: a puffin.");
            SearchStatus status = farm.awaitIndexed(alice, wiki);

            assertThat(status.lastIndexedCommit()).isEqualTo(status.headCommit());
            assertThat(farm.paths(alice, wiki, "walrus", "text")).as("gone with the old history").isEmpty();
            assertThat(farm.paths(alice, wiki, "narwhal", "text")).containsExactly("rewritten");
            assertThat(farm.paths(alice, wiki, "puffin", "text")).containsExactly("later");
            assertThat(status.indexedPages()).isEqualTo(3);
        }
    }

    /** A commit through another handle on the repository: nothing tells search about it. */
    private void commitBehindTheQueue(Wiki wiki, String page, String content) throws IOException {
        try (Repository repo = repository(wiki)) {
            new GitPageStore(repo).save(new PagePath(page), content, null, PUSHER, "no row for this one").revision();
        }
    }

    private Repository repository(Wiki wiki) throws IOException {
        return new FileRepository(dir.resolve("wikis").resolve(wiki.id().value()).resolve("repo.git").toFile());
    }
}
