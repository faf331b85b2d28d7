package org.wikifarm.page.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.wikifarm.page.AttachmentName;
import org.wikifarm.page.Page;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.RevisionId;
import org.wikifarm.page.RevisionNotFoundException;

/**
 * The wiki as of one commit, read through the caller's {@link RevWalk}; valid until that walk closes. Reads
 * and writes both go through it, so "what is the page now" has one answer for each commit.
 */
final class Snapshot {
    static final String BRANCH = Constants.R_HEADS + "main";

    private final RevWalk walk;
    private final RevCommit commit;
    private final LastChangeCache cache;

    private Snapshot(RevWalk walk, RevCommit commit, LastChangeCache cache) {
        this.walk = walk;
        this.commit = commit;
        this.cache = cache;
    }

    /** The id {@code refs/heads/main} points at, or null while the wiki has no commit. */
    static ObjectId headId(Repository repo) throws IOException {
        Ref ref = repo.exactRef(BRANCH);
        return ref == null ? null : ref.getObjectId();
    }

    /** The wiki at the given HEAD id (null: empty); last changes come from the store's cache. */
    static Snapshot ofHead(RevWalk walk, ObjectId head, LastChangeCache cache) throws IOException {
        return new Snapshot(walk, head == null ? null : walk.parseCommit(head), cache);
    }

    /** The wiki at a commit already parsed by {@code walk}, without last-change answers. */
    static Snapshot ofCommit(RevWalk walk, RevCommit commit) {
        return new Snapshot(walk, commit, null);
    }

    /** The wiki at a caller-given revision; {@link RevisionNotFoundException} if it is not a commit here. */
    static Snapshot ofRevision(RevWalk walk, String revision) throws IOException {
        return new Snapshot(walk, parseRevision(walk, revision), null);
    }

    static RevCommit parseRevision(RevWalk walk, String revision) throws IOException {
        String id = RevisionId.check(revision);
        try {
            return walk.parseCommit(ObjectId.fromString(id));
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new RevisionNotFoundException(id);
        }
    }

    /** The commit this snapshot shows, or null for an empty wiki. */
    RevCommit commit() {
        return commit;
    }

    ObjectReader reader() {
        return walk.getObjectReader();
    }

    /** The page's bytes, or null if it does not exist here. */
    byte[] bytes(PagePath path) throws IOException {
        ObjectId blob = commit == null ? null : blob(path.file());
        return blob == null ? null : reader().open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    /** The page's size in bytes without reading it, or -1 if it does not exist here. */
    long size(PagePath path) throws IOException {
        ObjectId blob = commit == null ? null : blob(path.file());
        return blob == null ? -1 : reader().getObjectSize(blob, Constants.OBJ_BLOB);
    }

    String text(PagePath path) throws IOException {
        byte[] bytes = bytes(path);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The commit that last changed the page at or before this one, or null if the page does not exist here. */
    String lastChange(PagePath path) throws IOException {
        if (commit == null) {
            return null;
        }
        return cache != null ? cache.at(reader(), commit, path) : LastChangeCache.find(reader(), commit, path);
    }

    Optional<Page> page(PagePath path) throws IOException {
        String content = text(path);
        if (content == null) {
            return Optional.empty();
        }
        RevCommit changed = walk.parseCommit(ObjectId.fromString(lastChange(path)));
        return Optional.of(new Page(path, content, changed.name(), changed.getAuthorIdent().getName(),
                changed.getAuthorIdent().getWhenAsInstant()));
    }

    /**
     * Whether creating the page would put a file where a folder is or the other way round ({@code a.md} next
     * to {@code a.md/b.md}); git cannot store both, and the DirCache would silently drop one of them.
     */
    boolean blocked(PagePath path) throws IOException {
        if (commit == null) {
            return false;
        }
        String file = path.file();
        for (int slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) {
            FileMode mode = mode(file.substring(0, slash));
            if (mode != null && !isTree(mode)) {
                return true;
            }
        }
        FileMode mode = mode(file);
        return mode != null && isTree(mode);
    }

    /** All pages, sorted by path; files that are not valid page names (images, README) are left out. */
    List<PagePath> pages() throws IOException {
        List<PagePath> pages = new ArrayList<>();
        if (commit == null) {
            return pages;
        }
        try (TreeWalk tw = new TreeWalk(reader())) {
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                PagePath page = isFile(tw.getFileMode(0)) ? PagePath.ofFile(tw.getPathString()) : null;
                if (page != null) {
                    pages.add(page);
                }
            }
        }
        pages.sort(Comparator.comparing(PagePath::value));
        return pages;
    }

    /** The blob of a regular file at {@code file} (any file, not only a page), or null. */
    ObjectId fileBlob(String file) throws IOException {
        return commit == null ? null : blob(file);
    }

    /** A file's size in bytes without reading it, or -1 if there is no regular file there. */
    long fileSize(String file) throws IOException {
        ObjectId blob = fileBlob(file);
        return blob == null ? -1 : reader().getObjectSize(blob, Constants.OBJ_BLOB);
    }

    /** Whether anything (a file or a folder) is at {@code path}. */
    boolean occupied(String path) throws IOException {
        return commit != null && mode(path) != null;
    }

    /**
     * The files attached to the page: the regular files directly in its folder that are valid attachment names
     * (sub-pages and sub-folders are not attachments), sorted by name, with their blobs.
     */
    List<Attached> attachments(PagePath page) throws IOException {
        List<Attached> files = new ArrayList<>();
        if (commit == null) {
            return files;
        }
        try (TreeWalk folder = TreeWalk.forPath(reader(), page.value(), commit.getTree())) {
            if (folder == null || !isTree(folder.getFileMode(0))) {
                return files;
            }
            try (TreeWalk tw = new TreeWalk(reader())) {
                tw.addTree(folder.getObjectId(0));
                tw.setRecursive(false);
                while (tw.next()) {
                    if (!isFile(tw.getFileMode(0))) {
                        continue;
                    }
                    AttachmentName name = AttachmentName.ofFile(page, page.value() + "/" + tw.getPathString());
                    if (name != null) {
                        ObjectId blob = tw.getObjectId(0);
                        files.add(new Attached(name, blob, reader().getObjectSize(blob, Constants.OBJ_BLOB)));
                    }
                }
            }
        }
        files.sort(Comparator.comparing(attached -> attached.name().value()));
        return files;
    }

    /** An attachment at this commit: its name, blob and size. */
    record Attached(AttachmentName name, ObjectId blob, long bytes) {
    }

    private ObjectId blob(String file) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader(), file, commit.getTree())) {
            return tw != null && isFile(tw.getFileMode(0)) ? tw.getObjectId(0) : null;
        }
    }

    private FileMode mode(String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader(), path, commit.getTree())) {
            return tw == null ? null : tw.getFileMode(0);
        }
    }

    static boolean isFile(FileMode mode) {
        return (mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE;
    }

    private static boolean isTree(FileMode mode) {
        return (mode.getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_TREE;
    }
}
