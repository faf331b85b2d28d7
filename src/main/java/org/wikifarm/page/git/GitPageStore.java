package org.wikifarm.page.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.page.Author;
import org.wikifarm.page.Change;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageExistsException;
import org.wikifarm.page.PageLinks;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.RevisionId;
import org.wikifarm.page.StaleRevisionException;
import org.wikifarm.page.WikiLinks;
import org.wikifarm.page.git.GitCommitter.Plan;

/**
 * One wiki's pages in a bare git repository: page {@code a/b} is the file {@code a/b.md} on
 * {@code refs/heads/main}. Safe for concurrent use; writes are serialised per store and still tolerate other
 * writers of the same repository (a {@code git push}). Failures to read or write the repository surface as
 * {@link UncheckedIOException}; everything a user can cause is a {@link WikifarmException}. The caller owns the
 * {@link Repository} and closes it; keep one store per open repository so its caches and write lock are shared.
 */
public final class GitPageStore {
    private final Repository repo;
    private final LastChangeCache lastChanges;
    private final LinkGraph links = new LinkGraph();
    private final GitCommitter committer;
    private final GitHistory history;
    private final GitDiff diffs;
    private final GitRevert reverts;
    private volatile PagesAtHead pagesAtHead = new PagesAtHead(null, List.of());

    private record PagesAtHead(ObjectId head, List<PagePath> pages) {
    }

    /** A store that keeps its last-change answers in memory only: each new store walks history once. */
    public GitPageStore(Repository repo) {
        this(repo, LastChangeRecords.NONE);
    }

    /** A store that keeps its last-change answers in {@code records} too, so a restart starts from them. */
    public GitPageStore(Repository repo, LastChangeRecords records) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.lastChanges = new LastChangeCache(repo, Objects.requireNonNull(records, "records"));
        this.committer = new GitCommitter(repo, lastChanges, List.of(lastChanges::committed, links::committed));
        this.history = new GitHistory(repo);
        this.diffs = new GitDiff(repo);
        this.reverts = new GitRevert(repo, committer, history);
    }

    /** The current HEAD commit id, or null while the wiki has no commit. */
    public String head() {
        return io(() -> {
            ObjectId head = Snapshot.headId(repo);
            return head == null ? null : head.name();
        });
    }

    public Optional<Page> read(PagePath path) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofHead(walk, Snapshot.headId(repo), lastChanges).page(path);
            }
        });
    }

    /** The page as of a commit; empty if it did not exist then, {@code revision_not_found} for an unknown commit. */
    public Optional<Page> read(PagePath path, String revision) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofRevision(walk, revision).page(path);
            }
        });
    }

    /** A page's text as of a commit; {@code text} is null when the page was larger than the reader asked for. */
    public record Text(long bytes, String text) {
        public boolean tooLarge() {
            return text == null;
        }
    }

    /**
     * The pages' texts as of one commit, however HEAD moves meanwhile; pages absent there are left out, and a page
     * over {@code maxBytes} is measured but not read.
     */
    public Map<PagePath, Text> readAt(String revision, Collection<PagePath> paths, long maxBytes) {
        return io(() -> {
            Map<PagePath, Text> texts = new LinkedHashMap<>();
            try (RevWalk walk = new RevWalk(repo)) {
                Snapshot snapshot = Snapshot.ofRevision(walk, revision);
                for (PagePath path : paths) {
                    long size = snapshot.size(path);
                    if (size >= 0) {
                        texts.put(path, new Text(size, size > maxBytes ? null : snapshot.text(path)));
                    }
                }
            }
            return texts;
        });
    }

    /** The pages' sizes in bytes as of one commit, without reading them; pages absent there are left out. */
    public Map<PagePath, Long> sizesAt(String revision, Collection<PagePath> paths) {
        return io(() -> {
            Map<PagePath, Long> sizes = new LinkedHashMap<>();
            try (RevWalk walk = new RevWalk(repo)) {
                Snapshot snapshot = Snapshot.ofRevision(walk, revision);
                for (PagePath path : paths) {
                    long size = snapshot.size(path);
                    if (size >= 0) {
                        sizes.put(path, size);
                    }
                }
            }
            return sizes;
        });
    }

    /** The pages as of one commit, sorted. */
    public List<PagePath> listAt(String revision) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofRevision(walk, revision).pages();
            }
        });
    }

    /** The commit that last changed the page at HEAD, or null if the page does not exist. */
    public String lastChange(PagePath path) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofHead(walk, Snapshot.headId(repo), lastChanges).lastChange(path);
            }
        });
    }

    /**
     * Writes the page if {@code baseRevision} is still its last change (null: the page must not exist yet).
     * Returns the new commit, or the current revision when the content is unchanged.
     */
    public String save(PagePath path, String content, String baseRevision, Author author, String message) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(author, "author");
        String base = baseRevision == null ? null : RevisionId.check(baseRevision);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return io(() -> committer.commit(author, head -> {
            String current = head.lastChange(path);
            if (!Objects.equals(base, current)) {
                throw new StaleRevisionException(base, current);
            }
            byte[] old = head.bytes(path);
            if (old != null && Arrays.equals(old, bytes)) {
                return Plan.nothing(current);
            }
            if (old == null) {
                requireRoom(head, path);
            }
            String verb = old == null ? "Create " : "Update ";
            return Plan.commit(orDefault(message, verb + path), PageEdit.write(path, bytes));
        }));
    }

    /** Deletes the page; {@code baseRevision} null skips the stale check. */
    public String delete(PagePath path, String baseRevision, Author author, String message) {
        Objects.requireNonNull(author, "author");
        String base = baseRevision == null ? null : RevisionId.check(baseRevision);
        return io(() -> committer.commit(author, head -> {
            String current = head.lastChange(path);
            if (current == null) {
                throw new PageNotFoundException(path);
            }
            if (base != null && !base.equals(current)) {
                throw new StaleRevisionException(base, current);
            }
            return Plan.commit(orDefault(message, "Delete " + path), PageEdit.delete(path));
        }));
    }

    /** Moves the page in one commit with the same blob on both sides, so git (and history) see a rename. */
    public String rename(PagePath from, PagePath to, Author author, String message) {
        Objects.requireNonNull(author, "author");
        return io(() -> committer.commit(author, head -> {
            byte[] content = head.bytes(from);
            if (content == null) {
                throw new PageNotFoundException(from);
            }
            if (from.equals(to) || head.bytes(to) != null) {
                throw new PageExistsException(to);
            }
            requireRoom(head, to);
            return Plan.commit(orDefault(message, "Rename " + from + " to " + to),
                    PageEdit.delete(from), PageEdit.write(to, content));
        }));
    }

    /**
     * Undoes what {@code revision} did to the page, keeping later edits; returns the new commit, or the page's
     * current revision (null if absent) when there is nothing left to undo.
     */
    public String revert(PagePath path, String revision, Author author, String message) {
        return revert(path, revision, author, message, Long.MAX_VALUE);
    }

    /** {@link #revert}, refusing with 413 a result larger than {@code maxPageBytes}. */
    public String revert(PagePath path, String revision, Author author, String message, long maxPageBytes) {
        Objects.requireNonNull(author, "author");
        return io(() -> reverts.revert(path, revision, author, message, maxPageBytes));
    }

    /** Commits that changed the page, newest first, including those made under earlier names. */
    public List<Change> history(PagePath path, int limit) {
        return history(path, limit, Integer.MAX_VALUE, new ListBudget(Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    /**
     * {@link #history}, each change with at most {@code messageChars} of its message and
     * {@link Change#MAX_LISTED_PAGES} pages, until {@code budget} is full.
     */
    public List<Change> history(PagePath path, int limit, int messageChars, ListBudget budget) {
        return io(() -> history.history(path, limit, listed(messageChars), budget));
    }

    /** Commits of the whole wiki, newest first; pass the last revision seen as {@code beforeRevision} to page on. */
    public List<Change> changelog(int limit, String beforeRevision) {
        return changelog(limit, beforeRevision, Integer.MAX_VALUE, new ListBudget(Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    /** {@link #changelog}, shaped and bounded as {@link #history(PagePath, int, int, ListBudget)} is. */
    public List<Change> changelog(int limit, String beforeRevision, int messageChars, ListBudget budget) {
        return io(() -> history.changelog(limit, beforeRevision, listed(messageChars), budget));
    }

    /**
     * Commits of the whole wiki with every page each touched and no message: for walks that look at pages rather
     * than answer with changes.
     */
    public List<Change> changedPages(int limit, String beforeRevision) {
        return io(() -> history.changelog(limit, beforeRevision, new GitHistory.Shape(0, Integer.MAX_VALUE),
                new ListBudget(Long.MAX_VALUE, Integer.MAX_VALUE)));
    }

    /** One commit, with at most {@code messageChars} of its message and {@code maxPages} pages. */
    public Change change(String revision, int messageChars, int maxPages) {
        String checked = RevisionId.check(revision);
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return history.change(walk.getObjectReader(), walk, Snapshot.parseRevision(walk, checked),
                        new GitHistory.Shape(messageChars, maxPages));
            }
        });
    }

    private static GitHistory.Shape listed(int messageChars) {
        return new GitHistory.Shape(messageChars, Change.MAX_LISTED_PAGES);
    }

    /** A unified diff of the page between two commits; empty if it is the same in both. */
    public String diff(PagePath path, String fromRevision, String toRevision) {
        return io(() -> diffs.diff(path, fromRevision, toRevision));
    }

    /** The pages at HEAD whose path starts with {@code prefix} (null: all), sorted. */
    public List<PagePath> list(String prefix) {
        List<PagePath> all = pagesAtHead().pages();
        return prefix == null || prefix.isEmpty() ? all
                : all.stream().filter(p -> p.value().startsWith(prefix)).toList();
    }

    public int pageCount() {
        return pagesAtHead().pages().size();
    }

    /** The page list at HEAD, kept until HEAD moves: page views and the sidebar ask for it on every request. */
    private PagesAtHead pagesAtHead() {
        return io(() -> {
            ObjectId head = Snapshot.headId(repo);
            PagesAtHead known = pagesAtHead;
            if (!Objects.equals(known.head(), head)) {
                try (RevWalk walk = new RevWalk(repo)) {
                    known = new PagesAtHead(head, List.copyOf(Snapshot.ofHead(walk, head, lastChanges).pages()));
                }
                pagesAtHead = known;
            }
            return known;
        });
    }

    /** Links out of the page's content at HEAD, and the pages whose content at HEAD links to it. */
    public PageLinks links(PagePath path) {
        return io(() -> links.links(path, Snapshot.headId(repo), this::outgoingLinks));
    }

    private Map<PagePath, List<PagePath>> outgoingLinks(ObjectId head) throws IOException {
        Map<PagePath, List<PagePath>> links = new HashMap<>();
        try (RevWalk walk = new RevWalk(repo)) {
            Snapshot snapshot = Snapshot.ofHead(walk, head, null);
            for (PagePath page : snapshot.pages()) {
                links.put(page, WikiLinks.targets(snapshot.text(page)));
            }
        }
        return links;
    }

    private static void requireRoom(Snapshot head, PagePath path) throws IOException {
        if (head.blocked(path)) {
            throw new WikifarmException.Conflict("path_conflict", "The page '" + path
                    + "' cannot be created because a file or folder of that name is in the way.");
        }
    }

    private static String orDefault(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
