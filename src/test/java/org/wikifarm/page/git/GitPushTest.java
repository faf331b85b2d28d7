package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Pushed;

/** A push's commits, stored but unreachable as {@code ReceivePack} leaves them, accepted or refused by the store. */
class GitPushTest extends GitWikiTestCase {
    private static final long MAX = 1000;

    /** A commit on {@code parent} with files (path → text, or a FileMode for a symlink/gitlink), not on any ref. */
    private String received(String parent, Map<String, Object> files) throws IOException {
        try (ObjectInserter inserter = wiki.repo.newObjectInserter();
                ObjectReader reader = inserter.newReader();
                RevWalk walk = new RevWalk(reader)) {
            DirCache index = DirCache.newInCore();
            if (parent != null) {
                DirCacheBuilder builder = index.builder();
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader,
                        walk.parseCommit(ObjectId.fromString(parent)).getTree());
                builder.finish();
            }
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, Object> file : files.entrySet()) {
                if (file.getValue() == null) {
                    editor.add(new DirCacheEditor.DeletePath(file.getKey()));
                    continue;
                }
                FileMode mode = file.getValue() instanceof FileMode m ? m : FileMode.REGULAR_FILE;
                ObjectId id = mode == FileMode.GITLINK ? ObjectId.fromString("0123456789abcdef0123456789abcdef01234567")
                        : inserter.insert(Constants.OBJ_BLOB, (file.getValue() instanceof String s ? s : "target")
                                .getBytes(StandardCharsets.UTF_8));
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(mode);
                        entry.setObjectId(id);
                    }
                });
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null) {
                commit.setParentId(ObjectId.fromString(parent));
            }
            PersonIdent who = new PersonIdent("Pusher", "pusher@example.org", Instant.now(), ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("pushed");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id.name();
        }
    }

    private static Map<String, Object> files(Object... pathsAndContents) {
        Map<String, Object> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put((String) pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    @Test
    void aFastForwardBecomesTheWikisWithItsChangesAndAuthor() throws Exception {
        String home = store.save(page("Home"), "home\n", null, ALICE, null).revision();
        String first = received(home, files("notes/A.md", "alpha\n"));
        String second = received(first, files("Home.md", null, "B.md", "beta beta\n"));
        AtomicInteger asked = new AtomicInteger();
        Pushed pushed = store.push(home, second, MAX, 100, candidate -> asked.incrementAndGet());

        assertThat(asked).hasValue(1);
        assertThat(pushed.commits()).isEqualTo(2);
        assertThat(pushed.saved()).containsExactlyInAnyOrder(page("notes/A"), page("B"));
        assertThat(pushed.deleted()).containsExactly(page("Home"));
        assertThat(pushed.pagesBefore()).isEqualTo(1);
        assertThat(pushed.pagesAfter()).isEqualTo(2);
        assertThat(pushed.contentBytesDelta()).isEqualTo(6 + 10 - 5);
        assertThat(store.head()).isEqualTo(second);
        assertThat(store.read(page("notes/A")).orElseThrow().author()).isEqualTo("Pusher");
        assertThat(store.read(page("Home"))).isEmpty();
        assertThat(store.list(null)).containsExactly(page("B"), page("notes/A"));
        assertThat(store.lastChange(page("B"))).isEqualTo(second);
    }

    @Test
    void aPushIntoAnEmptyWikiCreatesMain() {
        String first = uncheck(() -> received(null, files("Home.md", "hello\n")));
        Pushed pushed = store.push(null, first, MAX, 100, candidate -> { });
        assertThat(pushed.pagesAfter()).isEqualTo(1);
        assertThat(store.head()).isEqualTo(first);
    }

    @Test
    void aPushThatLostTheRaceWithASaveIsRefusedAndTheSaveStays() throws Exception {
        String home = store.save(page("Home"), "home\n", null, ALICE, null).revision();
        String pushedCommit = received(home, files("Home.md", "from git\n"));
        String saved = store.save(page("Home"), "from the web\n", home, ALICE, null).revision();

        assertThatThrownBy(() -> store.push(home, pushedCommit, MAX, 100, candidate -> { }))
                .isInstanceOf(WikifarmException.Conflict.class).hasMessageContaining("fetch, merge and push again");
        assertThat(store.head()).isEqualTo(saved);
        assertThat(store.read(page("Home")).orElseThrow().content()).isEqualTo("from the web\n");
    }

    @Test
    void aGuardThatRefusesLeavesTheBranchWhereItWas() throws Exception {
        String home = store.save(page("Home"), "home\n", null, ALICE, null).revision();
        String pushedCommit = received(home, files("Big.md", "grow\n"));
        assertThatThrownBy(() -> store.push(home, pushedCommit, MAX, 100, candidate -> {
            throw new WikifarmException.TooLarge("over quota");
        })).hasMessage("over quota");
        assertThat(store.head()).isEqualTo(home);
    }

    @Test
    void aBadFileInAnyNewCommitRefusesTheWholePush() throws Exception {
        String home = store.save(page("Home"), "home\n", null, ALICE, null).revision();
        String bad = received(home, files("Link.md", FileMode.SYMLINK));
        String cleanedUp = received(bad, files("Link.md", null, "Good.md", "good\n"));
        assertThatThrownBy(() -> store.push(home, cleanedUp, MAX, 100, candidate -> { }))
                .hasMessageContaining("'Link.md'").hasMessageContaining("symbolic links");
        assertThat(store.head()).isEqualTo(home);

        for (Map<String, Object> hostile : java.util.List.of(files("vendor", FileMode.GITLINK),
                files("Huge.md", "x".repeat((int) MAX + 1)), files("notes.txt", "text"),
                files("a/b/Cafe\u0301.md", "nfd"))) {
            String commit = received(home, hostile);
            assertThatThrownBy(() -> store.push(home, commit, MAX, 100, candidate -> { }))
                    .isInstanceOf(WikifarmException.class)
                    .hasMessageContaining("'" + hostile.keySet().iterator().next());
            assertThat(store.head()).isEqualTo(home);
        }
    }

    @Test
    void tooManyCommitsAreRefused() throws Exception {
        String head = store.save(page("Home"), "home\n", null, ALICE, null).revision();
        String tip = head;
        for (int i = 0; i < 3; i++) {
            tip = received(tip, files("P" + i + ".md", "p\n"));
        }
        String last = tip;
        assertThatThrownBy(() -> store.push(head, last, MAX, 2, candidate -> { }))
                .isInstanceOf(WikifarmException.TooLarge.class).hasMessageContaining("at most 2 commits");
        assertThat(store.push(head, last, MAX, 3, candidate -> { }).commits()).isEqualTo(3);
    }

    private interface IoSupplier<T> {
        T get() throws IOException;
    }

    private static <T> T uncheck(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
