package org.wikifarm.usage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.PlatformRight;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PageChange;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.PageStores;
import org.wikifarm.page.WriteGuard;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.WikiStats;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * Each wiki's usage (pages, attachments, bytes of its folder on disk) and limits: measured by a scheduled job every
 * {@code usageIntervalMinutes} (at most {@code usageWikisPerRun} wikis a run: those changed since, then those never
 * or longest ago measured) and soon after a big write ({@link #measureSoon}); stored in the wiki's {@code wiki.db}
 * {@code stats} and mirrored in its platform row. Its {@link #quota()} is the guard every write obeys.
 */
public final class UsageService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageService.class);
    /** A wiki nobody changed is measured again after this long (the search index and git may still grow it). */
    static final Duration REMEASURE = Duration.ofDays(1);
    /** How long {@link #measureSoon} waits, so a burst of requests for one wiki is one measurement. */
    static final long SOON_MILLIS = 1_000;

    /** What a wiki holds and may hold; {@code measuredAt} null when its folder was never measured. */
    public record Stats(int pages, int attachments, long diskUsageBytes, Instant measuredAt, Limits limits) {
        /** The share of the byte limit used, 0–100 (0 when unlimited), for a usage bar. */
        public int bytesPercent() {
            return limits.unlimitedBytes() ? 0 : (int) Math.min(100, diskUsageBytes * 100 / limits.bytes());
        }

        public String diskUsage() {
            return Bytes.human(diskUsageBytes);
        }

        public String bytesLimit() {
            return limits.unlimitedBytes() ? "unlimited" : Bytes.human(limits.bytes());
        }
    }

    /** A wiki in the platform admin's list. */
    public record WikiUsage(Wiki wiki, Stats stats) {
    }

    /** How the admin list is sorted; each is a fixed ORDER BY, never text from a request. */
    public enum Sort {
        CREATED("w.created_at DESC"), NAME("u.username, w.slug"), PAGES("w.page_count DESC"),
        ATTACHMENTS("w.attachment_count DESC"), USAGE("w.disk_usage_bytes DESC"), LIMIT(null);

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }

        public static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return CREATED;
            }
            for (Sort sort : values()) {
                if (sort.name().equalsIgnoreCase(value.strip())) {
                    return sort;
                }
            }
            throw new WikifarmException.InvalidInput("invalid_sort",
                    "Wikis can be sorted by created, name, pages, attachments, usage or limit.");
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final UsageTable table;
    private volatile String node;
    private final WikiRepository wikis;
    private final WikiStats stats;
    private final Function<TenantId, WikiLease> leases;
    private final PageStores stores;
    private final Permissions permissions;
    private final Path wikisDir;
    private final Settings.Quota settings;
    private final int maxListItems;
    private final Clock clock;
    private final Quota quota;
    private final Set<TenantId> changed = ConcurrentHashMap.newKeySet();
    private final Set<TenantId> soon = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;
    private final java.util.concurrent.atomic.AtomicLong measurements = new java.util.concurrent.atomic.AtomicLong();

    public UsageService(PlatformDatabase db, WikiRepository wikis, WikiSessions sessions,
                        Function<TenantId, WikiLease> leases, PageStores stores, Permissions permissions,
                        Path wikisDir, Settings.Quota settings, int maxListItems, Clock clock) {
        this.table = new UsageTable(db);
        this.wikis = wikis;
        this.stats = new WikiStats(sessions);
        this.leases = leases;
        this.stores = stores;
        this.permissions = permissions;
        this.wikisDir = wikisDir;
        this.settings = settings;
        this.maxListItems = maxListItems;
        this.clock = clock;
        this.quota = new Quota(this::start);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "wikifarm-usage");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The guard to register on the page service (and on any other writer of a wiki: a push, an upload). */
    public WriteGuard quota() {
        return quota;
    }

    /** Starts the scheduled job. */
    public void start() {
        long every = settings.usageIntervalMinutes();
        scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MINUTES);
    }

    // ---- reading

    /**
     * The wiki's usage and limits, for anyone who may read it. A wiki never measured (new, or from before usage was
     * measured) is measured now, once, so its figures are never a meaningless zero.
     */
    public Stats stats(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.READ);
        UsageTable.Row row = table.find(wiki.id()).orElseThrow(UsageService::noSuchWiki);
        return row.measuredAt() == null ? measure(wiki.id()) : stats(row);
    }

    /** Every wiki with its usage and limits, sorted, for platform admins. */
    public List<WikiUsage> wikis(Caller caller, String sort, int limit, int offset) {
        permissions.require(caller, PlatformRight.ADMIN_AREA);
        WikifarmException.InvalidInput.requireListPage(limit, offset, maxListItems);
        Sort order = Sort.of(sort);
        List<Wiki> page = wikis.listAll(order == Sort.LIMIT ? limitOrder() : order.orderBy, limit, offset);
        Map<TenantId, UsageTable.Row> rows = table.find(page.stream().map(Wiki::id).toList());
        List<WikiUsage> listed = new ArrayList<>();
        for (Wiki wiki : page) {
            UsageTable.Row row = rows.get(wiki.id());
            if (row != null) {
                listed.add(new WikiUsage(wiki, stats(row)));
            }
        }
        return listed;
    }

    /** Unlimited wikis last; the defaults are numbers from the settings, not from a request. */
    private String limitOrder() {
        String bytes = "COALESCE(w.quota_bytes, " + settings.bytes() + ")";
        return "CASE WHEN " + bytes + " = 0 THEN 1 ELSE 0 END, " + bytes;
    }

    // ---- limits

    /**
     * Sets a wiki's own limits (platform admins only): {@code bytes} and {@code pages} 0 for unlimited, null for the
     * default; answers the wiki's usage with them. The next write of the wiki is checked against them.
     */
    public WikiUsage setLimits(Caller caller, String wikiId, Long bytes, Integer pages) {
        permissions.require(caller, PlatformRight.SET_QUOTAS);
        if ((bytes != null && bytes < 0) || (pages != null && pages < 0)) {
            throw new WikifarmException.InvalidInput("invalid_limit",
                    "A limit is 0 (unlimited) or more; leave it out for the default.");
        }
        TenantId id = wikiId(wikiId);
        Wiki wiki = wikis.findById(id).orElseThrow(UsageService::noSuchWiki);
        if (!table.setLimits(id, bytes, pages)) {
            throw noSuchWiki();
        }
        Stats updated = stats(table.find(id).orElseThrow(UsageService::noSuchWiki));
        quota.limitsChanged(id, updated.limits());
        return new WikiUsage(wiki, updated);
    }

    // ---- measuring

    /** A page changed: the wiki is measured in the next run of the job (nothing else happens on the writer's thread). */
    public void changed(PageChange change) {
        changed.add(change.wiki());
    }

    /**
     * Measures the wiki about a second from now, off the caller's thread: for anything that can grow a wiki a lot
     * (a push, an upload, a repack). Requests for a wiki already waiting join it.
     */
    public void measureSoon(TenantId wiki) {
        if (soon.add(wiki)) {
            try {
                scheduler.schedule(() -> {
                    soon.remove(wiki);
                    measureQuietly(wiki);
                }, SOON_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                soon.remove(wiki);
            }
        }
    }

    /**
     * Refuses (413, as a write would be) to let the wiki grow by about {@code bytes} that are not page content (a
     * snapshot) when that would take it past its byte limit; allowed growth is counted until the next measurement.
     */
    public void requireRoom(Wiki wiki, long bytes) {
        quota.check(wiki, new WriteGuard.Growth(0, bytes));
    }

    /** Measures the wiki now, on this thread, and stores its figures; answers them. */
    public Stats measure(TenantId wiki) {
        measurements.incrementAndGet();
        Quota.Mark mark = quota.beginMeasure(wiki);
        int pages;
        int attachments;
        long bytes;
        try (WikiLease lease = leases.apply(wiki)) {
            PageStore store = stores.of(lease);
            pages = store.pageCount();
            attachments = store.otherFileCount();
            bytes = FolderSize.of(wikisDir.resolve(wiki.value()));
        }
        stats.set(wiki, WikiStat.ATTACHMENT_COUNT, attachments);
        stats.set(wiki, WikiStat.DISK_USAGE_BYTES, bytes);
        table.storeMeasurement(wiki, pages, attachments, bytes, clock.instant());
        Stats measured = stats(table.find(wiki).orElseThrow(UsageService::noSuchWiki));
        quota.measured(wiki, mark, bytes, pages, measured.limits());
        return measured;
    }

    /**
     * One run of the job: the wikis changed since the last run, then those never measured or not for a day, at most
     * {@code usageWikisPerRun} in all; answers how many it measured. Wikis changed beyond the cap wait for the next run.
     */
    /** On a farm of several nodes: the scheduled job measures only the wikis this node holds. */
    public void measureOnNode(String name) {
        this.node = name;
    }

    public int runOnce() {
        Set<TenantId> due = new LinkedHashSet<>();
        Iterator<TenantId> each = changed.iterator();
        while (each.hasNext() && due.size() < settings.usageWikisPerRun()) {
            due.add(each.next());
            each.remove();
        }
        if (due.size() < settings.usageWikisPerRun()) {
            due.addAll(table.stalest(clock.instant().minus(REMEASURE), settings.usageWikisPerRun() - due.size(),
                    node));
        }
        int measured = 0;
        for (TenantId wiki : due) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            measured += measureQuietly(wiki) ? 1 : 0;
        }
        return measured;
    }

    /** How many measurements were made since start (tests count the coalescing of {@link #measureSoon}). */
    long measurements() {
        return measurements.get();
    }

    private void runSafely() {
        try {
            int measured = runOnce();
            LOG.debug("Measured the usage of {} wikis", measured);
        } catch (RuntimeException e) {
            LOG.warn("The usage job failed; it runs again in {} minutes", settings.usageIntervalMinutes(), e);
        }
    }

    private boolean measureQuietly(TenantId wiki) {
        try {
            measure(wiki);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not measure the usage of wiki {}", wiki, e);
            return false;
        }
    }

    /**
     * Where a wiki's quota ledger starts: its stored figures, or, for a wiki never measured (new, or from before
     * usage was measured), its folder measured now, once; the job stores it in its next run (never-measured wikis
     * come first), and asking for the wiki's stats stores it at once. Nothing is written here: it runs inside a write.
     */
    private Quota.Start start(TenantId wiki) {
        UsageTable.Row row = table.find(wiki).orElseThrow(UsageService::noSuchWiki);
        Limits limits = Limits.of(settings, row.ownBytes(), row.ownPages());
        if (row.measuredAt() != null) {
            return new Quota.Start(row.bytes(), row.pages(), limits);
        }
        return new Quota.Start(FolderSize.of(wikisDir.resolve(wiki.value())), row.pages(), limits);
    }

    private Stats stats(UsageTable.Row row) {
        return new Stats(row.pages(), row.attachments(), row.bytes(), row.measuredAt(),
                Limits.of(settings, row.ownBytes(), row.ownPages()));
    }

    private static TenantId wikiId(String value) {
        try {
            return new TenantId(value == null ? "" : value);
        } catch (RuntimeException e) {
            throw noSuchWiki();
        }
    }

    private static WikifarmException noSuchWiki() {
        return new WikifarmException.NotFound("wiki_not_found", "There is no such wiki.");
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The usage job did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
