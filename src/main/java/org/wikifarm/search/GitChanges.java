package org.wikifarm.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.PagePath;

/**
 * Which pages differ between two commits: how an index that fell behind (a crash between a commit and its queue
 * row, a {@code git push}) finds what to catch up on without reindexing everything.
 */
final class GitChanges {
    private GitChanges() {
    }

    /** Pages added, changed or removed from {@code from} to {@code to}; empty when {@code from} is unknown. */
    static Optional<Set<String>> between(Repository repo, String from, String to) {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            ObjectId fromTree = walk.parseCommit(ObjectId.fromString(from)).getTree();
            ObjectId toTree = walk.parseCommit(ObjectId.fromString(to)).getTree();
            tree.addTree(fromTree);
            tree.addTree(toTree);
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            Set<String> pages = new LinkedHashSet<>();
            while (tree.next()) {
                PagePath page = PagePath.ofFile(tree.getPathString());
                if (page != null) {
                    pages.add(page.value());
                }
            }
            return Optional.of(pages);
        } catch (MissingObjectException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
