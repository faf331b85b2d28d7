package org.wikifarm.page.git;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.page.LastChangeRecords;
import org.wikifarm.page.PagePath;

/**
 * Which commit last changed each page, as of HEAD. Every read and every stale-revision check needs this, and finding
 * it one page at a time is a history walk (seconds in a long history), so every page's answer is kept for one HEAD
 * and moved along with it: the store's own commits and any other move of HEAD (a push) are caught up by walking only
 * the new commits, and a history that cannot be caught up that way (the branch moved by force) is rebuilt with one
 * walk for all pages. The answers are also kept in {@link LastChangeRecords}, so that a restart starts from them
 * instead of from history.
 */
final class LastChangeCache {
    private static final Logger LOG = LoggerFactory.getLogger(LastChangeCache.class);

    private final Repository repo;
    private final LastChangeRecords records;
    /** One move of the answers at a time: concurrent readers after a push would otherwise all walk the same commits. */
    private final ReentrantLock moving = new ReentrantLock();
    private boolean loaded; // guarded by this
    private ObjectId head; // guarded by this; what the answers hold for (null: an empty wiki)
    private Map<PagePath, ObjectId> answers = new HashMap<>(); // guarded by this
    /** The HEAD before the last move and the answers that move replaced, for reads that raced it. */
    private ObjectId previousHead; // guarded by this
    private Map<PagePath, ObjectId> replaced = Map.of(); // guarded by this; a null value: the page was absent

    LastChangeCache(Repository repo, LastChangeRecords records) {
        this.repo = repo;
        this.records = records;
    }

    /** The commit that last changed the page as of {@code at}, or null if the page is absent there. */
    String at(ObjectReader reader, RevCommit at, PagePath path) throws IOException {
        synchronized (this) {
            if (knows(at)) {
                return answer(at, path);
            }
        }
        moving.lock();
        try {
            // Only ever move to the real HEAD: a read of an older snapshot must not drag the answers back and forth.
            boolean current;
            synchronized (this) {
                current = !knows(at);
            }
            if (current && at.equals(Snapshot.headId(repo))) {
                moveTo(reader, at);
            }
            synchronized (this) {
                if (knows(at)) {
                    return answer(at, path);
                }
            }
        } finally {
            moving.unlock();
        }
        // A snapshot that HEAD has left more than one move ago: rare, so it is answered on its own.
        return find(reader, at, path);
    }

    /** Records a commit of this store: only the commit between the old and the new HEAD needs walking. */
    void committed(ObjectId oldHead, ObjectId newHead, List<PageEdit> edits) {
        moving.lock();
        try {
            synchronized (this) {
                // Nothing kept for the old HEAD: the next read catches up. (An empty wiki's answers are known.)
                if (oldHead != null && (!loaded || !Objects.equals(head, oldHead))) {
                    return;
                }
            }
            try (ObjectReader reader = repo.newObjectReader()) {
                moveTo(reader, newHead);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not record the last changes of commit {}; the next read catches up", newHead.name(), e);
        } finally {
            moving.unlock();
        }
    }

    private boolean knows(RevCommit at) {
        return loaded && (at.equals(head) || at.equals(previousHead));
    }

    private String answer(RevCommit at, PagePath path) {
        ObjectId answer = !at.equals(head) && replaced.containsKey(path) ? replaced.get(path) : answers.get(path);
        return answer == null ? null : answer.name();
    }

    /** Brings the answers to {@code target} from those kept here, or else stored, or else from history alone. */
    private void moveTo(ObjectReader reader, ObjectId target) throws IOException {
        ObjectId from;
        Map<PagePath, ObjectId> base;
        boolean wasLoaded;
        synchronized (this) {
            wasLoaded = loaded;
            from = head;
            base = answers;
        }
        if (!wasLoaded) {
            LastChangeRecords.Stored stored = load();
            if (stored != null && (stored.stamp() == null || !ObjectId.isId(stored.stamp()))) {
                stored = null;
            }
            from = stored == null ? null : ObjectId.fromString(stored.stamp());
            base = stored == null ? new HashMap<>() : parse(stored.commits());
        }
        if (target.equals(from)) {
            install(from, target, base, Map.of());
            return;
        }
        // Only this thread changes the answers (it holds the moving lock), so the walk may read them unlocked.
        Map<PagePath, ObjectId> known = base;
        Map<PagePath, ObjectId> changed = from == null ? null
                : LastChangeWalk.between(reader, from, known::get, target);
        if (changed == null) {
            LOG.info("Finding the last change of every page at {} in its history", target.name());
            install(null, target, LastChangeWalk.all(reader, target), null);
        } else {
            install(from, target, base, changed);
        }
        persist(changed == null ? null : from, target, changed);
    }

    /** Makes {@code base}, with {@code changed} applied (null: base is complete), the answers at {@code target}. */
    private synchronized void install(ObjectId from, ObjectId target, Map<PagePath, ObjectId> base,
            Map<PagePath, ObjectId> changed) {
        if (changed == null) {
            previousHead = null;
            replaced = Map.of();
        } else if (!changed.isEmpty()) {
            Map<PagePath, ObjectId> old = new HashMap<>();
            changed.forEach((page, commit) -> {
                old.put(page, base.get(page));
                if (LastChangeWalk.GONE.equals(commit)) {
                    base.remove(page);
                } else {
                    base.put(page, commit);
                }
            });
            previousHead = from;
            replaced = old;
        }
        answers = base;
        head = target.copy();
        loaded = true;
    }

    private LastChangeRecords.Stored load() {
        try {
            return records.load();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the stored last changes; finding them in history", e);
            return null;
        }
    }

    /**
     * Stores the answers at {@code target}: only {@code changed} if the stored ones are at {@code from}, else all.
     * If that fails, the answers here are still right and the stored ones only lag, which the next start sees.
     */
    private void persist(ObjectId from, ObjectId target, Map<PagePath, ObjectId> changed) {
        Map<String, String> delta = new HashMap<>();
        if (changed != null) {
            changed.forEach((page, commit) -> delta.put(page.value(),
                    LastChangeWalk.GONE.equals(commit) ? null : commit.name()));
        }
        try {
            records.store(from == null ? null : from.name(), target.name(), delta, this::names);
        } catch (RuntimeException e) {
            LOG.warn("Could not store the last changes at {}; they will be caught up later", target.name(), e);
        }
    }

    private synchronized Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        answers.forEach((page, commit) -> names.put(page.value(), commit.name()));
        return names;
    }

    private static Map<PagePath, ObjectId> parse(Map<String, String> stored) {
        Map<PagePath, ObjectId> answers = new HashMap<>();
        stored.forEach((page, commit) -> {
            if (PagePath.isValid(page) && ObjectId.isId(commit)) {
                answers.put(new PagePath(page), ObjectId.fromString(commit));
            }
        });
        return answers;
    }

    /** Walks history from {@code start} for the newest commit that changed the page's file. */
    static String find(ObjectReader reader, RevCommit start, PagePath path) throws IOException {
        // Checking existence first keeps a lookup of a missing page from walking all of history.
        try (TreeWalk exists = TreeWalk.forPath(reader, path.file(), start.getTree())) {
            if (exists == null || !Snapshot.isFile(exists.getFileMode(0))) {
                return null;
            }
        }
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path.file()), TreeFilter.ANY_DIFF));
            walk.markStart(walk.parseCommit(start));
            RevCommit changed = walk.next();
            return changed == null ? null : changed.name();
        }
    }
}
