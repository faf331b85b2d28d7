package org.wikifarm.page.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffAlgorithm.SupportedAlgorithm;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.page.Author;
import org.wikifarm.page.ChangedFile;
import org.wikifarm.page.ChangedFile.Kind;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.RevertConflictException;
import org.wikifarm.page.Reverted;
import org.wikifarm.page.WriteGuard.Growth;
import org.wikifarm.page.git.GitCommitter.Plan;

/**
 * Undoes what one revision did to one page while keeping later edits: a three-way merge whose base is the
 * page as that revision left it, "ours" the page now and "theirs" the page before the revision.
 */
final class GitRevert {
    private static final byte[] NONE = new byte[0];
    /** Reading a change only for its renames: every page, no message. */
    private static final GitHistory.Shape RENAMES_ONLY = new GitHistory.Shape(1, Integer.MAX_VALUE);

    private final Repository repo;
    private final GitCommitter committer;
    private final GitHistory history;

    GitRevert(Repository repo, GitCommitter committer, GitHistory history) {
        this.repo = repo;
        this.committer = committer;
        this.history = history;
    }

    /** Reverts as {@link GitPageStore#revert} says; a result larger than {@code maxPageBytes} is refused. */
    Reverted revert(PagePath path, String revision, Author author, String message, long maxPageBytes,
                    Consumer<Growth> guard) throws IOException {
        RevCommit undone;
        byte[] after;
        byte[] before;
        ChangedFile rename;
        try (RevWalk walk = new RevWalk(repo)) {
            undone = Snapshot.parseRevision(walk, revision);
            after = Snapshot.ofRevision(walk, undone.name()).bytes(path);
            before = undone.getParentCount() == 0 ? null
                    : Snapshot.ofRevision(walk, undone.getParent(0).name()).bytes(path);
            if (Arrays.equals(after, before)) {
                throw new InvalidInput("revision_not_for_page",
                        "Revision " + undone.name() + " did not change the page '" + path + "'.");
            }
            rename = renameOf(walk, undone, path);
        }
        String text = message == null || message.isBlank()
                ? "Revert " + undone.name().substring(0, 7) + " on " + path : message;
        if (rename != null) {
            return committer.commit(author, head -> renameBack(head, rename, path, undone.name(), text), guard);
        }
        return committer.commit(author, head -> checked(plan(head, path, undone.name(), after, before, text),
                maxPageBytes), guard);
    }

    /** The text a revert brings back (or merges) can be larger than the page may now be: refuse it like a save. */
    private static <T> Plan<T> checked(Plan<T> plan, long maxPageBytes) {
        for (PageEdit edit : plan.edits()) {
            if (!edit.deletes() && edit.content().length > maxPageBytes) {
                throw new WikifarmException.TooLarge("Reverting would make the page " + edit.content().length
                        + " bytes long, more than the " + maxPageBytes + " a page may have; edit the page instead.");
            }
        }
        return plan;
    }

    /**
     * The rename the revision made to or from the page, if any. Treated as a delete plus a create, undoing a
     * rename would delete the page under its new name and leave the old name empty: its text would be lost.
     */
    private ChangedFile renameOf(RevWalk walk, RevCommit undone, PagePath path) throws IOException {
        return history.change(walk.getObjectReader(), walk, undone, RENAMES_ONLY).pages().stream()
                .filter(f -> f.kind() == Kind.RENAMED && (f.path().equals(path) || f.oldPath().equals(path)))
                .findFirst().orElse(null);
    }

    /** Moves the page back to its old name, with any edits made since the rename. */
    private static Plan<Reverted> renameBack(Snapshot head, ChangedFile rename, PagePath path, String revision,
            String message) throws IOException {
        byte[] now = head.bytes(rename.path());
        if (now == null || head.bytes(rename.oldPath()) != null || head.blocked(rename.oldPath())) {
            throw new RevertConflictException(path, revision);
        }
        boolean existed = head.bytes(path) != null;
        return Plan.commit(message, commit -> new Reverted(commit.revision(), path.equals(rename.oldPath())
                ? Optional.of(commit.page(path, now)) : Optional.empty(), existed),
                PageEdit.delete(rename.path()), PageEdit.write(rename.oldPath(), now));
    }

    private static Plan<Reverted> plan(Snapshot head, PagePath path, String revision, byte[] after, byte[] before,
            String message) throws IOException {
        byte[] now = head.bytes(path);
        if (before == null) {
            // The revision created the page: undoing it deletes the page, but only if nobody edited it since.
            if (now == null) {
                return Plan.nothing(new Reverted(null, Optional.empty(), false));
            }
            if (!Arrays.equals(now, after)) {
                throw new RevertConflictException(path, revision);
            }
            return Plan.commit(message, commit -> new Reverted(commit.revision(), Optional.empty(), true),
                    PageEdit.delete(path));
        }
        if (now == null) {
            // Deleted since: bring back the page as it was before the revision.
            if (head.blocked(path)) {
                throw new RevertConflictException(path, revision);
            }
            return Plan.commit(message, commit -> new Reverted(commit.revision(),
                    Optional.of(commit.page(path, before)), false), PageEdit.write(path, before));
        }
        byte[] merged = merge(after == null ? NONE : after, now, before);
        if (merged == null) {
            throw new RevertConflictException(path, revision);
        }
        if (Arrays.equals(merged, now)) {
            return Plan.nothing(new Reverted(head.lastChange(path), head.page(path), true));
        }
        return Plan.commit(message, commit -> new Reverted(commit.revision(), Optional.of(commit.page(path, merged)),
                true), PageEdit.write(path, merged));
    }

    /** The merged text, or null if the two sides changed the same lines differently. */
    static byte[] merge(byte[] base, byte[] ours, byte[] theirs) throws IOException {
        MergeAlgorithm algorithm = new MergeAlgorithm(DiffAlgorithm.getAlgorithm(SupportedAlgorithm.HISTOGRAM));
        MergeResult<RawText> result = algorithm.merge(RawTextComparator.DEFAULT,
                new RawText(base), new RawText(ours), new RawText(theirs));
        if (result.containsConflicts()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MergeFormatter().formatMerge(out, result, List.of("base", "ours", "theirs"), StandardCharsets.UTF_8);
        return out.toByteArray();
    }
}
