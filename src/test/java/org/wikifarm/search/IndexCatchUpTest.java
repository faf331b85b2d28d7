package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.store.WikiFiles;

/** What a batch catches up on from git, in slices that resume where the last one stopped. */
class IndexCatchUpTest {
    private static final Author ALICE = new Author("Alice", "alice@example.org");

    @TempDir
    Path dir;
    private Repository repo;
    private GitPageStore store;

    @BeforeEach
    void open() throws Exception {
        WikiFiles.createBareRepository(dir.resolve("repo.git"));
        repo = new FileRepositoryBuilder().setGitDir(dir.resolve("repo.git").toFile()).setBare().build();
        store = new GitPageStore(repo);
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void anIndexThatNeverCaughtUpTakesEveryPageInSlicesThatResume() {
        for (int i = 0; i < 10; i++) {
            store.save(new PagePath("p" + i), "text " + i, null, ALICE, null);
        }
        String head = store.head();
        Map<String, String> meta = new HashMap<>();
        List<String> indexed = new ArrayList<>();
        IndexCatchUp.Plan plan = IndexCatchUp.plan(repo, meta, head).orElseThrow();
        assertThat(plan.full()).isTrue();
        while (true) {
            List<String> slice = plan.next(4);
            assertThat(slice).hasSizeLessThanOrEqualTo(4);
            indexed.addAll(slice);
            meta.putAll(plan.after(slice.size()));
            meta.put(IndexCatchUp.META_SEEN, head);
            if (plan.finishedAfter(slice.size())) {
                break;
            }
            // As after a restart: only the commit data says how far it got.
            plan = IndexCatchUp.plan(repo, Map.copyOf(meta), head).orElseThrow();
        }
        assertThat(indexed).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9")
                .doesNotHaveDuplicates();
        assertThat(meta).containsEntry(LucenePageIndex.META_COMMIT, head).containsEntry(IndexCatchUp.META_PROGRESS, "");
        assertThat(IndexCatchUp.plan(repo, meta, head)).isEmpty();
    }

    @Test
    void afterTheLastIndexedCommitOnlyThePagesThatChangedAreTaken() {
        store.save(new PagePath("a"), "a", null, ALICE, null);
        store.save(new PagePath("b"), "b", null, ALICE, null);
        String indexed = store.head();
        store.save(new PagePath("c"), "c", null, ALICE, null);
        store.delete(new PagePath("a"), null, ALICE, null);
        store.rename(new PagePath("b"), new PagePath("folder/b"), ALICE, null, false, Long.MAX_VALUE);
        String head = store.head();

        IndexCatchUp.Plan plan = IndexCatchUp.plan(repo, Map.of(LucenePageIndex.META_COMMIT, indexed,
                IndexCatchUp.META_SEEN, indexed), head).orElseThrow();
        assertThat(plan.full()).isFalse();
        assertThat(plan.pages()).containsExactlyInAnyOrder("a", "b", "c", "folder/b");
        assertThat(plan.after(4)).containsEntry(LucenePageIndex.META_COMMIT, head);
    }

    @Test
    void aBranchMovedByForceUnderAnIndexStartsAgainFromNothing() {
        store.save(new PagePath("a"), "a", null, ALICE, null);
        String older = store.head();
        store.save(new PagePath("b"), "b", null, ALICE, null);
        String seen = store.head();
        rewind(older);
        store.save(new PagePath("c"), "c", null, ALICE, null);
        String head = store.head();

        // Pages were read at a HEAD that history no longer has, though the last indexed commit is still there.
        IndexCatchUp.Plan plan = IndexCatchUp.plan(repo, Map.of(LucenePageIndex.META_COMMIT, older,
                IndexCatchUp.META_SEEN, seen), head).orElseThrow();
        assertThat(plan.full()).isTrue();
        assertThat(plan.pages()).containsExactly("a", "c");

        // A catch-up under way towards a commit that history lost starts again too.
        plan = IndexCatchUp.plan(repo, Map.of(LucenePageIndex.META_COMMIT, older, IndexCatchUp.META_SEEN, older,
                IndexCatchUp.META_PROGRESS, older + ".." + seen + ":0"), head).orElseThrow();
        assertThat(plan.full()).isTrue();

        // An unknown commit is no better.
        plan = IndexCatchUp.plan(repo, Map.of(LucenePageIndex.META_COMMIT, "0123456789abcdef0123456789abcdef01234567"),
                head).orElseThrow();
        assertThat(plan.full()).isTrue();
    }

    private void rewind(String commit) {
        try {
            RefUpdate update = repo.updateRef("refs/heads/main");
            update.setNewObjectId(ObjectId.fromString(commit));
            update.setForceUpdate(true);
            assertThat(update.update()).isEqualTo(RefUpdate.Result.FORCED);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
