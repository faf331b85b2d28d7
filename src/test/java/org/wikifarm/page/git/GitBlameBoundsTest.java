package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wikifarm.limit.Deadline;
import org.wikifarm.page.Blame;

/**
 * Blame over long histories, as a push can bring them, ends within its bounds. The histories are written to an
 * in-memory repository: ten thousand loose objects on disk would take most of the test's time.
 */
class GitBlameBoundsTest {
    private static final long MAX = 2L * 1024 * 1024;

    private final Repository repo = new InMemoryRepository(new DfsRepositoryDescription("blame"));
    private final GitPageStore store = new GitPageStore(repo);

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void tenThousandCommitsThatMostlyChangeOtherPagesAreBlamedInFull() throws Exception {
        writeHistory(10_000, 1_000);

        Blame blame = store.blame(TestWiki.page("Plans"), null, MAX, Blame.MAX_COMMITS, Deadline.NONE);

        assertThat(blame.complete()).isTrue();
        assertThat(blame.lineCount()).isEqualTo(11);
        assertThat(blame.runs()).extracting(Blame.Run::message).startsWith("commit 10000", "commit 9000")
                .endsWith("commit 0");
    }

    @Test
    void aPageChangedInEveryOneOfThousandsOfCommitsStopsAtTheCapOnDiffs() throws Exception {
        writeHistory(3_000, 1);

        Blame blame = store.blame(TestWiki.page("Plans"), null, MAX, Blame.MAX_COMMITS, Deadline.NONE);

        assertThat(blame.complete()).isFalse();
        assertThat(blame.lineCount()).isEqualTo(3_001);
        assertThat(blame.runs()).flatExtracting(Blame.Run::lines).hasSize(3_001);
        assertThat(blame.runs().get(0).message()).isEqualTo("commit 3000");
        assertThat(blame.runs().get(blame.runs().size() - 1).attributed()).isFalse();
    }

    /**
     * {@code commits} commits on top of a first one that creates {@code Plans}: every {@code every}-th adds a line at
     * the top of {@code Plans}, the others change {@code Other}; written in one go, the branch moved once.
     */
    private void writeHistory(int commits, int every) throws Exception {
        StringBuilder plans = new StringBuilder("first\n");
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId parent = null;
            ObjectId plansBlob = blob(inserter, plans.toString());
            ObjectId otherBlob = blob(inserter, "other 0\n");
            for (int i = 0; i <= commits; i++) {
                if (i > 0 && i % every == 0) {
                    plans.insert(0, "line " + i + "\n");
                    plansBlob = blob(inserter, plans.toString());
                } else if (i > 0) {
                    otherBlob = blob(inserter, "other " + i + "\n");
                }
                DirCache index = DirCache.newInCore();
                DirCacheEditor editor = index.editor();
                add(editor, "Other.md", otherBlob);
                add(editor, "Plans.md", plansBlob);
                editor.finish();
                PersonIdent who = new PersonIdent("Writer " + (i % 7), "w@example.org",
                        Instant.ofEpochSecond(1_700_000_000L + i), ZoneOffset.UTC);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                if (parent != null) {
                    commit.setParentId(parent);
                }
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("commit " + i);
                parent = inserter.insert(commit);
            }
            inserter.flush();
            RefUpdate update = repo.updateRef(Snapshot.BRANCH);
            update.setNewObjectId(parent);
            assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FORCED);
        }
    }

    private static ObjectId blob(ObjectInserter inserter, String text) throws Exception {
        return inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(DirCacheEditor editor, String path, ObjectId blob) {
        editor.add(new DirCacheEditor.PathEdit(path) {
            @Override
            public void apply(DirCacheEntry entry) {
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(blob);
            }
        });
    }
}
