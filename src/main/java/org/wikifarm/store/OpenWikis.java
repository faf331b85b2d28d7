package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wikifarm.error.WikifarmException;

/**
 * The one place that opens a wiki. Open wikis are kept in a least-recently-used map capped at
 * {@code capacity}, so file descriptors and memory stay bounded however many wikis are on disk. Only wikis
 * nobody holds a {@link WikiLease} on are evicted: a connection in use is never closed under its user (with
 * every wiki busy the map briefly grows past the cap and shrinks as leases end). A platform admin may also close
 * one wiki or every idle one ({@link #close(TenantId)}, {@link #closeIdle()}): the same path as eviction, so the
 * wiki's components (its search index, its page store) close with it, and the next lease opens it again.
 */
public final class OpenWikis implements AutoCloseable {
    /** The wiki schema version that {@code db/changelog/wiki/changelog.sql} reaches. */
    public static final int SCHEMA_VERSION = 5;

    private final Path wikisDir;
    private final int capacity;
    private final SqliteMigrator migrator =
            new SqliteMigrator("wiki", "db/changelog/wiki/changelog.sql", SCHEMA_VERSION);
    private final LinkedHashMap<TenantId, OpenWiki> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Clock clock;
    private volatile Path template;

    public OpenWikis(Path wikisDir, int capacity) {
        this(wikisDir, capacity, Clock.systemUTC());
    }

    /** @param clock dates when each wiki was opened and last leased */
    public OpenWikis(Path wikisDir, int capacity, Clock clock) {
        this.wikisDir = wikisDir;
        this.capacity = capacity;
        this.clock = clock;
        try {
            Files.createDirectories(wikisDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + wikisDir, e);
        }
    }

    /** Leases an existing wiki, opening (and if needed migrating) it first. */
    public WikiLease acquire(TenantId id) {
        Path dir = wikisDir.resolve(id.value());
        OpenWiki wiki;
        synchronized (open) {
            wiki = open.get(id);
            if (wiki == null) {
                if (!Files.isDirectory(dir)) {
                    throw new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
                }
                wiki = new OpenWiki(id, dir, clock.instant());
                open.put(id, wiki);
            }
            wiki.retain();
            wiki.used(clock.instant());
        }
        try {
            wiki.open(migrator);
        } catch (RuntimeException e) {
            forget(wiki);
            // Its files are there, so anything but an answer about the request itself means it cannot be opened.
            throw e instanceof WikifarmException && !(e instanceof WikifarmException.Unavailable) ? e
                    : WikiCannotOpenException.of(e);
        }
        return new WikiLease(wiki, this);
    }

    /** Creates the files of a new, empty wiki; fast, because it copies a migrated template database. */
    public void create(TenantId id) {
        create(id, null);
    }

    /** Creates the files of a new wiki whose repository starts with {@code first} (null: empty), in one step. */
    public void create(TenantId id, FirstPage first) {
        if (Files.exists(wikisDir.resolve(id.value()))) {
            throw new WikifarmException.Conflict("wiki_exists", "A wiki with this id already exists.");
        }
        WikiFiles.create(wikisDir, id, template(), first);
    }

    /** Removes the files of a wiki that is not open (used to undo a creation that failed half-way). */
    public void delete(TenantId id) {
        synchronized (open) {
            if (open.containsKey(id)) {
                throw new WikifarmException.Conflict("wiki_open", "The wiki is in use.");
            }
        }
        WikiFiles.deleteRecursively(wikisDir.resolve(id.value()));
    }

    /** Whether the wiki's files exist (it may still be closed). */
    public boolean exists(TenantId id) {
        return Files.isDirectory(wikisDir.resolve(id.value()));
    }

    public int openCount() {
        synchronized (open) {
            return open.size();
        }
    }

    /**
     * One open wiki as the admin area shows it: when it was opened and last leased, how many leases hold it now, and
     * which of its per-wiki components are open ({@link #has}).
     */
    public record Info(TenantId id, Instant openedAt, Instant lastUsed, int leases, Set<Class<?>> components) {
        public Info {
            components = Set.copyOf(components);
        }

        public boolean has(Class<?> component) {
            return components.contains(component);
        }

        public boolean inUse() {
            return leases > 0;
        }
    }

    /** The open wikis, most recently used first. */
    public List<Info> list() {
        synchronized (open) {
            List<Info> infos = new ArrayList<>(open.size());
            for (OpenWiki wiki : open.values()) {
                infos.add(new Info(wiki.id(), wiki.openedAt(), wiki.lastUsed(), wiki.references(),
                        wiki.components()));
            }
            Collections.reverse(infos);
            return infos;
        }
    }

    /**
     * Closes one open wiki nobody holds, as eviction would; its next lease opens it again.
     *
     * @throws WikifarmException.NotFound if the wiki is not open
     * @throws WikifarmException.Conflict if a lease holds it (a wiki in use is never closed)
     */
    public void close(TenantId id) {
        OpenWiki wiki;
        synchronized (open) {
            wiki = open.get(id);
            if (wiki == null) {
                throw new WikifarmException.NotFound("wiki_not_open", "This wiki is not open.");
            }
            if (wiki.references() > 0) {
                throw new WikifarmException.Conflict("wiki_in_use",
                        "This wiki is in use (" + wiki.references() + " leases); it can be closed once it is idle.");
            }
            open.remove(id);
        }
        wiki.close();
    }

    /** Closes every open wiki nobody holds, as eviction would; answers how many were closed. */
    public int closeIdle() {
        List<OpenWiki> idle = new ArrayList<>();
        synchronized (open) {
            Iterator<OpenWiki> all = open.values().iterator();
            while (all.hasNext()) {
                OpenWiki wiki = all.next();
                if (wiki.references() == 0) {
                    all.remove();
                    idle.add(wiki);
                }
            }
        }
        idle.forEach(OpenWiki::close);
        return idle.size();
    }

    public SqliteMigrator migrator() {
        return migrator;
    }

    void release(OpenWiki wiki) {
        List<OpenWiki> evicted;
        synchronized (open) {
            wiki.release();
            evicted = evictIdleOverCapacity();
        }
        evicted.forEach(OpenWiki::close);
    }

    /** After a failed open: the wiki is closed only when nobody else holds it (another thread may have opened it). */
    private void forget(OpenWiki wiki) {
        boolean unused;
        synchronized (open) {
            wiki.release();
            unused = wiki.references() == 0;
            if (unused && open.get(wiki.id()) == wiki) {
                open.remove(wiki.id());
            }
        }
        if (unused) {
            wiki.close();
        }
    }

    /** Called with the map locked; the returned wikis are closed after the lock is let go. */
    private List<OpenWiki> evictIdleOverCapacity() {
        List<OpenWiki> evicted = new ArrayList<>();
        Iterator<Map.Entry<TenantId, OpenWiki>> eldestFirst = open.entrySet().iterator();
        while (open.size() > capacity && eldestFirst.hasNext()) {
            OpenWiki candidate = eldestFirst.next().getValue();
            if (candidate.references() == 0) {
                eldestFirst.remove();
                evicted.add(candidate);
            }
        }
        return evicted;
    }

    private Path template() {
        Path current = template;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (template == null) {
                Path file = wikisDir.resolve(".template-v" + SCHEMA_VERSION + ".db");
                if (!Files.exists(file)) {
                    Path temp = wikisDir.resolve(".template-" + ProcessHandle.current().pid() + ".db");
                    migrator.migrate(temp);
                    try {
                        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot store the wiki template database", e);
                    } finally {
                        deleteQuietly(temp);
                    }
                }
                template = file;
            }
            return template;
        }
    }

    private static void deleteQuietly(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", ".migration-lock"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException ignored) {
                // Only leftovers of a template build.
            }
        }
    }

    @Override
    public void close() {
        List<OpenWiki> all;
        synchronized (open) {
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(OpenWiki::close);
    }
}
