package org.wikifarm.page.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.PagePath;

/**
 * Works out which commit last changed each page, as {@code git log -1 -- <file>} answers it: a commit with one parent
 * changed the page if the page differs from the parent's; a merge whose page equals a parent's takes that parent's
 * answer (the first such parent, as git's history simplification does); any other merge changed it itself. Commits
 * are visited oldest first and each is diffed against its first parent, so every page is answered in one walk over
 * the commits of the range, never a walk per page.
 */
final class LastChangeWalk {
    /** In a result: the page does not exist at the target. */
    static final ObjectId GONE = ObjectId.zeroId();

    /** The answers at the base commit (null: the page is absent there). */
    interface Base {
        ObjectId lastChange(PagePath page);
    }

    private final ObjectReader reader;
    private final RevWalk walk;
    private final Base base;
    private RevCommit from;
    private RevFlag inRange;
    /** Answers of commits that still have children to visit, relative to the base. */
    private final Map<RevCommit, Map<PagePath, ObjectId>> open = new HashMap<>();
    private final Map<RevCommit, Integer> childrenLeft = new HashMap<>();

    private LastChangeWalk(ObjectReader reader, RevWalk walk, Base base) {
        this.reader = reader;
        this.walk = walk;
        this.base = base;
    }

    /** Every page's answer at {@code target}: one walk over its whole history. */
    static Map<PagePath, ObjectId> all(ObjectReader reader, ObjectId target) throws IOException {
        Map<PagePath, ObjectId> answers = between(reader, null, page -> null, target);
        answers.values().removeIf(GONE::equals);
        return answers;
    }

    /**
     * The answers at {@code target} that differ from those at {@code base} ({@link #GONE} for pages gone since), from
     * a walk over the commits between them only. Null when they cannot be derived from the base's answers: the base is
     * unknown here or not an ancestor of the target (a branch moved by force), or the range merges in a branch that
     * left older history. A null {@code base} starts from nothing and always answers.
     */
    static Map<PagePath, ObjectId> between(ObjectReader reader, ObjectId base, Base baseAnswers, ObjectId target)
            throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            return new LastChangeWalk(reader, walk, baseAnswers).run(base, target);
        }
    }

    private Map<PagePath, ObjectId> run(ObjectId baseId, ObjectId target) throws IOException {
        RevCommit tip = walk.parseCommit(target);
        if (baseId != null) {
            try {
                from = walk.parseCommit(baseId);
            } catch (MissingObjectException | IncorrectObjectTypeException e) {
                return null;
            }
            if (from.equals(tip)) {
                return new HashMap<>();
            }
            walk.markUninteresting(from);
        }
        walk.markStart(tip);
        walk.sort(RevSort.TOPO);
        walk.sort(RevSort.REVERSE, true);
        inRange = walk.newFlag("in-range");
        List<RevCommit> range = new ArrayList<>();
        for (RevCommit commit : walk) {
            commit.add(inRange);
            range.add(commit);
        }
        if (range.isEmpty() || !closed(range)) {
            return null;
        }
        Map<PagePath, ObjectId> answers = null;
        for (RevCommit commit : range) {
            answers = inherit(commit);
            diff(commit, answers);
            for (RevCommit parent : commit.getParents()) {
                if (parent.has(inRange) && childrenLeft.merge(parent, -1, Integer::sum) <= 0) {
                    open.remove(parent);
                }
            }
            if (childrenLeft.getOrDefault(commit, 0) > 0) {
                open.put(commit, answers);
            }
        }
        return answers;
    }

    /** Whether every parent of the range is in it or is the base, so no answer needs history outside the walk. */
    private boolean closed(List<RevCommit> range) {
        for (RevCommit commit : range) {
            if (commit.getParentCount() == 0 && from != null) {
                return false;
            }
            for (RevCommit parent : commit.getParents()) {
                if (parent.has(inRange)) {
                    childrenLeft.merge(parent, 1, Integer::sum);
                } else if (!parent.equals(from)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The first parent's answers, handed over when this is its last child to visit, copied otherwise. */
    private Map<PagePath, ObjectId> inherit(RevCommit commit) {
        if (commit.getParentCount() == 0 || !commit.getParent(0).has(inRange)) {
            return new HashMap<>();
        }
        RevCommit parent = commit.getParent(0);
        Map<PagePath, ObjectId> answers = open.get(parent);
        return childrenLeft.get(parent) == 1 ? answers : new HashMap<>(answers);
    }

    private void diff(RevCommit commit, Map<PagePath, ObjectId> answers) throws IOException {
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.setFilter(AndTreeFilter.create(PathSuffixFilter.create(PagePath.EXTENSION), TreeFilter.ANY_DIFF));
            if (commit.getParentCount() == 0) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tw.addTree(commit.getTree());
            while (tw.next()) {
                PagePath page = PagePath.ofFile(tw.getPathString());
                if (page == null) {
                    continue;
                }
                FileMode mode = tw.getFileMode(1);
                if (!Snapshot.isFile(mode)) {
                    answers.put(page, GONE);
                    continue;
                }
                ObjectId answer = commit.copy();
                for (int i = 1; i < commit.getParentCount(); i++) {
                    RevCommit other = walk.parseCommit(commit.getParent(i));
                    if (same(other, tw.getPathString(), tw.getRawMode(1), tw.getObjectId(1))) {
                        ObjectId earlier = answerAt(other, page);
                        answer = earlier == null ? GONE : earlier;
                        break;
                    }
                }
                answers.put(page, answer);
            }
        }
    }

    private boolean same(RevCommit commit, String file, int mode, ObjectId blob) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, file, commit.getTree())) {
            return tw != null && tw.getRawMode(0) == mode && tw.getObjectId(0).equals(blob);
        }
    }

    private ObjectId answerAt(RevCommit commit, PagePath page) {
        Map<PagePath, ObjectId> answers = commit.equals(from) ? null : open.get(commit);
        if (answers != null && answers.containsKey(page)) {
            ObjectId answer = answers.get(page);
            return GONE.equals(answer) ? null : answer;
        }
        return base.lastChange(page);
    }
}
