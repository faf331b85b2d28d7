package org.wikifarm.page.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.PagePath;

/**
 * Which commit last changed each page, as of one HEAD. Every read and every stale-revision check needs this,
 * and finding it is a history walk, so the answers are kept until HEAD moves. The store's own commits know the
 * pages they touched and update the answers in place; any other move of HEAD (a push) starts afresh.
 */
final class LastChangeCache {
    /** Marks a page known to be absent at the cached HEAD, so asking again costs nothing either. */
    private static final String ABSENT = "";

    /** Answers for one HEAD. A new generation object is made whenever HEAD changes, even if the map is kept. */
    private record Generation(ObjectId head, Map<PagePath, String> commits) {
    }

    private Generation current = new Generation(null, new HashMap<>()); // guarded by this

    /** The commit that last changed the page as of {@code head}, or null if the page is absent there. */
    String at(ObjectReader reader, RevCommit head, PagePath path) throws IOException {
        Generation generation;
        synchronized (this) {
            if (!head.equals(current.head())) {
                current = new Generation(head.copy(), new HashMap<>());
            }
            generation = current;
            String known = generation.commits().get(path);
            if (known != null) {
                return known.equals(ABSENT) ? null : known;
            }
        }
        // Walk outside the lock: a long walk must not hold up other pages' lookups or a commit's update.
        String found = find(reader, head, path);
        synchronized (this) {
            // A commit may have replaced the generation meanwhile; an answer for the old HEAD must not leak in.
            if (current == generation) {
                generation.commits().putIfAbsent(path, found == null ? ABSENT : found);
            }
        }
        return found;
    }

    /** Records a commit of this store: only the pages it touched changed, so the other answers stay true. */
    synchronized void committed(ObjectId oldHead, ObjectId newHead, List<PageEdit> edits) {
        boolean keep = Objects.equals(current.head(), oldHead) || newHead.equals(current.head());
        Map<PagePath, String> commits = keep ? current.commits() : new HashMap<>();
        for (PageEdit edit : edits) {
            commits.put(edit.path(), edit.deletes() ? ABSENT : newHead.name());
        }
        current = new Generation(newHead.copy(), commits);
    }

    /** Walks history from {@code start} for the newest commit that changed the page's file. */
    static String find(ObjectReader reader, RevCommit start, PagePath path) throws IOException {
        // Checking existence first keeps a lookup of a missing page from walking all of history.
        try (TreeWalk exists = TreeWalk.forPath(reader, path.file(), start.getTree())) {
            if (exists == null || !Snapshot.isFile(exists.getFileMode(0))) {
                return null;
            }
        }
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path.file()), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(start));
            RevCommit changed = walk.next();
            return changed == null ? null : changed.name();
        }
    }
}
