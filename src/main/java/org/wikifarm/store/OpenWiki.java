package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.lib.Repository;
import org.wikifarm.error.WikifarmException;

/**
 * One wiki while it is open: its SQLite connections, its git repository, and the per-wiki components built on
 * them (page store, link graph, search index…). Created and closed only by {@link OpenWikis}; the reference count
 * it keeps is what stops eviction from closing anything in use.
 */
public final class OpenWiki {
    private final TenantId id;
    private final Path dir;
    private final Map<Class<?>, Object> components = new ConcurrentHashMap<>();
    private SqliteConnections database;
    private Repository repository;
    private final Instant openedAt;
    private Instant lastUsed;
    private int references;
    private boolean opened;

    OpenWiki(TenantId id, Path dir, Instant openedAt) {
        this.id = id;
        this.dir = dir;
        this.openedAt = openedAt;
        this.lastUsed = openedAt;
    }

    public TenantId id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    public Repository repository() {
        return repository;
    }

    /** A component that lives as long as this wiki stays open, built once on first use. */
    @SuppressWarnings("unchecked")
    public <T> T component(Class<T> type, Function<OpenWiki, T> factory) {
        return (T) components.computeIfAbsent(type, t -> factory.apply(this));
    }

    Connection borrowConnection() throws SQLException {
        return database.borrow();
    }

    void giveBack(Connection connection) {
        database.giveBack(connection);
    }

    /**
     * Opens the files once: migrates the database if its schema is old (after copying it aside, and put back if the
     * migration fails) — or, when {@code mayMigrate} is false ({@code migrations = admin}), refuses with 503
     * {@code wiki_upgrading} — and opens the repository. A newer schema is refused either way, untouched.
     */
    synchronized void open(SqliteMigrator migrator, boolean mayMigrate) {
        if (opened) {
            return;
        }
        Path dbFile = WikiFiles.database(dir);
        SqliteConnections connections = new SqliteConnections(dbFile, 2);
        try {
            int stored;
            Connection connection = connections.borrow();
            try {
                stored = migrator.storedVersion(connection);
            } finally {
                connections.giveBack(connection);
            }
            if (migrator.isOlder(stored)) {
                if (!mayMigrate) {
                    throw upgrading();
                }
                // The migration copies the file first and may put it back: no connection of ours stays open on it.
                connections.close();
                migrator.migrate(dbFile, WikiSnapshots.beforeMigration(dir));
                connections = new SqliteConnections(dbFile, 2);
            }
            WikiFiles.ensurePackedRefs(WikiFiles.repository(dir));
            repository = new FileRepository(WikiFiles.repository(dir).toFile());
        } catch (SQLException e) {
            connections.close();
            // The same failure as the migrator's (SQLITE_NOTADB/CORRUPT fail at connect): a 503, not a bare 500.
            throw new WikifarmException.Unavailable("database_unreadable",
                    "The wiki database cannot be read; it may be damaged.", e);
        } catch (IOException e) {
            connections.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        database = connections;
        opened = true;
    }

    /** What a reader of a wiki whose schema is older than the code's meets while only admins migrate (503). */
    static WikifarmException upgrading() {
        return new WikifarmException.Unavailable("wiki_upgrading", "This wiki is being upgraded to a new version of"
                + " Wikifarm and cannot be opened until a platform administrator finishes; please try again later.");
    }

    /** The types of the components open now (built and not yet closed with the wiki). */
    Set<Class<?>> components() {
        return Set.copyOf(components.keySet());
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant lastUsed() {
        return lastUsed;
    }

    void used(Instant at) {
        lastUsed = at;
    }

    int references() {
        return references;
    }

    void retain() {
        references++;
    }

    void release() {
        references--;
    }

    synchronized void close() {
        for (Object component : components.values()) {
            if (component instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // A component failing to close must not keep the others open.
                }
            }
        }
        components.clear();
        if (database != null) {
            database.close();
        }
        if (repository != null) {
            repository.close();
        }
        opened = false;
    }
}
