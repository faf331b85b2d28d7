package org.wikifarm.page.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.Text;
import org.wikifarm.page.Attachment;
import org.wikifarm.page.AttachmentName;
import org.wikifarm.page.Author;
import org.wikifarm.page.Change;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageStore.StoredFile;
import org.wikifarm.page.Uploaded;
import org.wikifarm.page.WriteGuard.Growth;
import org.wikifarm.page.git.GitCommitter.Plan;

/**
 * The files attached to pages, kept beside them in the repository ({@code Folder/Page.md} and
 * {@code Folder/Page/diagram.png}), so a clone has them and each has git's history. Every write is one commit
 * through the store's {@link GitCommitter}: under its lock, decided against one HEAD, the guard told the exact growth
 * in bytes before anything is stored. A page's files move and go with the page ({@link #moved}, {@link #removed}).
 */
final class GitAttachments {
    /** How many commits a file's history looks through at most, so a rarely changed file costs a bounded walk. */
    static final int MAX_SCANNED_COMMITS = 20_000;

    private final Repository repo;
    private final GitCommitter committer;

    GitAttachments(Repository repo, GitCommitter committer) {
        this.repo = repo;
        this.committer = committer;
    }

    List<Attachment> list(Snapshot head, PagePath page) throws IOException {
        requirePage(head, page);
        List<Attachment> files = new ArrayList<>();
        for (Snapshot.Attached attached : head.attachments(page)) {
            files.add(new Attachment(attached.name().value(), attached.bytes(), attached.blob().name()));
        }
        return files;
    }

    Optional<String> id(Snapshot head, PagePath page, AttachmentName name) throws IOException {
        requirePage(head, page);
        ObjectId blob = head.fileBlob(name.file(page));
        return Optional.ofNullable(blob).map(ObjectId::name);
    }

    Optional<StoredFile> read(Snapshot head, PagePath page, AttachmentName name) throws IOException {
        requirePage(head, page);
        ObjectId blob = head.fileBlob(name.file(page));
        if (blob == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(blob.name(),
                head.reader().open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE)));
    }

    Uploaded attach(PagePath page, Map<AttachmentName, byte[]> files, Author author, String message,
                    Consumer<Growth> guard) throws IOException {
        return committer.commit(author, head -> {
            requirePage(head, page);
            List<FileEdit> edits = new ArrayList<>();
            for (Map.Entry<AttachmentName, byte[]> file : files.entrySet()) {
                String path = file.getKey().file(page);
                requireRoom(head, page, path, file.getKey());
                byte[] old = head.fileBlob(path) == null ? null : read(head, page, file.getKey()).orElseThrow()
                        .content();
                if (old == null || !Arrays.equals(old, file.getValue())) {
                    edits.add(FileEdit.write(path, file.getValue()));
                }
            }
            List<String> names = files.keySet().stream().map(AttachmentName::value).toList();
            List<Attachment> stored = new ArrayList<>();
            try (ObjectInserter.Formatter ids = new ObjectInserter.Formatter()) {
                files.forEach((name, bytes) -> stored.add(new Attachment(name.value(), bytes.length,
                        ids.idFor(Constants.OBJ_BLOB, bytes).name())));
            }
            if (edits.isEmpty()) {
                return Plan.nothing(new Uploaded(stored, null));
            }
            return Plan.commit(orDefault(message, "Attach " + String.join(", ", names) + " to " + page),
                    commit -> new Uploaded(stored, commit.revision()), List.of(), edits);
        }, guard);
    }

    String detach(PagePath page, AttachmentName name, Author author, String message, Consumer<Growth> guard)
            throws IOException {
        return committer.commit(author, head -> {
            requirePage(head, page);
            if (head.fileBlob(name.file(page)) == null) {
                throw notFound(page, name);
            }
            return Plan.commit(orDefault(message, "Delete " + name + " of " + page), GitCommitter.Commit::revision,
                    List.of(), List.of(FileEdit.delete(name.file(page))));
        }, guard);
    }

    Attachment rename(PagePath page, AttachmentName from, AttachmentName to, Author author, String message,
                      Consumer<Growth> guard) throws IOException {
        return committer.commit(author, head -> {
            requirePage(head, page);
            ObjectId blob = head.fileBlob(from.file(page));
            if (blob == null) {
                throw notFound(page, from);
            }
            if (from.equals(to) || head.occupied(to.file(page))) {
                throw new WikifarmException.Conflict("file_exists", "The page '" + page + "' already has a file"
                        + " (or folder) named '" + to + "'.");
            }
            long size = head.reader().getObjectSize(blob, Constants.OBJ_BLOB);
            ObjectId moved = blob.copy();
            return Plan.commit(orDefault(message, "Rename " + from + " of " + page + " to " + to),
                    commit -> new Attachment(to.value(), size, moved.name()), List.of(),
                    List.of(FileEdit.delete(from.file(page)), FileEdit.place(to.file(page), moved)));
        }, guard);
    }

    /** The commits that changed the file, newest first: at most {@code limit}, each with a bounded message. */
    List<Change> history(Snapshot head, PagePath page, AttachmentName name, int limit, int messageChars)
            throws IOException {
        requirePage(head, page);
        List<Change> changes = new ArrayList<>();
        if (head.commit() == null) {
            return changes;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(name.file(page)), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(head.commit()));
            int scanned = 0;
            for (RevCommit commit : walk) {
                if (changes.size() >= limit || ++scanned > MAX_SCANNED_COMMITS) {
                    break;
                }
                GitHistory.Message text = GitHistory.message(commit, messageChars);
                var who = commit.getAuthorIdent();
                changes.add(new Change(commit.name(), Text.head(who.getName(), Change.MAX_IDENT_CHARS),
                        Text.head(who.getEmailAddress(), Change.MAX_IDENT_CHARS), who.getWhenAsInstant(),
                        text.text(), List.of(), text.truncated(), false));
                commit.disposeBody();
            }
        }
        if (changes.isEmpty()) {
            throw notFound(page, name);
        }
        return changes;
    }

    /** The edits that move the page's files along with a rename of the page to {@code to}. */
    static List<FileEdit> moved(Snapshot head, PagePath from, PagePath to) throws IOException {
        List<FileEdit> edits = new ArrayList<>();
        for (Snapshot.Attached attached : head.attachments(from)) {
            String target = attached.name().file(to);
            if (head.occupied(target)) {
                throw new WikifarmException.Conflict("file_exists", "The page cannot be renamed to '" + to
                        + "': its folder already holds a file or folder named '" + attached.name() + "'.");
            }
            edits.add(FileEdit.delete(attached.name().file(from)));
            edits.add(FileEdit.place(target, attached.blob()));
        }
        return edits;
    }

    /** The edits that delete the page's files along with the page. */
    static List<FileEdit> removed(Snapshot head, PagePath page) throws IOException {
        List<FileEdit> edits = new ArrayList<>();
        for (Snapshot.Attached attached : head.attachments(page)) {
            edits.add(FileEdit.delete(attached.name().file(page)));
        }
        return edits;
    }

    /**
     * The edits that bring a restored page's files back (the files it had when it was deleted, as they were), except
     * where something now takes a file's place: what is there now is kept.
     */
    static List<FileEdit> restored(Snapshot head, PagePath page, List<Snapshot.Attached> files) throws IOException {
        List<FileEdit> edits = new ArrayList<>();
        for (Snapshot.Attached attached : files) {
            String file = attached.name().file(page);
            if (!head.occupied(file)) {
                edits.add(FileEdit.place(file, attached.blob()));
            }
        }
        return edits;
    }

    private static void requirePage(Snapshot head, PagePath page) throws IOException {
        if (head.size(page) < 0) {
            throw new PageNotFoundException(page);
        }
    }

    private static void requireRoom(Snapshot head, PagePath page, String path, AttachmentName name)
            throws IOException {
        if (head.occupied(path) && head.fileBlob(path) == null) {
            throw new WikifarmException.Conflict("path_conflict", "The page '" + page + "' has a sub-folder named '"
                    + name + "', so no file can have that name.");
        }
    }

    static WikifarmException notFound(PagePath page, AttachmentName name) {
        return new WikifarmException.NotFound("attachment_not_found", String.format(Locale.ROOT,
                "The page '%s' has no file named '%s'.", page, name));
    }

    private static String orDefault(String message, String fallback) {
        return message == null || message.isBlank() ? fallback : message;
    }
}
