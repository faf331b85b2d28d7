package org.wikifarm.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.WikiCatalog;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.KeyedLocks;
import org.wikifarm.search.SearchService;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.store.WikiSnapshots.Manifest;
import org.wikifarm.store.WikiSnapshots.Snapshot;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.usage.UsageService;

/**
 * A wiki's snapshots for its administrators (the owner, a platform admin: {@link Permission#ADMIN}, decided by
 * {@link Permissions}): take one while the wiki stays online, list, download, delete, restore one over the wiki, or
 * restore one as a new wiki owned by the caller. Snapshots are the wiki's own files ({@code snapshots/} in its folder),
 * so a snapshot of one wiki is never reachable through another. Limits: {@code snapshotsPerWiki}, and the quota (a
 * snapshot takes disk like anything else: refused when it would take the wiki past its byte limit, and counted by the
 * next measurement, asked for at once). One restore of a wiki at a time (409 {@code restore_in_progress}).
 *
 * <p>Nothing here knows HTTP: the REST API, the web UI and the command-line tool ({@link #operator()}, which acts for
 * the person at the server's console) call the same methods.
 */
public final class SnapshotService {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotService.class);
    /**
     * How long a restore waits for the wiki's current requests and background work to end before it answers 409
     * {@code wiki_in_use}: long enough for the longest step a worker cannot cut short, compacting the largest index
     * compacted (~15 s for 128 MB on a 2-core machine, extrapolated; docs/search.md "Compaction").
     */
    static final Duration IDLE_WAIT = Duration.ofSeconds(30);

    private final OpenWikis wikis;
    private final Permissions permissions;
    private final WikiCatalog catalog;
    private final UsageService usage;
    private final SearchService search;
    private final int perWiki;
    private final Clock clock;
    private final KeyedLocks taking = new KeyedLocks(64);
    private final Set<TenantId> restoring = ConcurrentHashMap.newKeySet();
    private volatile Runnable beforeSwap = () -> { };

    /** @param perWiki how many snapshots one wiki may keep ({@code snapshotsPerWiki}) */
    public SnapshotService(OpenWikis wikis, Permissions permissions, WikiCatalog catalog, UsageService usage,
                           SearchService search, int perWiki, Clock clock) {
        this.wikis = wikis;
        this.permissions = permissions;
        this.catalog = catalog;
        this.usage = usage;
        this.search = search;
        this.perWiki = perWiki;
        this.clock = clock;
    }

    /** A restore's answer: the snapshot and the commit the wiki is at now. */
    public record Restored(String snapshot, String commit, int schemaVersion) {
    }

    /** A download: the file name it is offered under, and the bytes. */
    public interface Download {
        String fileName();

        void writeTo(OutputStream out) throws IOException;
    }

    public List<Snapshot> list(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return WikiSnapshots.list(wikis.dir(wiki.id()));
    }

    public Snapshot get(Caller caller, Wiki wiki, String id) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return WikiSnapshots.find(wikis.dir(wiki.id()), id);
    }

    /** Takes a snapshot while the wiki stays online (readers and writers go on meanwhile). */
    public Snapshot take(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return taking.with(wiki.id(), () -> {
            Path dir = wikis.dir(wiki.id());
            int count = WikiSnapshots.count(dir);
            if (count >= perWiki) {
                throw new WikifarmException.Conflict("too_many_snapshots", "This wiki keeps " + count
                        + " snapshots, the most it may keep (snapshotsPerWiki); delete one first.");
            }
            usage.requireRoom(wiki, WikiSnapshots.estimate(dir));
            Snapshot taken;
            try (WikiLease lease = wikis.acquire(wiki.id())) {
                taken = WikiSnapshots.take(lease, clock.instant());
            }
            usage.measureSoon(wiki.id());
            return taken;
        });
    }

    /** The snapshot as one zip file; the permission and the snapshot are checked now, before any byte is sent. */
    public Download download(Caller caller, Wiki wiki, String id) {
        permissions.require(caller, wiki, Permission.ADMIN);
        Path dir = wikis.dir(wiki.id());
        WikiSnapshots.find(dir, id);
        return new Download() {
            @Override
            public String fileName() {
                return wiki.slug().value() + "-" + id + ".zip";
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                WikiSnapshots.zip(dir, id, out);
            }
        };
    }

    public void delete(Caller caller, Wiki wiki, String id) {
        permissions.require(caller, wiki, Permission.ADMIN);
        taking.with(wiki.id(), () -> {
            WikiSnapshots.delete(wikis.dir(wiki.id()), id);
            return null;
        });
        usage.measureSoon(wiki.id());
    }

    /**
     * Restores the wiki to a snapshot of its own: verified first (a damaged snapshot is a 400, another wiki's a 409,
     * and the wiki is untouched), then the wiki is closed (its current requests may finish; new ones get 503 meanwhile),
     * its database and repository swapped for the snapshot's, and it is reopened with its search index rebuilt.
     */
    public Restored restore(Caller caller, Wiki wiki, String id) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return restore(wiki.id(), id);
    }

    /**
     * Restores a snapshot of the wiki as a new wiki named {@code slug}, owned by the caller (who must be allowed to
     * create one); the wiki itself is untouched. The copy is private and keeps no one's drafts.
     */
    public Wiki restoreAsCopy(Caller caller, Wiki wiki, String id, String slug, String displayName) {
        permissions.require(caller, wiki, Permission.ADMIN);
        if (slug == null || slug.isBlank()) {
            throw new WikifarmException.InvalidInput("missing_field", "Give the new wiki a name (slug).");
        }
        Path stage = wikis.wikisDir().resolve(".copy-" + UUID.randomUUID());
        try {
            WikiSnapshots.stage(wikis.dir(wiki.id()), id, wiki.id(), stage);
            WikiSnapshots.forgetPeople(stage);
            Wiki copy = catalog.createCopy(caller, slug.strip(), displayName, WikiSnapshots.pageCount(stage),
                    newId -> wikis.createFrom(newId, stage));
            afterRestore(copy.id());
            return copy;
        } finally {
            WikiSnapshots.discard(stage);
        }
    }

    /** The same operations for the person at the server's console (the command-line tool): no caller to check. */
    public Operator operator() {
        return new Operator();
    }

    /** Snapshots by wiki id, for the command-line tool, which acts with the data folder owner's authority. */
    public final class Operator {
        private Operator() {
        }

        public List<Snapshot> list(TenantId wiki) {
            requireExists(wiki);
            return WikiSnapshots.list(wikis.dir(wiki));
        }

        public Snapshot take(TenantId wiki) {
            requireExists(wiki);
            return taking.with(wiki, () -> {
                Snapshot taken;
                try (WikiLease lease = wikis.acquire(wiki)) {
                    taken = WikiSnapshots.take(lease, clock.instant());
                }
                usage.measureSoon(wiki);
                return taken;
            });
        }

        public Restored restore(TenantId wiki, String id) {
            requireExists(wiki);
            return SnapshotService.this.restore(wiki, id);
        }

        public void delete(TenantId wiki, String id) {
            requireExists(wiki);
            WikiSnapshots.delete(wikis.dir(wiki), id);
            usage.measureSoon(wiki);
        }

        private void requireExists(TenantId wiki) {
            if (!wikis.exists(wiki)) {
                throw new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
            }
        }
    }

    private Restored restore(TenantId wiki, String id) {
        if (!restoring.add(wiki)) {
            throw new WikifarmException.Conflict("restore_in_progress",
                    "Another restore of this wiki is under way; wait for it to finish. Nothing was changed.");
        }
        Path stage = wikis.wikisDir().resolve(".restore-" + UUID.randomUUID());
        try {
            Manifest manifest = WikiSnapshots.stage(wikis.dir(wiki), id, wiki, stage);
            beforeSwap.run();
            try (OpenWikis.Hold hold = wikis.hold(wiki, "wiki_restoring",
                    "This wiki is being restored from a snapshot; try again in a moment.", IDLE_WAIT)) {
                WikiSnapshots.swapIn(hold.dir(), stage);
            }
            afterRestore(wiki);
            return new Restored(id, manifest.commit(), manifest.schemaVersion());
        } finally {
            restoring.remove(wiki);
            WikiSnapshots.discard(stage);
        }
    }

    /** A wiki with new files: its search index is rebuilt and its usage measured. */
    private void afterRestore(TenantId wiki) {
        try {
            search.rebuild(wiki);
        } catch (RuntimeException e) {
            // The files are in place and consistent; the index catches up when the wiki is next opened.
            LOG.warn("Could not queue the search index rebuild of wiki {} after a restore", wiki, e);
        }
        try {
            usage.measure(wiki);
        } catch (RuntimeException e) {
            usage.measureSoon(wiki);
        }
    }

    /** Tests: runs between the verification of a restore and the swap (to hold a restore open). */
    void beforeSwap(Runnable hook) {
        this.beforeSwap = hook;
    }
}
