package org.wikifarm.page.git;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.errors.StopWalkException;
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
import org.eclipse.jgit.util.RawParseUtils;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.limit.Text;
import org.wikifarm.page.Change;
import org.wikifarm.page.ChangedFile;
import org.wikifarm.page.ChangedFile.Kind;
import org.wikifarm.page.PagePath;

/**
 * A page's history across renames, and the wiki's changelog, newest first. Commits may come from a {@code git push}
 * and be of any size, so each change is read in a bounded way ({@link Shape}), every commit body is let go as soon as
 * its change is built, and a list stops when its {@link ListBudget} is full.
 */
final class GitHistory {
    /** How many changed files of one commit are looked at, at most (before renames are paired and pages picked). */
    static final int MAX_SCANNED_FILES = 1_000;

    /**
     * Checks the current thread's deadline ({@link Deadline#checkCurrent}) at every tree entry a page's walk looks at
     * and excludes nothing: a walk run under a deadline stops with {@code OverBudgetException} when it passes, however
     * long the history it would otherwise walk to find a name that is not there. Without a deadline it costs a
     * thread-local read per entry.
     */
    private static final TreeFilter WITHIN_DEADLINE = new TreeFilter() {
        @Override
        public boolean include(TreeWalk walker) {
            Deadline.checkCurrent();
            return true;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    };

    /** How much of each commit a change shows: the first characters of the message and the first pages. */
    record Shape(int messageChars, int maxPages) {
    }

    private final Repository repo;

    GitHistory(Repository repo) {
        this.repo = repo;
    }

    /**
     * Commits that changed the page, following it back through renames: a path-filtered walk until the commit
     * that renamed the page into this name, then a new walk for the old name from that commit's parents.
     */
    List<Change> history(PagePath path, int limit, Shape shape, ListBudget budget) throws IOException {
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
                    filtered.setRetainBody(false);
                    filtered.setTreeFilter(AndTreeFilter.create(new TreeFilter[] {WITHIN_DEADLINE,
                        PathFilter.create(name.file()), TreeFilter.ANY_DIFF}));
                    for (RevCommit start : starts) {
                        filtered.markStart(filtered.parseCommit(start));
                    }
                    for (RevCommit found : filtered) {
                        RevCommit commit = plain.parseCommit(found);
                        Change change = change(reader, plain, commit, shape);
                        if (!budget.take(change.jsonSize())) {
                            return changes;
                        }
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
    List<Change> changelog(int limit, String before, Shape shape, ListBudget budget) throws IOException {
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
                Change change = change(reader, walk, commit, shape);
                if (!budget.take(change.jsonSize())) {
                    break;
                }
                changes.add(change);
            }
        }
        return changes;
    }

    private static ChangedFile renameInto(Change change, PagePath name) {
        return change.pages().stream()
                .filter(f -> f.kind() == Kind.RENAMED && f.path().equals(name))
                .findFirst().orElse(null);
    }

    /**
     * The commit with the pages it changed against its first parent, renames detected as git log would, shown as
     * {@code shape} says. The commit's body is let go afterwards: a walk keeps every commit it met, and bodies of
     * pushed commits can be megabytes each.
     */
    Change change(ObjectReader reader, RevWalk walk, RevCommit commit, Shape shape) throws IOException {
        // Loads the body again if an earlier change of this walk let it go.
        walk.parseBody(commit);
        List<DiffEntry> entries;
        FirstFiles scanned = new FirstFiles(MAX_SCANNED_FILES);
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.setRecursive(true);
            tw.setFilter(scanned);
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
        boolean pagesTruncated = scanned.stopped();
        for (DiffEntry entry : renames.compute()) {
            ChangedFile page = page(entry);
            if (page != null) {
                if (pages.size() == shape.maxPages()) {
                    pagesTruncated = true;
                    break;
                }
                pages.add(page);
            }
        }
        Message message = message(commit, shape.messageChars());
        var author = commit.getAuthorIdent();
        Change change = new Change(commit.name(), Text.head(author.getName(), Change.MAX_IDENT_CHARS),
                Text.head(author.getEmailAddress(), Change.MAX_IDENT_CHARS), author.getWhenAsInstant(),
                message.text(), pages, message.truncated(), pagesTruncated);
        commit.disposeBody();
        return change;
    }

    record Message(String text, boolean truncated) {
    }

    /**
     * The message's first {@code maxChars} characters, decoding no more than the bytes they can take (4 per
     * character in UTF-8), so a message of megabytes costs no more than a short one.
     */
    static Message message(RevCommit commit, int maxChars) {
        byte[] raw = commit.getRawBuffer();
        int start = RawParseUtils.commitMessage(raw, 0);
        if (start < 0) {
            return new Message("", false);
        }
        int end = (int) Math.min(raw.length, start + 4L * maxChars + 4);
        String decoded = RawParseUtils.decode(encoding(commit), raw, start, end);
        if (end == raw.length) {
            String whole = decoded.stripTrailing();
            String shown = Text.head(whole, maxChars);
            return new Message(shown, shown.length() < whole.length());
        }
        return new Message(Text.head(decoded, maxChars).stripTrailing(), true);
    }

    private static Charset encoding(RevCommit commit) {
        try {
            return commit.getEncoding();
        } catch (RuntimeException unknownEncoding) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * {@link TreeFilter#ANY_DIFF} that ends the walk after {@code max} changed files, so a commit that touches a
     * hundred thousand files costs no more to list than one that touches a thousand.
     */
    private static final class FirstFiles extends TreeFilter {
        private final int max;
        private int seen;

        FirstFiles(int max) {
            this.max = max;
        }

        @Override
        public boolean include(TreeWalk walker) throws IOException {
            if (!ANY_DIFF.include(walker)) {
                return false;
            }
            if (!walker.isSubtree() && ++seen > max) {
                throw StopWalkException.INSTANCE;
            }
            return true;
        }

        boolean stopped() {
            return seen > max;
        }

        @Override
        public boolean shouldBeRecursive() {
            return ANY_DIFF.shouldBeRecursive();
        }

        @Override
        public TreeFilter clone() {
            return new FirstFiles(max);
        }
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
