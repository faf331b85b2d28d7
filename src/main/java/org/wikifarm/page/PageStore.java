package org.wikifarm.page;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.page.WriteGuard.Growth;

/**
 * Where one wiki's pages and their history are kept: what {@link PageService} and search need from storage, and all
 * they may know of it. One store per open wiki ({@link PageStores}), safe for concurrent use; no permission checks
 * here, those are {@link PageService}'s. Every write decides against one state of the wiki and commits on top of
 * exactly that state, under the store's lock: its answer (the page as written, whether it was created) is that
 * commit's, never a later writer's. Failures a user can cause are {@code WikifarmException}s; others are unchecked.
 */
public interface PageStore {
    /** The current commit, or null while the wiki has none. */
    String head();

    /** The page at the current commit. */
    Optional<Page> read(PagePath path);

    /** The page as of a commit; empty if it did not exist then, {@link RevisionNotFoundException} for an unknown one. */
    Optional<Page> read(PagePath path, String revision);

    /** The commit that last changed the page as of the current commit, or null if the page does not exist. */
    String lastChange(PagePath path);

    /** A page's text as of a commit; {@code text} is null when the page was larger than the reader asked for. */
    record Text(long bytes, String text) {
        public boolean tooLarge() {
            return text == null;
        }
    }

    /**
     * The pages' texts as of one commit, however the wiki moves meanwhile; pages absent there are left out, and a
     * page over {@code maxBytes} is measured but not read.
     */
    Map<PagePath, Text> readAt(String revision, Collection<PagePath> paths, long maxBytes);

    /** The pages' sizes in bytes as of one commit, without reading them; pages absent there are left out. */
    Map<PagePath, Long> sizesAt(String revision, Collection<PagePath> paths);

    /** The pages as of one commit, sorted. */
    List<PagePath> listAt(String revision);

    /** The current pages whose path starts with {@code prefix} (null: all), sorted. */
    List<PagePath> list(String prefix);

    /**
     * As {@link #list(String)}, only the pages whose front matter {@code filter} keeps; answered from what the wiki
     * keeps of every page with its links, so no page is read.
     */
    List<PagePath> filed(String prefix, PageFilter filter);

    /** How many pages there are now. */
    int pageCount();

    /** How many files there are now that are not pages (attachments, anything a push brought). */
    int otherFileCount();

    /** The current pages whose last change is at or after {@code since}, with its date (the commit's author date). */
    Map<PagePath, Instant> changedSince(Instant since);

    /** Links out of the page's current content, and the current pages that link to it. */
    PageLinks links(PagePath path);

    /** The current pages that no other page links to (a link to itself does not count). */
    List<PagePath> unlinked();

    /**
     * Commits that changed the page, newest first, including those made under earlier names; each with at most
     * {@code messageChars} of its message and {@link Change#MAX_LISTED_PAGES} pages, until {@code budget} is full.
     */
    List<Change> history(PagePath path, int limit, int messageChars, ListBudget budget);

    /** Commits of the whole wiki, newest first, after {@code beforeRevision} (null: from the current one). */
    List<Change> changelog(int limit, String beforeRevision, int messageChars, ListBudget budget);

    /** One commit, with at most {@code messageChars} of its message and {@code maxPages} pages. */
    Change change(String revision, int messageChars, int maxPages);

    /** The commit before {@code revision} (its first parent), or null for the repository's first commit. */
    String parent(String revision);

    /**
     * Who last changed each line of the page as of {@code revision} (null: the current commit), following renames as
     * {@link #history} does: {@link PageNotFoundException} if the page does not exist there, a page over
     * {@code maxPageBytes} is refused, and the walk stops (an incomplete answer) when {@code deadline} passes or after
     * {@code maxCommits} commits that changed the page.
     */
    Blame blame(PagePath path, String revision, long maxPageBytes, int maxCommits, Deadline deadline);

    /** A unified diff of the page between two commits; empty if it is the same in both. */
    String diff(PagePath path, String fromRevision, String toRevision);

    /** A unified diff between two texts of the page, e.g. someone else's version and yours. */
    String compare(PagePath path, String before, String after);

    /**
     * Writes the page if {@code baseRevision} is still its last change (null: the page must not exist yet); with
     * nothing to write when the content is unchanged.
     */
    default Saved save(PagePath path, String content, String baseRevision, Author author, String message) {
        return save(path, content, baseRevision, author, message, NO_GUARD);
    }

    /**
     * Every write below takes a {@code guard}: before anything is stored, under the store's write lock, it is told
     * what the write would add to the wiki as decided against the same state (pages created minus deleted, bytes of
     * page content written minus freed) and may throw to refuse it ({@link WriteGuard}). It is not asked when there
     * is nothing to write, and may be asked again when the write is retried on top of another writer's commit.
     */
    Saved save(PagePath path, String content, String baseRevision, Author author, String message,
               Consumer<Growth> guard);

    /** A guard that allows everything. */
    Consumer<Growth> NO_GUARD = growth -> { };

    /**
     * Replaces the one occurrence of the replacement's old text in the page, if {@code baseRevision} is still its
     * last change; the stale check and the match are made against the same commit. A result over
     * {@code maxPageBytes} is refused.
     */
    default Saved edit(PagePath path, String baseRevision, Replacement replacement, Author author, String message,
                       long maxPageBytes) {
        return edit(path, baseRevision, replacement, author, message, maxPageBytes, NO_GUARD);
    }

    Saved edit(PagePath path, String baseRevision, Replacement replacement, Author author, String message,
               long maxPageBytes, Consumer<Growth> guard);

    /** Deletes the page ({@code baseRevision} null skips the stale check); returns the deleting commit. */
    default String delete(PagePath path, String baseRevision, Author author, String message) {
        return delete(path, baseRevision, author, message, NO_GUARD);
    }

    String delete(PagePath path, String baseRevision, Author author, String message, Consumer<Growth> guard);

    /**
     * Moves the page in one commit; with {@code relink}, the same commit points every wiki link to {@code from} in
     * the wiki's pages at {@code to} (a page the rewrite would make larger than {@code maxPageBytes} is refused).
     */
    default Renamed rename(PagePath from, PagePath to, Author author, String message, boolean relink,
                           long maxPageBytes) {
        return rename(from, to, author, message, relink, maxPageBytes, NO_GUARD);
    }

    Renamed rename(PagePath from, PagePath to, Author author, String message, boolean relink, long maxPageBytes,
                   Consumer<Growth> guard);

    /** Undoes what {@code revision} did to the page, keeping later edits; a result over {@code maxPageBytes} is refused. */
    default Reverted revert(PagePath path, String revision, Author author, String message, long maxPageBytes) {
        return revert(path, revision, author, message, maxPageBytes, NO_GUARD);
    }

    Reverted revert(PagePath path, String revision, Author author, String message, long maxPageBytes,
                    Consumer<Growth> guard);

    /**
     * Brings a deleted page back as it was last before it was deleted, in a new commit: {@link PageExistsException}
     * if it exists, {@link PageNotFoundException} if it never did; a version over {@code maxPageBytes} is refused.
     */
    default Saved restore(PagePath path, Author author, String message, long maxPageBytes) {
        return restore(path, author, message, maxPageBytes, NO_GUARD);
    }

    Saved restore(PagePath path, Author author, String message, long maxPageBytes, Consumer<Growth> guard);

    /**
     * Makes the commits a {@code git push} brought (already stored, unreachable until now) the wiki's: moves the
     * branch from {@code oldHead} (null: the wiki has no commit) to {@code newHead}, a descendant of it. First every
     * file that the new commits (at most {@code maxCommits}) add or change is checked ({@link PushedFiles}), then
     * {@code accept} is told what would change and may throw to refuse, under the store's write lock; then the branch
     * moves by compare-and-set under that same lock. If the branch is no longer at {@code oldHead} (a page was saved
     * meanwhile) the push is refused as not a fast-forward, and nothing a page write made is lost. On any refusal the
     * branch stays where it was.
     */
    default Pushed push(String oldHead, String newHead, long maxPageBytes, int maxCommits, Consumer<Pushed> accept) {
        return push(oldHead, newHead, maxPageBytes, 0, maxCommits, accept);
    }

    /**
     * As {@link #push(String, String, long, int, Consumer)}, and files attached to pages ({@code Page/diagram.png})
     * are accepted within {@code maxFileBytes} (0: none); their bytes count in the push's content delta.
     */
    Pushed push(String oldHead, String newHead, long maxPageBytes, long maxFileBytes, int maxCommits,
                Consumer<Pushed> accept);

    // ---- files attached to pages (beside the page: Folder/Page.md and Folder/Page/diagram.png)

    /** A stored file: its blob id (which never changes for the same bytes) and its bytes. */
    record StoredFile(String id, byte[] content) {
    }

    /** The files attached to the page now, sorted by name; {@link PageNotFoundException} if the page does not exist. */
    List<Attachment> attachments(PagePath page);

    /** The id of one of the page's files now, without reading it; empty if it has none of that name. */
    Optional<String> attachmentId(PagePath page, AttachmentName name);

    /** One of the page's files now; empty if it has none of that name. */
    Optional<StoredFile> attachment(PagePath page, AttachmentName name);

    /**
     * Attaches the files to the page in one commit (a file of the same name is replaced), if the page exists; the
     * guard is told the exact growth in bytes (new sizes minus replaced ones) before anything is stored.
     */
    Uploaded attach(PagePath page, Map<AttachmentName, byte[]> files, Author author, String message,
                    Consumer<Growth> guard);

    /** Deletes one of the page's files; returns the deleting commit. */
    String detach(PagePath page, AttachmentName name, Author author, String message, Consumer<Growth> guard);

    /** Renames one of the page's files (the same blob under the new name, so git sees a rename). */
    Attachment renameAttachment(PagePath page, AttachmentName from, AttachmentName to, Author author,
                                String message, Consumer<Growth> guard);

    /** The commits that changed one of the page's files, newest first, at most {@code limit}. */
    List<Change> attachmentHistory(PagePath page, AttachmentName name, int limit, int messageChars);
}
