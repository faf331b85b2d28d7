package org.wikifarm.page.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wikifarm.page.git.TestWiki.ALICE;
import static org.wikifarm.page.git.TestWiki.BOB;
import static org.wikifarm.page.git.TestWiki.page;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.WikiFiles;

/**
 * The last change of every page, kept across restarts in {@link LastChangeRecords}: what a restart reads, how it
 * catches up commits made behind its back (incrementally, or with one walk when the stamp is no ancestor), and that
 * every answer agrees with {@code git log -1 -- <file>} of the real git.
 */
class LastChangeCacheTest {
    @TempDir
    Path dir;

    private Path gitDir;
    private final MemoryRecords records = new MemoryRecords();
    private final List<Repository> opened = new ArrayList<>();
    /** Every page that ever existed, so the checks also cover pages deleted since. */
    private final Set<String> everPages = new LinkedHashSet<>();

    @BeforeEach
    void createRepository() throws IOException {
        gitDir = dir.resolve("wiki.git");
        WikiFiles.createBareRepository(gitDir);
    }

    @AfterEach
    void closeRepositories() {
        opened.forEach(Repository::close);
    }

    /** A store as a fresh start of the server makes it: a new repository handle, the same stored answers. */
    private GitPageStore restart() throws IOException {
        Repository repo = TestWiki.open(gitDir);
        opened.add(repo);
        return new GitPageStore(repo, records, Clock.systemUTC());
    }

    @Test
    void aRestartAnswersFromTheStoredRecordsWhichAgreeWithGitLog() throws Exception {
        GitPageStore store = restart();
        history(store);
        assertThat(records.stamp()).as("each commit of the store moves the stamp").isEqualTo(store.head());
        assertThat(records.writes).as("only the first commit starts from nothing").filteredOn(w -> w.full())
                .hasSizeLessThanOrEqualTo(1);

        int writesBefore = records.writes.size();
        GitPageStore restarted = restart();
        assertAgreesWithGit(restarted);
        assertThat(records.writes).as("the stored answers were current: nothing to write").hasSize(writesBefore);
        assertThat(records.loads).isEqualTo(2);
    }

    @Test
    void commitsPushedBehindTheStoresBackAreCaughtUpFromTheStamp() throws Exception {
        GitPageStore store = restart();
        history(store);
        String stamp = store.head();
        List<String> changedByPush = push(clone -> {
            write(clone, "a.md", "a pushed");
            write(clone, "pushed/new.md", "new");
            Files.delete(clone.resolve("folder/b2.md"));
            Files.move(clone.resolve("c.md"), clone.resolve("c-moved.md"));
            write(clone, "logo.png", "not a page");
        });
        assertThat(changedByPush).containsExactlyInAnyOrder("a", "pushed/new", "folder/b2", "c", "c-moved");

        GitPageStore restarted = restart();
        assertAgreesWithGit(restarted);
        MemoryRecords.Write caughtUp = records.writes.get(records.writes.size() - 1);
        assertThat(caughtUp.full()).as("only the new commits were walked").isFalse();
        assertThat(caughtUp.from()).isEqualTo(stamp);
        assertThat(caughtUp.stamp()).isEqualTo(restarted.head());
        assertThat(caughtUp.changed().keySet()).containsExactlyInAnyOrderElementsOf(changedByPush);
        assertThat(caughtUp.changed()).containsEntry("folder/b2", "-").containsEntry("c", "-");

        // The store that was running all along catches up the same way.
        assertAgreesWithGit(store);
        assertThat(records.stamp()).isEqualTo(store.head());
    }

    @Test
    void mergesAreAnsweredAsGitLogAnswersThem() throws Exception {
        GitPageStore store = restart();
        history(store);
        try (Git clone = Git.cloneRepository().setURI(gitDir.toUri().toString())
                .setDirectory(dir.resolve("merge").toFile()).call()) {
            Path work = dir.resolve("merge");
            clone.branchCreate().setName("side").setStartPoint("HEAD~2").call();
            clone.checkout().setName("side").call();
            write(work, "side-only.md", "made on the side");
            write(work, "a.md", "a from the side");
            commit(clone, "side work");
            clone.checkout().setName("main").call();
            write(work, "main-only.md", "made on main");
            commit(clone, "main work");
            clone.merge().include(clone.getRepository().resolve("side")).setCommit(false)
                    .setFastForward(MergeCommand.FastForwardMode.NO_FF).call();
            write(work, "made-by-merge.md", "the merge itself adds this");
            commit(clone, "merge side");
            pushMain(clone);
        }
        everPages.addAll(List.of("side-only", "main-only", "made-by-merge"));
        // Caught up by the running store: the side branch left older history, so this is a rebuild.
        assertAgreesWithGit(store);
        // And from nothing at all.
        Repository fresh = TestWiki.open(gitDir);
        opened.add(fresh);
        assertAgreesWithGit(new GitPageStore(fresh));
        // And incrementally on top of the merge.
        String beforePush = store.head();
        push(clone -> write(clone, "side-only.md", "edited after the merge"));
        assertAgreesWithGit(store);
        assertThat(records.writes.get(records.writes.size() - 1).from()).isEqualTo(beforePush);
    }

    @Test
    void aStampThatIsNoAncestorOfHeadIsRebuiltWithOneWalk() throws Exception {
        GitPageStore store = restart();
        history(store);
        String abandoned = store.head();
        // The branch moved by force to an older commit, then on another way (a rewritten history).
        List<String> revisions = store.changelog(1000, null).stream().map(c -> c.revision()).toList();
        try (Repository other = TestWiki.open(gitDir)) {
            RefUpdate rewind = other.updateRef(Snapshot.BRANCH);
            rewind.setNewObjectId(ObjectId.fromString(revisions.get(4)));
            rewind.setForceUpdate(true);
            assertThat(rewind.update()).isEqualTo(RefUpdate.Result.FORCED);
            GitPageStore writer = new GitPageStore(other);
            writer.save(page("rewritten"), "a new way", null, BOB, null);
            everPages.add("rewritten");
        }
        assertThat(records.stamp()).isEqualTo(abandoned);

        GitPageStore restarted = restart();
        assertAgreesWithGit(restarted);
        MemoryRecords.Write rebuilt = records.writes.get(records.writes.size() - 1);
        assertThat(rebuilt.full()).isTrue();
        assertThat(rebuilt.stamp()).isEqualTo(restarted.head());
        assertThat(records.commits().keySet()).containsExactlyInAnyOrderElementsOf(
                restarted.list(null).stream().map(PagePath::value).toList());
    }

    @Test
    void aStampOfACommitTheRepositoryDoesNotHaveIsRebuilt() throws Exception {
        GitPageStore store = restart();
        history(store);
        records.restamp("0123456789abcdef0123456789abcdef01234567");
        GitPageStore restarted = restart();
        assertAgreesWithGit(restarted);
        assertThat(records.writes.get(records.writes.size() - 1).full()).isTrue();
        assertThat(records.stamp()).isEqualTo(restarted.head());
    }

    @Test
    void whenStoringFailsTheRecordsLagAndAreCaughtUpLaterButNeverLead() throws Exception {
        GitPageStore store = restart();
        store.save(page("one"), "1", null, ALICE, null);
        everPages.add("one");
        String stored = records.stamp();
        records.failing = true; // the database is unavailable: the commits still happen
        String two = store.save(page("two"), "2", null, ALICE, null).revision();
        store.save(page("one"), "1 again", store.lastChange(page("one")), ALICE, null);
        everPages.add("two");
        assertThat(records.stamp()).as("lagging, never ahead").isEqualTo(stored);
        assertAgreesWithGit(store);
        assertThat(store.lastChange(page("two"))).isEqualTo(two);

        records.failing = false;
        GitPageStore restarted = restart();
        assertAgreesWithGit(restarted);
        MemoryRecords.Write caughtUp = records.writes.get(records.writes.size() - 1);
        assertThat(caughtUp.full()).isFalse();
        assertThat(caughtUp.from()).isEqualTo(stored);
        assertThat(caughtUp.changed().keySet()).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void aSnapshotTakenJustBeforeACommitKeepsItsOwnAnswers() throws Exception {
        Repository repo = TestWiki.open(gitDir);
        opened.add(repo);
        GitPageStore store = new GitPageStore(repo, records, Clock.systemUTC());
        String first = store.save(page("p"), "one", null, ALICE, null).revision();
        store.save(page("q"), "q", null, ALICE, null);
        String before = store.head();
        LastChangeCache cache = new LastChangeCache(repo, records);
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit old = walk.parseCommit(ObjectId.fromString(before));
            assertThat(cache.at(reader, old, page("p"))).isEqualTo(first);
            String second = store.save(page("p"), "two", first, ALICE, null).revision();
            cache.committed(ObjectId.fromString(before), ObjectId.fromString(second), List.of());
            assertThat(cache.at(reader, walk.parseCommit(ObjectId.fromString(second)), page("p"))).isEqualTo(second);
            assertThat(cache.at(reader, old, page("p"))).as("read at the HEAD it started with").isEqualTo(first);
            String third = store.delete(page("p"), second, ALICE, null);
            cache.committed(ObjectId.fromString(second), ObjectId.fromString(third), List.of());
            assertThat(cache.at(reader, walk.parseCommit(ObjectId.fromString(third)), page("p"))).isNull();
            assertThat(cache.at(reader, old, page("p"))).as("two moves behind").isEqualTo(first);
        }
    }

    /** Creates, edits, renames into and out of folders, deletes and re-creates, by two authors. */
    private void history(GitPageStore store) {
        String a = store.save(page("a"), "a1", null, ALICE, null).revision();
        String b = store.save(page("b"), "b1", null, ALICE, null).revision();
        String c = store.save(page("c"), "c1", null, BOB, null).revision();
        String d = store.save(page("folder/d"), "d1", null, ALICE, null).revision();
        a = store.save(page("a"), "a2", a, BOB, null).revision();
        store.save(page("a"), "a3", a, ALICE, null);
        store.rename(page("b"), page("folder/b2"), ALICE, null, false, Long.MAX_VALUE);
        store.delete(page("c"), c, BOB, null);
        store.save(page("c"), "c reborn", null, BOB, null);
        d = store.save(page("folder/d"), "d2", d, ALICE, null).revision();
        store.rename(page("folder/d"), page("d"), BOB, null, false, Long.MAX_VALUE);
        store.save(page("untouched"), "u", null, ALICE, null);
        everPages.addAll(List.of("a", "b", "c", "folder/d", "folder/b2", "d", "untouched"));
    }

    private interface Edit {
        void apply(Path work) throws Exception;
    }

    /** Commits in a clone and pushes, as a git user would; returns the pages the commit changed. */
    private List<String> push(Edit edit) throws Exception {
        Path work = dir.resolve("clone-" + System.nanoTime());
        try (Git clone = Git.cloneRepository().setURI(gitDir.toUri().toString()).setDirectory(work.toFile()).call()) {
            edit.apply(work);
            clone.add().addFilepattern(".").call();
            clone.add().setUpdate(true).addFilepattern(".").call();
            RevCommit pushed = commit(clone, "pushed");
            pushMain(clone);
            List<String> changed = new ArrayList<>();
            for (var entry : clone.diff().setOldTree(tree(clone, pushed.getParent(0)))
                    .setNewTree(tree(clone, pushed)).call()) {
                for (String file : List.of(entry.getOldPath(), entry.getNewPath())) {
                    PagePath page = PagePath.ofFile(file);
                    if (page != null && !changed.contains(page.value())) {
                        changed.add(page.value());
                        everPages.add(page.value());
                    }
                }
            }
            return changed;
        }
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator tree(Git git, RevCommit commit) throws IOException {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            var parser = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
            try (ObjectReader reader = git.getRepository().newObjectReader()) {
                parser.reset(reader, walk.parseCommit(commit).getTree());
            }
            return parser;
        }
    }

    private static RevCommit commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("Carol", "carol@example.org")
                .setCommitter("Carol", "carol@example.org").call();
    }

    private static void pushMain(Git git) throws Exception {
        git.push().add("main").call().forEach(result -> result.getRemoteUpdates().forEach(update ->
                assertThat(update.getStatus()).isEqualTo(RemoteRefUpdate.Status.OK)));
    }

    private static void write(Path work, String file, String content) throws IOException {
        Path target = work.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
    }

    /** Every page at HEAD and every page that ever existed: the store's answer is git's. */
    private void assertAgreesWithGit(GitPageStore store) throws Exception {
        Set<String> pages = new LinkedHashSet<>(everPages);
        store.list(null).forEach(p -> pages.add(p.value()));
        for (String value : pages) {
            assertThat(store.lastChange(page(value))).as("last change of %s", value)
                    .isEqualTo(gitLog(new PagePath(value).file()));
        }
        for (PagePath listed : store.list(null)) {
            assertThat(store.read(listed).orElseThrow().revision()).isEqualTo(gitLog(listed.file()));
        }
    }

    /** {@code git log -1 --format=%H main -- <file>} of the git command line; null for no commit. */
    private String gitLog(String file) throws Exception {
        Process git = new ProcessBuilder("git", "--git-dir=" + gitDir, "log", "-1", "--format=%H", "main", "--", file)
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(out).isZero();
        if (out.isEmpty()) {
            return null;
        }
        // git log names a commit even for a file deleted since; the store answers only for pages that exist.
        Process show = new ProcessBuilder("git", "--git-dir=" + gitDir, "cat-file", "-e", "main:" + file).start();
        show.waitFor(30, TimeUnit.SECONDS);
        return show.exitValue() == 0 ? out : null;
    }
}
