package org.wikifarm.page.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.Pushed;
import org.wikifarm.page.PushedFiles;

/**
 * Accepts the commits of a {@code git push}: checks every file each new commit adds or changes (against its parents,
 * so a bad file that a later commit removes is refused too: it would still be in every clone's history), works out
 * what the push changes between the old and the new tree, and moves the branch through {@link GitCommitter#advance},
 * the same lock and compare-and-set every page write uses.
 */
final class GitPush {
    private final Repository repo;
    private final GitCommitter committer;

    GitPush(Repository repo, GitCommitter committer) {
        this.repo = repo;
        this.committer = committer;
    }

    Pushed push(String oldHead, String newHead, long maxPageBytes, long maxFileBytes, int maxCommits,
                Consumer<Pushed> accept)
            throws IOException {
        ObjectId oldId = oldHead == null ? null : ObjectId.fromString(oldHead);
        ObjectId newId = ObjectId.fromString(newHead);
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            RevCommit tip = walk.parseCommit(newId);
            RevCommit base = oldId == null ? null : walk.parseCommit(oldId);
            int commits = checkCommits(walk, reader, tip, base, maxPageBytes, maxFileBytes, maxCommits);
            Pushed pushed = changes(reader, base, tip, oldHead, newHead, commits);
            committer.advance(oldId, newId, () -> accept.accept(pushed));
            return pushed;
        }
    }

    private static int checkCommits(RevWalk walk, ObjectReader reader, RevCommit tip, RevCommit base,
                                    long maxPageBytes, long maxFileBytes, int maxCommits) throws IOException {
        walk.reset();
        walk.markStart(tip);
        if (base != null) {
            walk.markUninteresting(base);
        }
        int count = 0;
        for (RevCommit commit : walk) {
            if (++count > maxCommits) {
                throw new WikifarmException.TooLarge(String.format(Locale.ROOT,
                        "A push may bring at most %,d commits; push the history in parts.", maxCommits));
            }
            try (TreeWalk files = new TreeWalk(reader)) {
                files.setRecursive(true);
                files.addTree(commit.getTree());
                for (RevCommit parent : commit.getParents()) {
                    walk.parseHeaders(parent);
                    files.addTree(parent.getTree());
                }
                if (commit.getParentCount() > 0) {
                    files.setFilter(TreeFilter.ANY_DIFF);
                }
                while (files.next()) {
                    FileMode mode = files.getFileMode(0);
                    if (mode == FileMode.MISSING) {
                        continue;
                    }
                    long size = isFile(mode) ? reader.getObjectSize(files.getObjectId(0), Constants.OBJ_BLOB) : 0;
                    PushedFiles.check(files.getRawPath(), kind(mode), size, maxPageBytes, maxFileBytes);
                }
            }
        }
        return count;
    }

    private static Pushed changes(ObjectReader reader, RevCommit base, RevCommit tip, String oldHead, String newHead,
                                  int commits) throws IOException {
        List<PagePath> saved = new ArrayList<>();
        List<PagePath> deleted = new ArrayList<>();
        long bytes = 0;
        int added = 0;
        try (TreeWalk files = new TreeWalk(reader)) {
            files.setRecursive(true);
            files.addTree(base == null ? new EmptyTreeIterator() : treeIterator(reader, base.getTree()));
            files.addTree(tip.getTree());
            files.setFilter(TreeFilter.ANY_DIFF);
            while (files.next()) {
                PagePath page = PagePath.ofFile(files.getPathString());
                boolean before = isFile(files.getFileMode(0));
                boolean after = isFile(files.getFileMode(1));
                // Attached files count in the content delta too, so a push of files is checked against the quota.
                bytes += (after ? reader.getObjectSize(files.getObjectId(1), Constants.OBJ_BLOB) : 0)
                        - (before ? reader.getObjectSize(files.getObjectId(0), Constants.OBJ_BLOB) : 0);
                if (page == null) {
                    continue;
                }
                if (after) {
                    saved.add(page);
                } else if (before) {
                    deleted.add(page);
                }
                added += (after ? 1 : 0) - (before ? 1 : 0);
            }
        }
        int pagesBefore = base == null ? 0 : countPages(reader, base.getTree());
        return new Pushed(oldHead, newHead, commits, saved, deleted, pagesBefore, pagesBefore + added, bytes);
    }

    private static CanonicalTreeParser treeIterator(ObjectReader reader, RevTree tree)
            throws IOException {
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, tree);
        return parser;
    }

    private static int countPages(ObjectReader reader, RevTree tree) throws IOException {
        int pages = 0;
        try (TreeWalk files = new TreeWalk(reader)) {
            files.setRecursive(true);
            files.addTree(tree);
            while (files.next()) {
                if (isFile(files.getFileMode(0)) && PagePath.ofFile(files.getPathString()) != null) {
                    pages++;
                }
            }
        }
        return pages;
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static PushedFiles.Kind kind(FileMode mode) {
        if (mode == FileMode.REGULAR_FILE) {
            return PushedFiles.Kind.FILE;
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
            return PushedFiles.Kind.EXECUTABLE;
        }
        if (mode == FileMode.SYMLINK) {
            return PushedFiles.Kind.SYMLINK;
        }
        if (mode == FileMode.GITLINK) {
            return PushedFiles.Kind.SUBMODULE;
        }
        return PushedFiles.Kind.OTHER;
    }
}
