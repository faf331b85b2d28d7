package org.wikifarm.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntConsumer;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Copies a source repository's history into a wiki's repository with the paths of {@link PageNames}: every commit
 * of the source's current branch again, in order, with its author, committer, dates and message, and its files
 * under their new names (files that cannot be carried are left out of every commit and reported). Trees are rewritten
 * once per (source tree, folder), so a long history costs little more than its changed folders. Or, with
 * {@code squash}, one commit holding the current files. Only reads the source.
 */
final class HistoryCopy {
    private final Repository source;
    private final ObjectReader reader;
    private final ObjectInserter inserter;
    private final PageNames names;
    private final Map<String, ObjectId> trees = new HashMap<>();
    private final Set<ObjectId> copiedBlobs = new HashSet<>();
    private final Map<String, byte[]> sortKeys = new HashMap<>();
    final Set<String> skipped = new TreeSet<>();
    final Map<String, String> commits = new HashMap<>();

    private final boolean store;

    HistoryCopy(Repository source, Repository target, PageNames names) {
        this(source, packInserter(target), names, true);
    }

    /**
     * Everything the copy writes goes into one pack file, written at the flush: thousands of commits and trees as
     * loose objects would be a file each (and a slower repository to read until {@code git gc}).
     */
    private static ObjectInserter packInserter(Repository target) {
        if (target.getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory directory) {
            return directory.newPackInserter();
        }
        return target.newObjectInserter();
    }

    /** A copy that writes nothing: ids are computed and every file the copy would leave out is listed. */
    static HistoryCopy scan(Repository source, PageNames names) {
        return new HistoryCopy(source, new ObjectInserter.Formatter(), names, false);
    }

    private HistoryCopy(Repository source, ObjectInserter inserter, PageNames names, boolean store) {
        this.source = source;
        this.reader = source.newObjectReader();
        this.inserter = inserter;
        this.names = names;
        this.store = store;
    }

    /** Every commit reachable from {@code head}, oldest first; returns the new head. */
    ObjectId copyAll(ObjectId head, IntConsumer progress) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            walk.sort(RevSort.TOPO);
            walk.sort(RevSort.REVERSE, true);
            walk.markStart(walk.parseCommit(head));
            ObjectId last = null;
            int done = 0;
            for (RevCommit commit : walk) {
                ObjectId tree = tree(commit.getTree(), "", "");
                List<ObjectId> parents = new ArrayList<>();
                for (RevCommit parent : commit.getParents()) {
                    parents.add(ObjectId.fromString(commits.get(parent.name())));
                }
                last = commit(tree, parents, commit.getAuthorIdent(), commit.getCommitterIdent(),
                        commit.getFullMessage());
                commits.put(commit.name(), last.name());
                progress.accept(++done);
            }
            if (store) {
                inserter.flush();
            }
            return last;
        }
    }

    /** One commit of the files at {@code head}, by {@code who}. */
    ObjectId copySquashed(ObjectId head, PersonIdent who, String message) throws IOException {
        try (RevWalk walk = new RevWalk(reader)) {
            RevCommit commit = walk.parseCommit(head);
            ObjectId id = commit(tree(commit.getTree(), "", ""), List.of(), who, who, message);
            if (store) {
                inserter.flush();
            }
            return id;
        }
    }

    static int countCommits(Repository repository, ObjectId head) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(head));
            int count = 0;
            for (RevCommit ignored : walk) {
                count++;
            }
            return count;
        }
    }

    private ObjectId commit(ObjectId tree, List<ObjectId> parents, PersonIdent author, PersonIdent committer,
                            String message) throws IOException {
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentIds(parents);
        builder.setAuthor(author);
        builder.setCommitter(committer);
        builder.setEncoding(StandardCharsets.UTF_8);
        builder.setMessage(message);
        return store ? inserter.insert(builder) : inserter.idFor(Constants.OBJ_COMMIT, builder.build());
    }

    /** The rewritten tree of the source folder {@code folder} (whose own new path is {@code targetFolder}). */
    private ObjectId tree(ObjectId sourceTree, String folder, String targetFolder) throws IOException {
        String key = sourceTree.name() + ":" + folder;
        ObjectId known = trees.get(key);
        if (known != null) {
            return known;
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(sourceTree);
            walk.setRecursive(false);
            while (walk.next()) {
                String name = walk.getNameString();
                String path = folder.isEmpty() ? name : folder + "/" + name;
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.TREE) {
                    String target = names.stem(path);
                    if (target == null) {
                        skipped.add(path + "/");
                        continue;
                    }
                    ObjectId subtree = tree(walk.getObjectId(0), path, target);
                    String targetName = target.substring(target.lastIndexOf('/') + 1);
                    if (subtree != null && taken.add(targetName)) {
                        entries.add(new Entry(sortKey(targetName, true), FileMode.TREE, subtree));
                    } else if (subtree != null) {
                        skipped.add(path + "/");
                    }
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    String target = names.map(path);
                    String targetName = target == null ? null : target.substring(target.lastIndexOf('/') + 1);
                    if (target == null || !taken.add(targetName)) {
                        skipped.add(path);
                        continue;
                    }
                    ObjectId blob = walk.getObjectId(0);
                    copyBlob(blob);
                    entries.add(new Entry(sortKey(targetName, false), FileMode.REGULAR_FILE, blob));
                } else {
                    // Symbolic links and submodules: a wiki stores neither.
                    skipped.add(path);
                }
            }
        }
        ObjectId result;
        if (entries.isEmpty() && !folder.isEmpty()) {
            result = null;
        } else {
            entries.sort((a, b) -> compareGitOrder(a.key, b.key));
            TreeFormatter formatter = new TreeFormatter();
            for (Entry entry : entries) {
                byte[] name = entry.key;
                formatter.append(name, 0, entry.mode == FileMode.TREE ? name.length - 1 : name.length, entry.mode,
                        entry.id);
            }
            result = store ? inserter.insert(formatter) : formatter.computeId(inserter);
        }
        if (result != null) {
            trees.put(key, result);
        }
        return result;
    }

    private void copyBlob(ObjectId blob) throws IOException {
        if (store && copiedBlobs.add(blob.copy())) {
            inserter.insert(Constants.OBJ_BLOB, reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
        }
    }

    /**
     * A name as git sorts it in a tree: its UTF-8 bytes, a folder's with a '/' after them. Made once per name and
     * reused by every commit, so rewriting a large folder again and again allocates nothing per comparison.
     */
    private byte[] sortKey(String name, boolean folder) {
        return sortKeys.computeIfAbsent(folder ? name + "/" : name, key -> key.getBytes(StandardCharsets.UTF_8));
    }

    private static int compareGitOrder(byte[] x, byte[] y) {
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int d = (x[i] & 0xff) - (y[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return x.length - y.length;
    }

    void close() {
        reader.close();
        inserter.close();
    }

    /** A tree entry; {@code key} is its name's bytes, with a trailing '/' for a folder (git's sort order). */
    private record Entry(byte[] key, FileMode mode, ObjectId id) {
    }
}
