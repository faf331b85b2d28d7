package org.wikifarm.page.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.page.Attachment;
import org.wikifarm.page.AttachmentName;
import org.wikifarm.page.Author;
import org.wikifarm.page.Blame;
import org.wikifarm.page.Change;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.LastChangeRecords;
import org.wikifarm.page.Page;
import org.wikifarm.page.PageExistsException;
import org.wikifarm.page.PageFilter;
import org.wikifarm.page.PageLinks;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.Pushed;
import org.wikifarm.page.Renamed;
import org.wikifarm.page.Replacement;
import org.wikifarm.page.Reverted;
import org.wikifarm.page.RevisionId;
import org.wikifarm.page.Saved;
import org.wikifarm.page.Uploaded;
import org.wikifarm.page.StaleRevisionException;
import org.wikifarm.page.WikiLinks;
import org.wikifarm.page.WriteGuard.Growth;
import org.wikifarm.page.git.GitCommitter.Plan;

/**
 * One wiki's pages in a bare git repository: page {@code a/b} is the file {@code a/b.md} on
 * {@code refs/heads/main}. Safe for concurrent use; writes are serialised per store and still tolerate other
 * writers of the same repository (a {@code git push}). Failures to read or write the repository surface as
 * {@link UncheckedIOException}; everything a user can cause is a {@link WikifarmException}. The caller owns the
 * {@link Repository} and closes it; keep one store per open repository so its caches and write lock are shared.
 */
public final class GitPageStore implements PageStore {
    private final Repository repo;
    private final LastChangeCache lastChanges;
    private final java.util.function.Supplier<WikiLinkOrder> linkOrder;
    private final LinkGraph links;
    private final PageList pageList;
    private final GitCommitter committer;
    private final GitHistory history;
    private final GitDiff diffs;
    private final GitBlame blames;
    private final GitRevert reverts;
    private final GitPush pushes;
    private final GitAttachments attachments;

    /** A store that keeps its last-change answers in memory only (each new store walks history once), on UTC time. */
    public GitPageStore(Repository repo) {
        this(repo, LastChangeRecords.NONE, Clock.systemUTC());
    }

    /**
     * A store that keeps its last-change answers in {@code records} too, so a restart starts from them, and dates its
     * commits by {@code clock}.
     */
    public GitPageStore(Repository repo, LastChangeRecords records, Clock clock) {
        this(repo, records, clock, () -> WikiLinkOrder.DEFAULT);
    }

    /** As above, in a wiki whose wiki links name their page in the order {@code linkOrder} says at the moment. */
    public GitPageStore(Repository repo, LastChangeRecords records, Clock clock,
                        java.util.function.Supplier<WikiLinkOrder> linkOrder) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.linkOrder = Objects.requireNonNull(linkOrder, "linkOrder");
        this.links = new LinkGraph(linkOrder);
        this.lastChanges = new LastChangeCache(repo, Objects.requireNonNull(records, "records"));
        this.pageList = new PageList(this::pagesOf);
        this.committer = new GitCommitter(repo, lastChanges,
                List.of(lastChanges::committed, links::committed, pageList::committed), clock);
        this.history = new GitHistory(repo);
        this.diffs = new GitDiff(repo);
        this.blames = new GitBlame(repo);
        this.reverts = new GitRevert(repo, committer, history);
        this.pushes = new GitPush(repo, committer);
        this.attachments = new GitAttachments(repo, committer);
    }

    @Override
    public String head() {
        return io(() -> {
            ObjectId head = Snapshot.headId(repo);
            return head == null ? null : head.name();
        });
    }

    @Override
    public Optional<Page> read(PagePath path) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofHead(walk, Snapshot.headId(repo), lastChanges).page(path);
            }
        });
    }

    @Override
    public Optional<Page> read(PagePath path, String revision) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofRevision(walk, revision).page(path);
            }
        });
    }

    @Override
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

    @Override
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

    @Override
    public List<PagePath> listAt(String revision) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofRevision(walk, revision).pages();
            }
        });
    }

    @Override
    public String lastChange(PagePath path) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                return Snapshot.ofHead(walk, Snapshot.headId(repo), lastChanges).lastChange(path);
            }
        });
    }

    /**
     * Walks the commits from HEAD, newest first, while they are at or after {@code since} (as a changelog would,
     * without diffing them: the last-change answers say which pages each one last changed), letting each body go at
     * once, as pushed commits can carry megabytes of message. So the cost is the commits since then, not the pages.
     */
    @Override
    public Map<PagePath, Instant> changedSince(Instant since) {
        Objects.requireNonNull(since, "since");
        return io(() -> {
            Map<PagePath, Instant> changed = new HashMap<>();
            try (RevWalk walk = new RevWalk(repo)) {
                ObjectId headId = Snapshot.headId(repo);
                if (headId == null) {
                    return changed;
                }
                Map<String, Instant> recent = new HashMap<>();
                walk.markStart(walk.parseCommit(headId));
                for (RevCommit commit : walk) {
                    Instant date = commit.getAuthorIdent().getWhenAsInstant();
                    commit.disposeBody();
                    if (date.isBefore(since)) {
                        break;
                    }
                    recent.put(commit.name(), date);
                }
                try (RevWalk answers = new RevWalk(repo)) {
                    Snapshot head = Snapshot.ofHead(answers, headId, lastChanges);
                    for (PagePath page : pageList.at(headId)) {
                        Instant date = recent.get(head.lastChange(page));
                        if (date != null) {
                            changed.put(page, date);
                        }
                    }
                }
            }
            return changed;
        });
    }

    @Override
    public Saved save(PagePath path, String content, String baseRevision, Author author, String message,
                      Consumer<Growth> guard) {
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
                return Plan.nothing(new Saved(head.page(path).orElseThrow(), false));
            }
            if (old == null) {
                requireRoom(head, path);
            }
            boolean created = old == null;
            return Plan.commit(orDefault(message, (created ? "Create " : "Update ") + path),
                    commit -> new Saved(commit.page(path, bytes), created), PageEdit.write(path, bytes));
        }, guard));
    }

    @Override
    public Saved edit(PagePath path, String baseRevision, Replacement replacement, Author author, String message,
                      long maxPageBytes, Consumer<Growth> guard) {
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(author, "author");
        String base = RevisionId.check(baseRevision);
        return io(() -> committer.commit(author, head -> {
            String current = head.lastChange(path);
            if (current == null) {
                throw new PageNotFoundException(path);
            }
            if (!base.equals(current)) {
                throw new StaleRevisionException(base, current);
            }
            String text = head.text(path);
            byte[] bytes = replacement.applyTo(path, base, text).getBytes(StandardCharsets.UTF_8);
            requireSize(bytes, maxPageBytes, "This edit would make the page");
            if (Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8))) {
                return Plan.nothing(new Saved(head.page(path).orElseThrow(), false));
            }
            return Plan.commit(orDefault(message, "Update " + path), commit -> new Saved(commit.page(path, bytes),
                    false), PageEdit.write(path, bytes));
        }, guard));
    }

    @Override
    public String delete(PagePath path, String baseRevision, Author author, String message,
                         Consumer<Growth> guard) {
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
            return Plan.commit(orDefault(message, "Delete " + path), GitCommitter.Commit::revision,
                    List.of(PageEdit.delete(path)), GitAttachments.removed(head, path));
        }, guard));
    }

    /**
     * The same blob on both sides when no link changes, so git (and history) see a rename. The pages to relink are
     * the backlinks of {@code from} at the HEAD this write decides on, each rewritten by the one grammar.
     */
    @Override
    public Renamed rename(PagePath from, PagePath to, Author author, String message, boolean relink,
                          long maxPageBytes, Consumer<Growth> guard) {
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
            List<PageEdit> edits = new ArrayList<>(List.of(PageEdit.delete(from)));
            List<PagePath> relinked = new ArrayList<>();
            byte[] moved = content;
            if (relink) {
                ObjectId at = head.commit().copy();
                for (PagePath source : links.links(from, at, this::outgoingLinks).backlinks()) {
                    byte[] rewritten = relinked(source.equals(from) ? content : head.bytes(source), from, to,
                            maxPageBytes);
                    if (rewritten == null) {
                        continue;
                    }
                    if (source.equals(from)) {
                        moved = rewritten;
                    } else {
                        edits.add(PageEdit.write(source, rewritten));
                        relinked.add(source);
                    }
                }
            }
            byte[] written = moved;
            edits.add(PageEdit.write(to, written));
            return Plan.commit(orDefault(message, "Rename " + from + " to " + to),
                    commit -> new Renamed(commit.page(to, written), relinked), edits,
                    GitAttachments.moved(head, from, to));
        }, guard));
    }

    /** The page's text with its links to {@code from} pointing at {@code to}, or null when it has none. */
    private byte[] relinked(byte[] content, PagePath from, PagePath to, long maxPageBytes) {
        String rewritten = WikiLinks.retarget(new String(content, StandardCharsets.UTF_8), from, to,
                linkOrder.get());
        if (rewritten == null) {
            return null;
        }
        byte[] bytes = rewritten.getBytes(StandardCharsets.UTF_8);
        requireSize(bytes, maxPageBytes, "Updating its links would make a page");
        return bytes;
    }

    @Override
    public Reverted revert(PagePath path, String revision, Author author, String message, long maxPageBytes,
                           Consumer<Growth> guard) {
        Objects.requireNonNull(author, "author");
        return io(() -> reverts.revert(path, revision, author, message, maxPageBytes, guard));
    }

    @Override
    public Pushed push(String oldHead, String newHead, long maxPageBytes, long maxFileBytes, int maxCommits,
                       Consumer<Pushed> accept) {
        return io(() -> pushes.push(oldHead, newHead, maxPageBytes, maxFileBytes, maxCommits, accept));
    }

    @Override
    public Saved restore(PagePath path, Author author, String message, long maxPageBytes,
                         Consumer<Growth> guard) {
        Objects.requireNonNull(author, "author");
        return io(() -> committer.commit(author, head -> {
            if (head.bytes(path) != null) {
                throw new PageExistsException(path);
            }
            GitRestore.LastVersion last = GitRestore.lastVersion(head, path);
            if (last == null) {
                throw new WikifarmException.NotFound("page_never_existed", "The page '" + path
                        + "' has never existed, so there is nothing to restore.");
            }
            requireSize(last.page(), maxPageBytes, "Restoring would make the page");
            requireRoom(head, path);
            return Plan.commit(orDefault(message, "Restore " + path), commit -> new Saved(commit.page(path,
                    last.page()), true), List.of(PageEdit.write(path, last.page())),
                    GitAttachments.restored(head, path, last.files()));
        }, guard));
    }

    @Override
    public List<Change> history(PagePath path, int limit, int messageChars, ListBudget budget) {
        return io(() -> history.history(path, limit, listed(messageChars), budget));
    }

    /** {@link #history(PagePath, int, int, ListBudget)} without bounds, for tools and tests. */
    public List<Change> history(PagePath path, int limit) {
        return history(path, limit, Integer.MAX_VALUE, new ListBudget(Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Override
    public List<Change> changelog(int limit, String beforeRevision, int messageChars, ListBudget budget) {
        return io(() -> history.changelog(limit, beforeRevision, listed(messageChars), budget));
    }

    /** {@link #changelog(int, String, int, ListBudget)} without bounds, for tools and tests. */
    public List<Change> changelog(int limit, String beforeRevision) {
        return changelog(limit, beforeRevision, Integer.MAX_VALUE, new ListBudget(Long.MAX_VALUE, Integer.MAX_VALUE));
    }

    @Override
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

    @Override
    public String parent(String revision) {
        return io(() -> {
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = Snapshot.parseRevision(walk, revision);
                return commit.getParentCount() == 0 ? null : commit.getParent(0).name();
            }
        });
    }

    @Override
    public Blame blame(PagePath path, String revision, long maxPageBytes, int maxCommits, Deadline deadline) {
        return io(() -> blames.blame(path, revision, maxPageBytes, maxCommits, deadline));
    }

    @Override
    public String diff(PagePath path, String fromRevision, String toRevision) {
        return io(() -> diffs.diff(path, fromRevision, toRevision));
    }

    @Override
    public String compare(PagePath path, String before, String after) {
        return io(() -> GitDiff.unified(path, before.getBytes(StandardCharsets.UTF_8),
                after.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<PagePath> list(String prefix) {
        List<PagePath> all = io(() -> pageList.at(Snapshot.headId(repo)));
        return prefix == null || prefix.isEmpty() ? all
                : all.stream().filter(p -> p.value().startsWith(prefix)).toList();
    }

    @Override
    public int pageCount() {
        return list(null).size();
    }

    /** Walks HEAD's tree once: bounded by the files of the wiki, meant for the usage job, not for every request. */
    @Override
    public int otherFileCount() {
        return io(() -> {
            ObjectId headId = Snapshot.headId(repo);
            if (headId == null) {
                return 0;
            }
            int count = 0;
            try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(walk.parseCommit(headId).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    if (!tree.getPathString().endsWith(".md")) {
                        count++;
                    }
                }
            }
            return count;
        });
    }

    @Override
    public PageLinks links(PagePath path) {
        return io(() -> links.links(path, Snapshot.headId(repo), this::outgoingLinks));
    }

    @Override
    public List<PagePath> unlinked() {
        return io(() -> {
            ObjectId head = Snapshot.headId(repo);
            return links.unlinked(pageList.at(head), head, this::outgoingLinks);
        });
    }

    private List<PagePath> pagesOf(ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return Snapshot.ofHead(walk, commit, null).pages();
        }
    }

    @Override
    public List<PagePath> filed(String prefix, PageFilter filter) {
        return io(() -> {
            ObjectId head = Snapshot.headId(repo);
            List<PagePath> pages = pageList.at(head).stream()
                    .filter(p -> prefix == null || p.value().startsWith(prefix)).toList();
            return filter.any() ? pages : links.filed(pages, filter, head, this::outgoingLinks);
        });
    }

    private Map<PagePath, WikiLinks.Facts> outgoingLinks(ObjectId head, WikiLinkOrder order) throws IOException {
        Map<PagePath, WikiLinks.Facts> links = new HashMap<>();
        try (RevWalk walk = new RevWalk(repo)) {
            Snapshot snapshot = Snapshot.ofHead(walk, head, null);
            for (PagePath page : snapshot.pages()) {
                links.put(page, WikiLinks.facts(snapshot.text(page), order));
            }
        }
        return links;
    }

    @Override
    public List<Attachment> attachments(PagePath page) {
        return io(() -> atHead(head -> attachments.list(head, page)));
    }

    @Override
    public Optional<String> attachmentId(PagePath page, AttachmentName name) {
        return io(() -> atHead(head -> attachments.id(head, page, name)));
    }

    @Override
    public Optional<StoredFile> attachment(PagePath page, AttachmentName name) {
        return io(() -> atHead(head -> attachments.read(head, page, name)));
    }

    @Override
    public Uploaded attach(PagePath page, Map<AttachmentName, byte[]> files, Author author, String message,
                           Consumer<Growth> guard) {
        Objects.requireNonNull(author, "author");
        return io(() -> attachments.attach(page, files, author, message, guard));
    }

    @Override
    public String detach(PagePath page, AttachmentName name, Author author, String message, Consumer<Growth> guard) {
        Objects.requireNonNull(author, "author");
        return io(() -> attachments.detach(page, name, author, message, guard));
    }

    @Override
    public Attachment renameAttachment(PagePath page, AttachmentName from, AttachmentName to, Author author,
                                       String message, Consumer<Growth> guard) {
        Objects.requireNonNull(author, "author");
        return io(() -> attachments.rename(page, from, to, author, message, guard));
    }

    @Override
    public List<Change> attachmentHistory(PagePath page, AttachmentName name, int limit, int messageChars) {
        return io(() -> atHead(head -> attachments.history(head, page, name, limit, messageChars)));
    }

    private interface AtHead<T> {
        T read(Snapshot head) throws IOException;
    }

    private <T> T atHead(AtHead<T> read) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return read.read(Snapshot.ofHead(walk, Snapshot.headId(repo), null));
        }
    }

    private static void requireRoom(Snapshot head, PagePath path) throws IOException {
        if (head.blocked(path)) {
            throw new WikifarmException.Conflict("path_conflict", "The page '" + path
                    + "' cannot be created because a file or folder of that name is in the way.");
        }
    }

    /** Text a write makes under the lock (an edit, a rewrite, a restore) is bounded like text a person sends. */
    private static void requireSize(byte[] bytes, long maxPageBytes, String what) {
        if (bytes.length > maxPageBytes) {
            throw new WikifarmException.TooLarge(String.format(Locale.ROOT,
                    "%s %,d bytes long, more than the %,d bytes of text (UTF-8) a page may have.", what,
                    bytes.length, maxPageBytes));
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
