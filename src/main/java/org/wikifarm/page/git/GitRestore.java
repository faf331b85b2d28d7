package org.wikifarm.page.git;

import java.io.IOException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.PagePath;

/** Finds what a deleted page last said: the newest commit before HEAD whose tree still holds it. */
final class GitRestore {
    private GitRestore() {
    }

    /**
     * The page's bytes in the newest commit that had it, walking the commits that changed its file from
     * {@code head.commit()} (the deletion comes first, then the version before it); null if no commit ever had it.
     */
    static byte[] lastVersion(Snapshot head, PagePath path) throws IOException {
        if (head.commit() == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(head.reader())) {
            walk.setRetainBody(false);
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path.file()), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(head.commit()));
            for (RevCommit changed : walk) {
                byte[] bytes = Snapshot.ofCommit(walk, changed).bytes(path);
                if (bytes != null) {
                    return bytes;
                }
            }
        }
        return null;
    }
}
