package org.wikifarm.page.git;

import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.PagePath;

/** Finds what a deleted page last was: the newest commit before HEAD whose tree still holds it. */
final class GitRestore {
    private GitRestore() {
    }

    /** A deleted page as the newest commit that had it held it: its bytes and the files attached to it then. */
    record LastVersion(byte[] page, List<Snapshot.Attached> files) {
    }

    /**
     * The page in the newest commit that had it, walking the commits that changed its file from
     * {@code head.commit()} (the deletion comes first, then the version before it); null if no commit ever had it.
     */
    static LastVersion lastVersion(Snapshot head, PagePath path) throws IOException {
        if (head.commit() == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(head.reader())) {
            walk.setRetainBody(false);
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path.file()), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(head.commit()));
            RevCommit deletion = null;
            for (RevCommit changed : walk) {
                Snapshot then = Snapshot.ofCommit(walk, changed);
                byte[] bytes = then.bytes(path);
                if (bytes != null) {
                    return new LastVersion(bytes, filesBefore(head, deletion, path, then));
                }
                deletion = changed;
            }
        }
        return null;
    }

    /**
     * The page's files in the commit just before its deletion (files are attached after the page's last edit, so the
     * commit that last changed the page may not have them yet), else in the commit that last changed it. The parent is
     * read by a walk of its own: the filtered walk rewrites parents to the commits that changed the page.
     */
    private static List<Snapshot.Attached> filesBefore(Snapshot head, RevCommit deletion, PagePath path,
                                                       Snapshot lastChange) throws IOException {
        if (deletion != null) {
            try (RevWalk plain = new RevWalk(head.reader())) {
                RevCommit deleting = plain.parseCommit(deletion);
                if (deleting.getParentCount() > 0) {
                    Snapshot before = Snapshot.ofCommit(plain, plain.parseCommit(deleting.getParent(0)));
                    if (before.bytes(path) != null) {
                        return before.attachments(path);
                    }
                }
            }
        }
        return lastChange.attachments(path);
    }
}
