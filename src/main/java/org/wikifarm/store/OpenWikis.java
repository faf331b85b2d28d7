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
    private final boolean adminMigrations;
    /** Wikis kept closed for maintenance (a restore, a migration): a lease is refused with the hold's reason. */
    private final Map<TenantId, Hold> held = new java.util.HashMap<>();
    private volatile Path template;

    /** How many wikis stay open at once ({@code openWikiCap}). */
    public int capacity() {
        return capacity;
    }

    public OpenWikis(Path wikisDir, int capacity) {
        this(wikisDir, capacity, Clock.systemUTC());
    }

    /** @param clock dates when each wiki was opened and last leased */
    public OpenWikis(Path wikisDir, int capacity, Clock clock) {
        this(wikisDir, capacity, clock, false);
    }

    /**
     * @param adminMigrations {@code migrations = admin}: a wiki whose schema is older is not migrated when it is
     *                        opened (a lease is refused with 503 {@code wiki_upgrading}); only {@link #migrate} does it
     */
    public OpenWikis(Path wikisDir, int capacity, Clock clock, boolean adminMigrations) {
        this.adminMigrations = adminMigrations;
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
            Hold hold = held.get(id);
            if (hold != null) {
                throw new WikifarmException.Unavailable(hold.code, hold.message);
            }
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
            wiki.open(migrator, !adminMigrations);
        } catch (RuntimeException e) {
            forget(wiki);
            // Its files are there, so anything but an answer about the request itself, or a wiki being upgraded (a
            // wait, with its own screen), means it cannot be opened.
            boolean answer = e instanceof WikifarmException failure && (!(e instanceof WikifarmException.Unavailable)
                    || "wiki_upgrading".equals(failure.code()));
            throw answer ? e : WikiCannotOpenException.of(e);
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

    /**
     * Creates a wiki from files already built and checked in {@code staged} (a folder under {@link #wikisDir()}, e.g. a
     * restored snapshot), moved into place in one rename.
     */
    public void createFrom(TenantId id, Path staged) {
        Path target = wikisDir.resolve(id.value());
        if (Files.exists(target)) {
            throw new WikifarmException.Conflict("wiki_exists", "A wiki with this id already exists.");
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the files of wiki " + id + " into place", e);
        }
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

    /** Whether the wiki is open now (background work that is only worth doing on an open wiki asks). */
    public boolean isOpen(TenantId id) {
        synchronized (open) {
            return open.containsKey(id);
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

    /**
     * Keeps one wiki closed while its files are replaced or migrated: waits up to {@code wait} for the leases on it to
     * end (a lease in use is never closed), closes it as eviction would, and until the hold is closed refuses every new
     * lease with 503 and {@code code}/{@code message} (e.g. "this wiki is being restored"). A second hold on the same
     * wiki is a 409 with the first's code; leases still held after {@code wait} are a 409 {@code wiki_in_use}, and
     * then nothing was closed.
     */
    public Hold hold(TenantId id, String code, String message, java.time.Duration wait) {
        Hold hold = new Hold(id, code, message);
        OpenWiki wiki;
        synchronized (open) {
            Hold other = held.get(id);
            if (other != null) {
                throw new WikifarmException.Conflict(other.code, other.message);
            }
            held.put(id, hold);
            long deadline = System.nanoTime() + wait.toNanos();
            try {
                wiki = open.get(id);
                while (wiki != null && wiki.references() > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new WikifarmException.Conflict("wiki_in_use", "This wiki is in use (" + wiki.references()
                                + " leases) and was not closed; try again when it is idle.");
                    }
                    open.wait(Math.max(1, left / 1_000_000));
                    wiki = open.get(id);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                held.remove(id);
                throw new WikifarmException.Conflict("wiki_in_use", "Interrupted while waiting for the wiki.");
            } catch (RuntimeException e) {
                held.remove(id);
                throw e;
            }
            if (wiki != null) {
                open.remove(id);
            }
        }
        if (wiki != null) {
            wiki.close();
        }
        return hold;
    }

    /** Whether the wiki is held closed now, and why (the hold's code). */
    public java.util.Optional<String> heldFor(TenantId id) {
        synchronized (open) {
            return java.util.Optional.ofNullable(held.get(id)).map(hold -> hold.code);
        }
    }

    /** A wiki kept closed ({@link #hold}); closing it lets leases in again. */
    public final class Hold implements AutoCloseable {
        private final TenantId id;
        private final String code;
        private final String message;

        private Hold(TenantId id, String code, String message) {
            this.id = id;
            this.code = code;
            this.message = message;
        }

        /** The wiki's folder, whose files the holder may replace. */
        public Path dir() {
            return wikisDir.resolve(id.value());
        }

        @Override
        public void close() {
            synchronized (open) {
                if (held.get(id) == this) {
                    held.remove(id);
                }
            }
        }
    }

    /** A migration's answer: the schema version before and after. */
    public record Migrated(TenantId id, int from, int to) {
    }

    /**
     * Migrates one wiki's database to the code's schema, whatever {@code migrations} says: the wiki is held closed
     * meanwhile ({@link #hold}; its readers get 503 {@code wiki_upgrading}), its database copied aside first and put
     * back if the migration fails (503 {@code migration_failed} saying why). A current wiki is left alone; a newer one
     * is refused untouched.
     */
    public Migrated migrate(TenantId id) {
        Path dir = wikisDir.resolve(id.value());
        if (!Files.isDirectory(dir)) {
            throw new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
        }
        int from = schemaVersion(id);
        if (!migrator.isOlder(from)) {
            return new Migrated(id, from, from);
        }
        try (Hold ignored = hold(id, "wiki_upgrading", OpenWiki.upgrading().getMessage(),
                java.time.Duration.ofSeconds(10))) {
            migrator.migrate(WikiFiles.database(dir), WikiSnapshots.beforeMigration(dir));
        }
        return new Migrated(id, from, SCHEMA_VERSION);
    }

    /** The schema version a wiki's database holds now ({@code PRAGMA user_version}), read without opening the wiki. */
    public int schemaVersion(TenantId id) {
        return migrator.storedVersion(WikiFiles.database(wikisDir.resolve(id.value())));
    }

    /** Whether wikis are migrated only by platform admins ({@code migrations = admin}). */
    public boolean adminMigrations() {
        return adminMigrations;
    }

    /** The ids of every wiki folder on disk. */
    public List<TenantId> allIds() {
        List<TenantId> ids = new ArrayList<>();
        try (java.util.stream.Stream<Path> entries = Files.list(wikisDir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && Files.isRegularFile(WikiFiles.database(entry))) {
                    try {
                        ids.add(new TenantId(name));
                    } catch (RuntimeException notAWiki) {
                        // Some other folder.
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.sort(java.util.Comparator.comparing(TenantId::value));
        return ids;
    }

    /** The folder that holds every wiki's folder. */
    public Path wikisDir() {
        return wikisDir;
    }

    /** A wiki's folder (it may not exist). */
    public Path dir(TenantId id) {
        return wikisDir.resolve(id.value());
    }

    public SqliteMigrator migrator() {
        return migrator;
    }

    void release(OpenWiki wiki) {
        List<OpenWiki> evicted;
        synchronized (open) {
            wiki.release();
            evicted = evictIdleOverCapacity();
            // A hold may be waiting for this wiki's last lease to end.
            open.notifyAll();
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
