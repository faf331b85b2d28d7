package org.wikifarm.page.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.Author;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.WriteGuard.Growth;

/**
 * Turns a decision about pages into a commit on {@code refs/heads/main} without a work tree: HEAD's tree into
 * an in-memory DirCache, the edits applied, a new tree and commit, and a compare-and-set of the branch.
 * A push can move the branch between our read and our update, so the whole decision is retried on top of the
 * new HEAD rather than forcing the ref, which would silently drop the pushed commits.
 */
final class GitCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(GitCommitter.class);
    private static final int ATTEMPTS = 5;

    /**
     * What a write decided against one HEAD: edits, a message and how to answer once they are committed; or nothing
     * to do and the answer to give.
     */
    record Plan<T>(List<PageEdit> edits, List<FileEdit> files, String message, Function<Commit, T> answer,
                   T unchanged) {
        static <T> Plan<T> commit(String message, Function<Commit, T> answer, List<PageEdit> edits) {
            return new Plan<>(List.copyOf(edits), List.of(), message, answer, null);
        }

        /** Pages and the files beside them (attachments) in one commit. */
        static <T> Plan<T> commit(String message, Function<Commit, T> answer, List<PageEdit> edits,
                                  List<FileEdit> files) {
            return new Plan<>(List.copyOf(edits), List.copyOf(files), message, answer, null);
        }

        static <T> Plan<T> commit(String message, Function<Commit, T> answer, PageEdit... edits) {
            return commit(message, answer, List.of(edits));
        }

        static <T> Plan<T> nothing(T answer) {
            return new Plan<>(List.of(), List.of(), null, null, answer);
        }
    }

    /** A commit this committer made: what a page it wrote shows as its revision, author and date. */
    record Commit(String revision, String author, Instant date) {
        Page page(PagePath path, byte[] content) {
            return new Page(path, new String(content, StandardCharsets.UTF_8), revision, author, date);
        }
    }

    /** Decides a write against a snapshot of HEAD; may throw to refuse it (stale revision, missing page). */
    interface Planner<T> {
        Plan<T> plan(Snapshot head) throws IOException;
    }

    /** Told about each commit this store made, with the HEAD it replaced; runs under the write lock. */
    interface Listener {
        void committed(ObjectId oldHead, ObjectId newHead, List<PageEdit> edits);
    }

    private final Repository repo;
    private final LastChangeCache lastChanges;
    private final List<Listener> listeners;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    GitCommitter(Repository repo, LastChangeCache lastChanges, List<Listener> listeners, Clock clock) {
        this.repo = repo;
        this.lastChanges = lastChanges;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * Runs the planner on the current HEAD and commits its plan; returns the plan's answer for the new commit, or its
     * answer for nothing to do. HEAD is read once per attempt: the decision, the commit's parent and the answer all
     * belong to that one HEAD and this write's own commit.
     */
    <T> T commit(Author author, Planner<T> planner) throws IOException {
        return commit(author, planner, growth -> { });
    }

    /**
     * As {@link #commit(Author, Planner)}, and before anything is written, {@code guard} is told what the plan would
     * add to the wiki (pages and bytes of page content, against the same HEAD) and may throw to refuse it. It runs
     * under the write lock, so the writes of this store are checked one after the other.
     */
    <T> T commit(Author author, Planner<T> planner, Consumer<Growth> guard) throws IOException {
        lock.lock();
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try (ObjectInserter inserter = repo.newObjectInserter();
                        ObjectReader reader = inserter.newReader();
                        RevWalk walk = new RevWalk(reader)) {
                    ObjectId oldHead = Snapshot.headId(repo);
                    Snapshot snapshot = Snapshot.ofHead(walk, oldHead, lastChanges);
                    Plan<T> plan = planner.plan(snapshot);
                    if (plan.edits().isEmpty() && plan.files().isEmpty()) {
                        return plan.unchanged();
                    }
                    Growth pages = growth(snapshot, plan.edits());
                    guard.accept(new Growth(pages.pages(), pages.bytes() + FileEdit.growth(snapshot, plan.files())));
                    // Git keeps whole seconds: the answer's date is the one a later read of this commit shows.
                    PersonIdent who = new PersonIdent(author.name(), author.email(),
                            clock.instant().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
                    ObjectId tree = writeTree(reader, inserter, snapshot.commit(), plan.edits(), plan.files());
                    ObjectId commit = writeCommit(inserter, tree, oldHead, who, plan.message());
                    inserter.flush();
                    RefUpdate.Result result = moveBranch(walk, oldHead, commit, who, plan.message());
                    switch (result) {
                        case NEW, FAST_FORWARD -> {
                            listeners.forEach(l -> l.committed(oldHead, commit, plan.edits()));
                            return plan.answer().apply(new Commit(commit.name(), author.name(),
                                    who.getWhenAsInstant()));
                        }
                        case LOCK_FAILURE, REJECTED -> {
                            LOG.debug("{} moved or was locked under a write (attempt {}: {}); retrying",
                                    Snapshot.BRANCH, attempt, result);
                            backOff(attempt);
                        }
                        default -> throw new IOException("Could not update " + Snapshot.BRANCH + ": " + result);
                    }
                }
            }
            throw new WikifarmException.Unavailable("wiki_busy",
                    "The wiki is being changed by someone else right now; please try again.");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves the branch from {@code oldHead} to {@code newHead}, commits made elsewhere (a push), under the write lock
     * every commit of this store takes: {@code beforeMove} runs under the lock first and may throw to refuse. A
     * branch no longer at {@code oldHead} refuses the move as not a fast-forward: a write that got in first is never
     * overwritten, and the pusher fetches, merges and pushes again. The caches catch up from the branch on their
     * next read (a push may bring many commits), so no listener is told here.
     */
    void advance(ObjectId oldHead, ObjectId newHead, Runnable beforeMove) throws IOException {
        lock.lock();
        try (RevWalk walk = new RevWalk(repo)) {
            if (!Objects.equals(Snapshot.headId(repo), oldHead)) {
                throw moved();
            }
            beforeMove.run();
            RefUpdate update = repo.updateRef(Snapshot.BRANCH);
            update.setNewObjectId(newHead);
            update.setExpectedOldObjectId(oldHead == null ? ObjectId.zeroId() : oldHead);
            update.setRefLogMessage("push", false);
            RefUpdate.Result result = update.update(walk);
            switch (result) {
                case NEW, FAST_FORWARD -> LOG.debug("{} moved by a push to {}", Snapshot.BRANCH, newHead.name());
                case LOCK_FAILURE, REJECTED -> throw moved();
                default -> throw new IOException("Could not update " + Snapshot.BRANCH + ": " + result);
            }
        } finally {
            lock.unlock();
        }
    }

    private static WikifarmException moved() {
        return new WikifarmException.Conflict("non_fast_forward", "main moved while you pushed (someone saved a"
                + " page meanwhile); nothing was changed: fetch, merge and push again");
    }

    /**
     * What the edits add to the wiki at {@code head}: a page more for each one created, one less for each deleted,
     * and the change in bytes of page content (a delete frees the page's bytes; a rewrite adds the difference).
     */
    static Growth growth(Snapshot head, List<PageEdit> edits) throws IOException {
        int pages = 0;
        long bytes = 0;
        for (PageEdit edit : edits) {
            long old = head.size(edit.path());
            if (edit.deletes()) {
                if (old >= 0) {
                    pages--;
                    bytes -= old;
                }
            } else {
                pages += old < 0 ? 1 : 0;
                bytes += edit.content().length - Math.max(old, 0);
            }
        }
        return new Growth(pages, bytes);
    }

    /**
     * LOCK_FAILURE also means another process holds {@code main.lock} right now; retrying at once would
     * mostly find it still held, so wait a little longer each time, with jitter so two writers fall out of step.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WikifarmException.Unavailable("wiki_busy", "The write was interrupted; please try again.", e);
        }
    }

    private static ObjectId writeTree(ObjectReader reader, ObjectInserter inserter, RevCommit head,
            List<PageEdit> edits, List<FileEdit> files) throws IOException {
        DirCache index = DirCache.newInCore();
        if (head != null) {
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, head.getTree());
            builder.finish();
        }
        DirCacheEditor editor = index.editor();
        for (PageEdit edit : edits) {
            if (edit.deletes()) {
                editor.add(new DeletePath(edit.path().file()));
            } else {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, edit.content());
                editor.add(new PathEdit(edit.path().file()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
        }
        for (FileEdit file : files) {
            file.apply(editor, inserter);
        }
        editor.finish();
        return index.writeTree(inserter);
    }

    private static ObjectId writeCommit(ObjectInserter inserter, ObjectId tree, ObjectId parent, PersonIdent who,
            String message) throws IOException {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message);
        return inserter.insert(commit);
    }

    private RefUpdate.Result moveBranch(RevWalk walk, ObjectId oldHead, ObjectId commit, PersonIdent who,
            String message) throws IOException {
        RefUpdate update = repo.updateRef(Snapshot.BRANCH);
        update.setNewObjectId(commit);
        // zeroId means "the branch must not exist yet", so two first commits cannot both win.
        update.setExpectedOldObjectId(oldHead == null ? ObjectId.zeroId() : oldHead);
        update.setRefLogIdent(who);
        update.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
        return update.update(walk);
    }
}
