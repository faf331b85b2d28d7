package org.wikifarm.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.PlatformRight;
import org.wikifarm.auth.Permissions;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * Wikis by schema version, and migrating them, for platform admins ({@link PlatformRight#MIGRATE_WIKIS}): one wiki,
 * or every wiki with an older schema in the background with a progress the admin area polls. Each migration is
 * {@link OpenWikis#migrate}: the wiki held closed, its database copied first and put back if it fails. With
 * {@code migrations = admin} this is the only way a wiki is migrated; with {@code lazy} a visit does it too.
 * {@link #operator()} serves the command-line tool without a caller.
 */
public final class SchemaMigrations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    private static final int FAILURES_KEPT = 50;

    private final OpenWikis wikis;
    private final WikiRepository repository;
    private final Permissions permissions;
    private final Clock clock;
    private final int maxListItems;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wikifarm-migrate-all");
        thread.setDaemon(true);
        return thread;
    });
    private Progress progress = Progress.NONE;

    public SchemaMigrations(OpenWikis wikis, WikiRepository repository, Permissions permissions, Clock clock,
                            int maxListItems) {
        this.wikis = wikis;
        this.repository = repository;
        this.permissions = permissions;
        this.clock = clock;
        this.maxListItems = maxListItems;
    }

    /** A wiki's schema as the admin area lists it; {@code wiki} is empty when its platform row is gone. */
    public record WikiSchema(TenantId id, Optional<Wiki> wiki, int version, String problem) {
        public boolean older() {
            return problem == null && version < OpenWikis.SCHEMA_VERSION;
        }

        public boolean newer() {
            return version > OpenWikis.SCHEMA_VERSION;
        }
    }

    /** One failed migration of a run: the wiki and why. */
    public record Failure(String wiki, String reason) {
    }

    /** Where a run over all wikis is: how many it found older, migrated, and which failed, and why. */
    public record Progress(boolean running, int total, int migrated, List<Failure> failures, Instant startedAt,
                           Instant finishedAt) {
        static final Progress NONE = new Progress(false, 0, 0, List.of(), null, null);

        public Progress {
            failures = List.copyOf(failures);
        }

        public int done() {
            return migrated + failures.size();
        }
    }

    /** Every wiki's schema version, oldest first, at most {@code limit} from {@code offset}. */
    public List<WikiSchema> list(Caller caller, int limit, int offset) {
        permissions.require(caller, PlatformRight.MIGRATE_WIKIS);
        WikifarmException.InvalidInput.requireListPage(limit, offset, maxListItems);
        List<WikiSchema> all = new ArrayList<>();
        for (TenantId id : wikis.allIds()) {
            all.add(schemaOf(id));
        }
        all.sort(Comparator.comparingInt(WikiSchema::version).thenComparing(s -> s.id().value()));
        // As a long: a huge offset plus the limit would overflow an int.
        return all.subList(Math.min(offset, all.size()), (int) Math.min(all.size(), (long) offset + limit));
    }

    /** Migrates one wiki now (see {@link OpenWikis#migrate}). */
    public OpenWikis.Migrated migrate(Caller caller, String wikiId) {
        permissions.require(caller, PlatformRight.MIGRATE_WIKIS);
        if (!TenantId.isValid(wikiId)) {
            throw new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
        }
        return wikis.migrate(new TenantId(wikiId));
    }

    /** Starts migrating every wiki with an older schema in the background, unless a run is under way; its progress. */
    public synchronized Progress migrateAll(Caller caller) {
        permissions.require(caller, PlatformRight.MIGRATE_WIKIS);
        if (progress.running()) {
            return progress;
        }
        progress = new Progress(true, 0, 0, List.of(), clock.instant(), null);
        runner.execute(() -> runAll(this::report));
        return progress;
    }

    public synchronized Progress progress(Caller caller) {
        permissions.require(caller, PlatformRight.MIGRATE_WIKIS);
        return progress;
    }

    private synchronized void report(Progress next) {
        progress = next;
    }

    /** Migrates every older wiki on this thread, telling {@code progress} after each; answers the end. */
    private Progress runAll(Consumer<Progress> report) {
        Instant started = clock.instant();
        List<TenantId> older = new ArrayList<>();
        for (TenantId id : wikis.allIds()) {
            if (schemaOf(id).older()) {
                older.add(id);
            }
        }
        int migrated = 0;
        List<Failure> failures = new ArrayList<>();
        report.accept(new Progress(true, older.size(), 0, failures, started, null));
        for (TenantId id : older) {
            try {
                wikis.migrate(id);
                migrated++;
            } catch (RuntimeException e) {
                LOG.warn("Migration of wiki {} failed", id, e);
                if (failures.size() < FAILURES_KEPT) {
                    failures.add(new Failure(id.value(), String.valueOf(e.getMessage())));
                }
            }
            report.accept(new Progress(true, older.size(), migrated, failures, started, null));
        }
        Progress end = new Progress(false, older.size(), migrated, failures, started, clock.instant());
        report.accept(end);
        return end;
    }

    private WikiSchema schemaOf(TenantId id) {
        Optional<Wiki> wiki = repository.findById(id);
        try {
            return new WikiSchema(id, wiki, wikis.schemaVersion(id), null);
        } catch (RuntimeException e) {
            return new WikiSchema(id, wiki, -1, String.valueOf(e.getMessage()));
        }
    }

    /** The same for the command-line tool, which acts with the data folder owner's authority. */
    public Operator operator() {
        return new Operator();
    }

    /** Migrations without a caller: for the person at the server's console. */
    public final class Operator {
        private Operator() {
        }

        public OpenWikis.Migrated migrate(TenantId wiki) {
            return wikis.migrate(wiki);
        }

        /** Migrates every older wiki on the calling thread, reporting after each (a progress bar). */
        public Progress migrateAll(Consumer<Progress> report) {
            return runAll(report);
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
