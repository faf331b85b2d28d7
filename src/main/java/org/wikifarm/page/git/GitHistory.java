package org.wikifarm.page.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.page.Change;
import org.wikifarm.page.ChangedFile;
import org.wikifarm.page.ChangedFile.Kind;
import org.wikifarm.page.PagePath;

/** A page's history across renames, and the wiki's changelog, newest first. */
final class GitHistory {
    private final Repository repo;

    GitHistory(Repository repo) {
        this.repo = repo;
    }

    /**
     * Commits that changed the page, following it back through renames: a path-filtered walk until the commit
     * that renamed the page into this name, then a new walk for the old name from that commit's parents.
     */
    List<Change> history(PagePath path, int limit) throws IOException {
        List<Change> changes = new ArrayList<>();
        ObjectId head = Snapshot.headId(repo);
        if (head == null || limit <= 0) {
            return changes;
        }
        try (ObjectReader reader = repo.newObjectReader();
                RevWalk plain = new RevWalk(reader)) {
            PagePath name = path;
            List<RevCommit> starts = List.of(plain.parseCommit(head));
            while (name != null && !starts.isEmpty() && changes.size() < limit) {
                PagePath earlierName = null;
                List<RevCommit> earlierStarts = List.of();
                // A fresh walk per name: a filtered walk rewrites parents, which must not leak into the next one.
                try (RevWalk filtered = new RevWalk(reader)) {
                    filtered.setTreeFilter(AndTreeFilter.create(PathFilter.create(name.file()), TreeFilter.ANY_DIFF));
                    for (RevCommit start : starts) {
                        filtered.markStart(filtered.parseCommit(start));
                    }
                    for (RevCommit found : filtered) {
                        RevCommit commit = plain.parseCommit(found);
                        Change change = change(reader, plain, commit);
                        changes.add(change);
                        ChangedFile renamed = renameInto(change, name);
                        if (changes.size() >= limit) {
                            break;
                        }
                        if (renamed != null) {
                            earlierName = renamed.oldPath();
                            earlierStarts = List.of(commit.getParents());
                            break;
                        }
                    }
                }
                name = earlierName;
                starts = earlierStarts;
            }
        }
        return changes;
    }

    /** Every commit, newest first; {@code before} pages on from the commits older than that one. */
    List<Change> changelog(int limit, String before) throws IOException {
        List<Change> changes = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            if (before != null) {
                for (RevCommit parent : Snapshot.parseRevision(walk, before).getParents()) {
                    walk.markStart(walk.parseCommit(parent));
                }
            } else {
                ObjectId head = Snapshot.headId(repo);
                if (head == null) {
                    return changes;
                }
                walk.markStart(walk.parseCommit(head));
            }
            for (RevCommit commit : walk) {
                if (changes.size() >= limit) {
                    break;
                }
                changes.add(change(reader, walk, commit));
            }
        }
        return changes;
    }

    private static ChangedFile renameInto(Change change, PagePath name) {
        return change.pages().stream()
                .filter(f -> f.kind() == Kind.RENAMED && f.path().equals(name))
                .findFirst().orElse(null);
    }

    /** The commit with the pages it changed against its first parent, renames detected as git log would. */
    Change change(ObjectReader reader, RevWalk walk, RevCommit commit) throws IOException {
        List<DiffEntry> entries;
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.setFilter(TreeFilter.ANY_DIFF);
            if (commit.getParentCount() > 0) {
                tw.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            } else {
                tw.addTree(new EmptyTreeIterator());
            }
            tw.addTree(commit.getTree());
            entries = DiffEntry.scan(tw);
        }
        RenameDetector renames = new RenameDetector(reader, repo.getConfig().get(DiffConfig.KEY));
        renames.addAll(entries);
        List<ChangedFile> pages = new ArrayList<>();
        for (DiffEntry entry : renames.compute()) {
            ChangedFile page = page(entry);
            if (page != null) {
                pages.add(page);
            }
        }
        return new Change(commit.name(), commit.getAuthorIdent().getName(), commit.getAuthorIdent().getEmailAddress(),
                commit.getAuthorIdent().getWhenAsInstant(), commit.getFullMessage().stripTrailing(), pages);
    }

    /** The entry as a page change; null for files that are not pages (a rename from a non-page is an add). */
    private static ChangedFile page(DiffEntry entry) {
        PagePath oldPage = PagePath.ofFile(entry.getOldPath());
        PagePath newPage = PagePath.ofFile(entry.getNewPath());
        return switch (entry.getChangeType()) {
            case ADD, COPY -> newPage == null ? null : ChangedFile.of(newPage, Kind.ADDED);
            case MODIFY -> newPage == null ? null : ChangedFile.of(newPage, Kind.MODIFIED);
            case DELETE -> oldPage == null ? null : ChangedFile.of(oldPage, Kind.DELETED);
            case RENAME -> {
                if (oldPage != null && newPage != null) {
                    yield ChangedFile.renamed(oldPage, newPage);
                }
                yield newPage != null ? ChangedFile.of(newPage, Kind.ADDED)
                        : oldPage == null ? null : ChangedFile.of(oldPage, Kind.DELETED);
            }
        };
    }
}
