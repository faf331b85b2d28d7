package org.wikifarm.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.PagePath;

/**
 * What git says changed: the pages that differ between two commits' trees (a tree diff, not a walk over history),
 * and whether one commit is in another's history. How the index catches up on commits whose queue rows never came
 * (a crash between a commit and its row, a {@code git push}, a full queue).
 */
final class GitChanges {
    private GitChanges() {
    }

    /**
     * Pages added, changed or removed from {@code from} to {@code to}, in the trees' order (the same for the same two
     * commits); an empty {@code from} means every page of {@code to}. Empty when a commit is unknown here.
     */
    static Optional<List<String>> between(Repository repo, String from, String to) {
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            if (from.isEmpty()) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(ObjectId.fromString(from)).getTree());
            }
            tree.addTree(walk.parseCommit(ObjectId.fromString(to)).getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            List<String> pages = new ArrayList<>();
            while (tree.next()) {
                PagePath page = PagePath.ofFile(tree.getPathString());
                if (page != null) {
                    pages.add(page.value());
                }
            }
            return Optional.of(pages);
        } catch (MissingObjectException | IncorrectObjectTypeException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code ancestor} is {@code descendant} or in its history; false if either is unknown here. */
    static boolean inHistory(Repository repo, String ancestor, String descendant) {
        if (ancestor.equals(descendant)) {
            return true;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit base = walk.parseCommit(ObjectId.fromString(ancestor));
            RevCommit tip = walk.parseCommit(ObjectId.fromString(descendant));
            return walk.isMergedInto(base, tip);
        } catch (MissingObjectException | IncorrectObjectTypeException | IllegalArgumentException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
