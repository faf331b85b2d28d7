package org.wikifarm.page;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.Deadline;
import org.wikifarm.limit.JsonSize;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.limit.OverBudgetException;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * The page API every front door uses (REST, web UI, MCP): each thing a door does with pages is one method here.
 * Each method decides the caller's rights once ({@link Permissions}), leases the wiki once, does its work on the
 * wiki's {@link PageStore} under that lease, and keeps the page counts in step. It also holds every limit on pages
 * ({@link Settings.Limits}): the size of a page and a draft, the commit message, how many drafts one writer keeps,
 * and how much stored history one answer carries, so no door can get around them. Defaults (which revisions a diff
 * compares, how long a list is) are filled in here, never by a door.
 */
public final class PageService {
    private static final Logger LOG = LoggerFactory.getLogger(PageService.class);
    private static final PagePath HOME = new PagePath("Home");
    /**
     * How long looking for a missing page's last change may take (the walk through history for its name); past it
     * the page is simply not found, without the note on its deletion.
     */
    static final Duration MISSING_PAGE_BUDGET = Duration.ofMillis(300);
    static final Duration DELETED_PAGES_BUDGET = Duration.ofMillis(500);
    static final int DELETED_PAGES_BATCH = 200;
    static final int DELETED_PAGES_MAX_COMMITS = 20_000;

    private final Function<TenantId, WikiLease> leases;
    private final Permissions permissions;
    private final Settings.Limits limits;
    private final PageLimits checks;
    private final Drafts drafts;
    private final PageCounts counts;
    private final PageStores stores;
    private final BlameSlots blames = new BlameSlots(Blame.PER_WIKI);
    private final List<Consumer<PageChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<WriteGuard> guards = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<Wiki, Pushed>> pushListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Wiki>> attachmentListeners = new CopyOnWriteArrayList<>();
    private final Thumbnails thumbnails;

    /**
     * @param leases leases an open wiki ({@code OpenWikis::acquire})
     * @param stores each open wiki's page store
     */
    public PageService(Function<TenantId, WikiLease> leases, Permissions permissions, WikiSessions sessions,
                       WikiRepository wikiRepository, Settings.Limits limits, PageStores stores) {
        this.leases = leases;
        this.permissions = permissions;
        this.limits = limits;
        this.checks = new PageLimits(limits);
        this.drafts = new Drafts(sessions, checks);
        this.counts = new PageCounts(sessions, wikiRepository);
        this.stores = stores;
        this.thumbnails = new Thumbnails(limits.maxImagePixels(), limits.thumbnailCacheBytes());
    }

    public Settings.Limits limits() {
        return limits;
    }

    /**
     * Adds a listener told of every committed page change (search indexing, later quotas and git push). It runs on
     * the writer's thread after the commit, so it must be quick; if it fails, the change still stands.
     */
    public void onChange(Consumer<PageChange> listener) {
        listeners.add(listener);
    }

    /**
     * Adds a listener told of every accepted {@code git push}, after its page changes were announced: the point where
     * the usage statistics re-measure a wiki right after a push (a push can grow it a lot at once). It runs on the
     * pusher's thread; if it fails, the push still stands.
     */
    public void onPush(BiConsumer<Wiki, Pushed> listener) {
        pushListeners.add(listener);
    }

    /** Adds a rule every write obeys before anything is stored (quotas); see {@link WriteGuard}. */
    public void guard(WriteGuard guard) {
        guards.add(guard);
    }

    /**
     * Asks every guard whether the wiki may change by {@code growth}; the first refusal is thrown. Every write passes
     * it to its store as the write's guard, so it runs under the store's write lock with the write's exact growth,
     * before anything is stored; deletes too (they shrink the wiki, so guards let them through and count them).
     */
    private void checkGrowth(Wiki wiki, WriteGuard.Growth growth) {
        for (WriteGuard guard : guards) {
            guard.check(wiki, growth);
        }
    }

    private void announce(List<PageChange> changes) {
        for (PageChange change : changes) {
            for (Consumer<PageChange> listener : listeners) {
                try {
                    listener.accept(change);
                } catch (RuntimeException e) {
                    LOG.error("A listener failed on {} of {} in wiki {}", change.kind(), change.path(), change.wiki(),
                            e);
                }
            }
        }
    }

    // ---- reading

    /**
     * Everything a page view shows: the page (current, or at a revision), the wiki's current commit (read before the
     * page, so the page is at least that new), the backlinks, and the sidebar.
     */
    public record PageView(Page page, String head, List<PagePath> backlinks, Sidebar sidebar) {
    }

    public PageView view(Caller caller, Wiki wiki, PagePath path, String revision) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        String checkedRevision = revision == null || revision.isBlank() ? null : RevisionId.check(revision);
        return withStore(wiki, store -> {
            String head = store.head();
            Page page = (checkedRevision == null ? store.read(path) : store.read(path, checkedRevision))
                    .orElseThrow(() -> new PageNotFoundException(path));
            return new PageView(page, head, store.links(path).backlinks(), new Sidebar(store.list(null), granted));
        });
    }

    /**
     * The current version of a page, for a screen that keeps whole views per HEAD commit: either what {@code kept}
     * finds for the wiki's HEAD and the caller's rights ({@code kept}), or, if it finds nothing, the page read now
     * ({@code view}); exactly one of the two is set.
     */
    public record CurrentView<T>(T kept, PageView view) {
    }

    /**
     * A view of the page's current version that asks {@code kept} first. The caller's rights are decided before
     * {@code kept} is asked — someone who may not read gets the same refusal as from {@link #view} — and it is
     * asked with the HEAD read under the same lease; only if it has nothing is the page read, with its backlinks and
     * the sidebar.
     *
     * @param kept what the screen kept for a HEAD commit and a set of rights, or null
     */
    public <T> CurrentView<T> viewCurrent(Caller caller, Wiki wiki, PagePath path,
                                          BiFunction<String, Set<Permission>, T> kept) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        return withStore(wiki, store -> {
            String head = store.head();
            T found = head == null ? null : kept.apply(head, granted);
            if (found != null) {
                return new CurrentView<>(found, null);
            }
            Page page = store.read(path).orElseThrow(() -> new PageNotFoundException(path));
            return new CurrentView<>(null, new PageView(page, head, store.links(path).backlinks(),
                    new Sidebar(store.list(null), granted)));
        });
    }

    public Page read(Caller caller, Wiki wiki, PagePath path, String revision) {
        permissions.require(caller, wiki, Permission.READ);
        String checkedRevision = revision == null ? null : RevisionId.check(revision);
        return withStore(wiki, store -> (checkedRevision == null ? store.read(path) : store.read(path, checkedRevision))
                .orElseThrow(() -> new PageNotFoundException(path)));
    }

    /** The page as it is now, for a screen about to change it: only for callers who may write. */
    public Page readToChange(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        return withStore(wiki, store -> store.read(path).orElseThrow(() -> new PageNotFoundException(path)));
    }

    /** What the editor opens with; only for callers who may write. An anonymous writer keeps no drafts. */
    public Editing editor(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        String owner = Writers.draftOwnerOrNull(caller);
        return withStore(wiki, store -> new Editing(store.read(path),
                owner == null ? Optional.empty() : drafts.find(wiki, path, owner)));
    }

    /** The sidebar alone (the index, a preview's links): {@code needed} is what the screen asks of the caller. */
    public Sidebar sidebar(Caller caller, Wiki wiki, Permission needed) {
        Set<Permission> granted = granted(caller, wiki, needed);
        return withStore(wiki, store -> new Sidebar(store.list(null), granted));
    }

    /**
     * The page index screen: the pages the front-matter filter keeps (all with {@link PageFilter#NONE}) and the
     * sidebar.
     */
    public Screen<List<PagePath>> indexScreen(Caller caller, Wiki wiki, PageFilter filter) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        return withStore(wiki, store -> {
            List<PagePath> all = store.list(null);
            return new Screen<>(filter.any() ? all : store.filed(null, filter), new Sidebar(all, granted));
        });
    }

    /** What the caller may do on the wiki, for screens that show or hide actions. */
    public Set<Permission> permissions(Caller caller, Wiki wiki) {
        return permissions.of(caller, wiki);
    }

    /**
     * Why a page is missing, for the screen shown at its address: what the caller may do, and — for a caller who
     * may read — the commit that removed it: its deletion ({@code deletion}), or the rename that moved it away
     * ({@code movedTo}, the name it was given). Both are empty when the page exists or never did.
     */
    public record Missing(Set<Permission> granted, Optional<Change> deletion, Optional<PagePath> movedTo) {
        public static Missing nothing(Set<Permission> granted) {
            return new Missing(granted, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Why the page is not there. The caller's rights are decided once and given back whatever they are (the screen
     * for a missing page shows them); history is read only for a caller who may read. The newest commit that touched
     * the name of a page that does not exist is the one that removed it.
     */
    public Missing missing(Caller caller, Wiki wiki, PagePath path) {
        Set<Permission> granted = permissions.of(caller, wiki);
        if (!granted.contains(Permission.READ)) {
            return Missing.nothing(granted);
        }
        return withStore(wiki, store -> {
            if (store.read(path).isPresent()) {
                return Missing.nothing(granted);
            }
            List<Change> newest;
            try {
                // Any 404 asks, bots' too, and a name that never existed walks the whole history: bounded in time.
                newest = Deadline.within(Deadline.after(MISSING_PAGE_BUDGET), () -> store.history(path, 1,
                        limits.maxMessageChars(), checks.budget(limits.maxListBytes())));
            } catch (OverBudgetException tooLong) {
                return Missing.nothing(granted);
            }
            if (newest.isEmpty()) {
                return Missing.nothing(granted);
            }
            Change removal = newest.get(0);
            for (ChangedFile file : removal.pages()) {
                if (file.kind() == ChangedFile.Kind.RENAMED && path.equals(file.oldPath())) {
                    return new Missing(granted, Optional.empty(), Optional.of(file.path()));
                }
            }
            return new Missing(granted, Optional.of(removal), Optional.empty());
        });
    }

    /** A page that was deleted and is not there now, with the change that deleted it. */
    public record DeletedPage(PagePath path, Change deletion) {
    }

    /**
     * The deleted pages found, newest deletion first, and whether the search looked through the whole history
     * ({@code complete}) or stopped at its bounds.
     */
    public record DeletedPages(List<DeletedPage> pages, boolean complete) {
    }

    /**
     * The deleted pages screen: pages whose newest change is their deletion and that are not there now (a page deleted
     * and made again, or renamed away, is not listed), newest first, with the sidebar. The history is read newest first
     * {@value #DELETED_PAGES_BATCH} commits at a time, for at most {@link #DELETED_PAGES_BUDGET} and
     * {@value #DELETED_PAGES_MAX_COMMITS} commits, up to {@code maxListItems} pages.
     */
    public Screen<DeletedPages> deletedScreen(Caller caller, Wiki wiki) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        return withStore(wiki, store -> {
            List<PagePath> now = store.list(null);
            return new Screen<>(deleted(store, now), new Sidebar(now, granted));
        });
    }

    /** The deleted pages, as {@link #deletedScreen} finds them, for the API. */
    public DeletedPages deleted(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> deleted(store, store.list(null)));
    }

    private DeletedPages deleted(PageStore store, List<PagePath> now) {
        Set<PagePath> present = new java.util.HashSet<>(now);
        Set<PagePath> seen = new java.util.HashSet<>();
        List<DeletedPage> deleted = new ArrayList<>();
        Deadline deadline = Deadline.after(DELETED_PAGES_BUDGET);
        String before = null;
        int read = 0;
        boolean complete = false;
        while (deleted.size() < limits.maxListItems() && read < DELETED_PAGES_MAX_COMMITS && !deadline.passed()) {
            ListBudget budget = checks.budget(limits.maxListBytes());
            List<Change> batch = store.changelog(DELETED_PAGES_BATCH, before, limits.maxMessageChars(), budget);
            for (Change change : batch) {
                for (ChangedFile file : change.pages()) {
                    boolean first = seen.add(file.path());
                    if (file.oldPath() != null) {
                        seen.add(file.oldPath());
                    }
                    if (first && file.kind() == ChangedFile.Kind.DELETED && !present.contains(file.path())
                            && deleted.size() < limits.maxListItems()) {
                        deleted.add(new DeletedPage(file.path(), change));
                    }
                }
            }
            read += batch.size();
            if (batch.isEmpty() || (batch.size() < DELETED_PAGES_BATCH && !budget.truncated())) {
                complete = true;
                break;
            }
            before = batch.get(batch.size() - 1).revision();
        }
        return new DeletedPages(deleted, complete);
    }

    /**
     * Changes in a list, and whether the list stopped early to stay within its byte budget (not merely at
     * {@code limit}): the caller then asks again from the last revision it got.
     */
    public record Changes(List<Change> changes, boolean truncated) {
    }

    /**
     * The page's changes, newest first: at most {@code limit} of them and {@code maxBytes} (itself at most
     * {@code maxListBytes}) of their JSON, each with the first {@code maxMessageChars} of its message.
     */
    public Changes history(Caller caller, Wiki wiki, PagePath path, int limit, long maxBytes) {
        permissions.require(caller, wiki, Permission.READ);
        int checkedLimit = checks.checkLimit(limit);
        return withStore(wiki, store -> history(store, path, checkedLimit, checks.budget(maxBytes)));
    }

    /** The history screen: the page's newest changes, at most {@code maxListItems}, and the sidebar. */
    public Screen<List<Change>> historyScreen(Caller caller, Wiki wiki, PagePath path, int limit) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        int checkedLimit = checks.checkLimit(Math.min(limit, limits.maxListItems()));
        return withStore(wiki, store -> new Screen<>(history(store, path, checkedLimit,
                checks.budget(limits.maxListBytes())).changes(), new Sidebar(store.list(null), granted)));
    }

    private Changes history(PageStore store, PagePath path, int limit, ListBudget budget) {
        List<Change> changes = store.history(path, limit, limits.maxMessageChars(), budget);
        if (changes.isEmpty()) {
            throw new PageNotFoundException(path);
        }
        return new Changes(changes, budget.truncated());
    }

    /** The wiki's changes, newest first, bounded as {@link #history} is; {@code before} pages on. */
    public Changes changelog(Caller caller, Wiki wiki, int limit, String before, long maxBytes) {
        permissions.require(caller, wiki, Permission.READ);
        String checkedBefore = before == null || before.isBlank() ? null : RevisionId.check(before);
        int checkedLimit = checks.checkLimit(limit);
        ListBudget budget = checks.budget(maxBytes);
        return withStore(wiki, store -> new Changes(
                store.changelog(checkedLimit, checkedBefore, limits.maxMessageChars(), budget), budget.truncated()));
    }

    /** The changes screen: the wiki's newest changes (at most {@code maxListItems}) and the sidebar. */
    public Screen<List<Change>> changelogScreen(Caller caller, Wiki wiki, int limit, String before) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        String checkedBefore = before == null || before.isBlank() ? null : RevisionId.check(before);
        int checkedLimit = checks.checkLimit(Math.min(limit, limits.maxListItems()));
        ListBudget budget = checks.budget(limits.maxListBytes());
        return withStore(wiki, store -> new Screen<>(store.changelog(checkedLimit, checkedBefore,
                limits.maxMessageChars(), budget), new Sidebar(store.list(null), granted)));
    }

    /**
     * One commit of the wiki in full, up to what one answer may carry: the message up to a twelfth of
     * {@code maxListBytes} in characters (a character takes at most six bytes as JSON), and as many of its pages as
     * fit in half of it.
     */
    public Change change(Caller caller, Wiki wiki, String revision) {
        permissions.require(caller, wiki, Permission.READ);
        String checked = RevisionId.check(revision);
        int messageChars = (int) Math.min(Integer.MAX_VALUE, limits.maxListBytes() / 12);
        Change change = withStore(wiki, store -> store.change(checked, messageChars, limits.maxListItems()));
        ListBudget.Fitted<ChangedFile> pages = ListBudget.fit(change.pages(), limits.maxListBytes() / 2,
                limits.maxListItems(), page -> JsonSize.field(page.path().value()) + JsonSize.field("RENAMED")
                        + JsonSize.field(page.oldPath() == null ? null : page.oldPath().value()));
        return new Change(change.revision(), change.author(), change.email(), change.date(), change.message(),
                pages.items(), change.messageTruncated(), change.pagesTruncated() || pages.truncated());
    }

    /**
     * The page's diff between two revisions: {@code to} defaults to the page's current revision, {@code from} to
     * the commit before {@code to}, so that a diff given only {@code to} shows what that change did (for the first
     * commit of a wiki, which has none before it, {@code to} itself: an empty diff).
     */
    public Diff diff(Caller caller, Wiki wiki, PagePath path, String from, String to) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> diff(store, path, from, to));
    }

    /** The diff screen: {@link #diff} and the sidebar. */
    public Screen<Diff> diffScreen(Caller caller, Wiki wiki, PagePath path, String from, String to) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        return withStore(wiki, store -> new Screen<>(diff(store, path, from, to),
                new Sidebar(store.list(null), granted)));
    }

    private static Diff diff(PageStore store, PagePath path, String from, String to) {
        String checkedTo = blank(to) ? store.lastChange(path) : RevisionId.check(to);
        if (checkedTo == null) {
            throw new PageNotFoundException(path);
        }
        String parent = blank(from) ? store.parent(checkedTo) : null;
        String checkedFrom = blank(from) ? (parent == null ? checkedTo : parent) : RevisionId.check(from);
        return new Diff(checkedFrom, checkedTo, store.diff(path, checkedFrom, checkedTo));
    }

    /**
     * Who last changed each line of the page as of {@code revision} (blank: the current commit), following renames;
     * bounded by {@link Blame#BUDGET} and {@link Blame#MAX_COMMITS} (an incomplete answer says so), by
     * {@code maxPageBytes}, and to {@link Blame#PER_WIKI} at once per wiki (429 past it).
     */
    public Blame blame(Caller caller, Wiki wiki, PagePath path, String revision) {
        permissions.require(caller, wiki, Permission.READ);
        String checked = blank(revision) ? null : RevisionId.check(revision);
        return withStore(wiki, store -> blame(wiki, store, path, checked));
    }

    /** The blame screen: {@link #blame} and the sidebar. */
    public Screen<Blame> blameScreen(Caller caller, Wiki wiki, PagePath path, String revision) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        String checked = blank(revision) ? null : RevisionId.check(revision);
        return withStore(wiki, store -> new Screen<>(blame(wiki, store, path, checked),
                new Sidebar(store.list(null), granted)));
    }

    private Blame blame(Wiki wiki, PageStore store, PagePath path, String revision) {
        return blames.run(wiki.id(), () -> store.blame(path, revision, limits.maxPageBytes(), Blame.MAX_COMMITS,
                Deadline.after(Blame.BUDGET)));
    }

    /** Every page whose path starts with {@code prefix} (null or empty: all), sorted by path. */
    public List<PagePath> list(Caller caller, Wiki wiki, String prefix) {
        return list(caller, wiki, prefix, PageFilter.NONE);
    }

    /**
     * As {@link #list(Caller, Wiki, String)}, only the pages whose front matter names the filter's category and tag
     * (docs/markdown.md); the wiki keeps every page's front matter beside its links, so no page is read.
     */
    public List<PagePath> list(Caller caller, Wiki wiki, String prefix, PageFilter filter) {
        permissions.require(caller, wiki, Permission.READ);
        PageLimits.checkPrefix(prefix);
        return withStore(wiki, store -> filter.any() ? store.list(prefix) : store.filed(prefix, filter));
    }

    /**
     * One stretch of the page list: the pages after {@code after} (null: from the start) whose path starts with
     * {@code prefix}, at most {@code limit} of them and {@code maxBytes} of their paths as JSON; {@code count} is
     * how many match the prefix in all, {@code next} the {@code after} that continues the list (null at its end).
     */
    public record PageList(List<PagePath> pages, int count, String next) {
    }

    public PageList list(Caller caller, Wiki wiki, String prefix, String after, int limit, long maxBytes) {
        return list(caller, wiki, prefix, PageFilter.NONE, after, limit, maxBytes);
    }

    /** A stretch of the pages the filter keeps, as {@link #list(Caller, Wiki, String, String, int, long)}. */
    public PageList list(Caller caller, Wiki wiki, String prefix, PageFilter filter, String after, int limit,
            long maxBytes) {
        List<PagePath> all = list(caller, wiki, prefix, filter);
        PageLimits.checkPrefix(after);
        int checkedLimit = checks.checkLimit(limit);
        int from = 0;
        if (after != null && !after.isEmpty()) {
            while (from < all.size() && all.get(from).value().compareTo(after) <= 0) {
                from++;
            }
        }
        List<PagePath> rest = all.subList(from, all.size());
        ListBudget.Fitted<PagePath> shown = ListBudget.fit(rest, Math.min(maxBytes, limits.maxListBytes()),
                checkedLimit, page -> JsonSize.field(page.value()));
        boolean more = shown.items().size() < rest.size();
        return new PageList(shown.items(), all.size(),
                more ? shown.items().get(shown.items().size() - 1).value() : null);
    }

    /**
     * The pages whose path starts with {@code prefix} that changed at or after {@code since}, each with the date of
     * its last change, sorted by path; with {@code since} null, every such page, without dates.
     */
    public List<ListedPage> changedSince(Caller caller, Wiki wiki, String prefix, Instant since) {
        return changedSince(caller, wiki, prefix, since, PageFilter.NONE);
    }

    /** As {@link #changedSince(Caller, Wiki, String, Instant)}, only the pages the front-matter filter keeps. */
    public List<ListedPage> changedSince(Caller caller, Wiki wiki, String prefix, Instant since, PageFilter filter) {
        permissions.require(caller, wiki, Permission.READ);
        PageLimits.checkPrefix(prefix);
        return withStore(wiki, store -> {
            List<PagePath> pages = filter.any() ? store.list(prefix) : store.filed(prefix, filter);
            if (since == null) {
                return pages.stream().map(page -> new ListedPage(page, null)).toList();
            }
            Map<PagePath, Instant> changed = store.changedSince(since);
            List<ListedPage> listed = new ArrayList<>();
            for (PagePath page : pages) {
                Instant date = changed.get(page);
                if (date != null) {
                    listed.add(new ListedPage(page, date));
                }
            }
            return listed;
        });
    }

    /** The pages no other page links to, Home aside, sorted by path. */
    public List<PagePath> orphans(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> store.unlinked().stream().filter(page -> !page.equals(HOME)).toList());
    }

    public PageLinks links(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> {
            if (store.lastChange(path) == null) {
                throw new PageNotFoundException(path);
            }
            return store.links(path);
        });
    }

    // ---- writing

    public Saved save(Caller caller, Wiki wiki, PagePath path, String content, String baseRevision, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        Saved saved = withStore(wiki, store -> write(wiki, store, caller, path, content, baseRevision, message));
        announce(List.of(PageChange.saved(wiki.id(), path)));
        return saved;
    }

    /**
     * A save from the editor: on success the writer's draft of the page is discarded; a refusal (someone saved first,
     * the text or message too large, the wiki's limits) comes back with what the editor shows next instead of being
     * thrown. Only a caller who may not write gets an exception.
     */
    public EditorSave publish(Caller caller, Wiki wiki, PagePath path, String content, String baseRevision,
                              String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String owner = Writers.draftOwnerOrNull(caller);
        EditorSave outcome = withStore(wiki, store -> {
            Saved saved;
            try {
                saved = write(wiki, store, caller, path, content, baseRevision, message);
            } catch (StaleRevisionException stale) {
                Optional<Page> current = store.read(path);
                return EditorSave.stale(stale, current,
                        store.compare(path, current.map(Page::content).orElse(""), content));
            } catch (WikifarmException.Unauthenticated | WikifarmException.Forbidden denied) {
                throw denied;
            } catch (WikifarmException refused) {
                return EditorSave.refused(refused, store.read(path),
                        owner == null ? Optional.empty() : drafts.find(wiki, path, owner));
            }
            if (owner != null) {
                drafts.delete(wiki, path, owner);
            }
            return EditorSave.saved(saved);
        });
        if (outcome.saved() != null) {
            announce(List.of(PageChange.saved(wiki.id(), path)));
        }
        return outcome;
    }

    /** The one save path, for a caller whose right to write is checked. */
    private Saved write(Wiki wiki, PageStore store, Caller caller, PagePath path, String content, String baseRevision,
                        String message) {
        String base = blank(baseRevision) ? null : RevisionId.check(baseRevision);
        checks.requireSize(content, "A page");
        String cleanMessage = checks.message(message);
        Saved saved = store.save(path, content, base, Writers.author(caller), cleanMessage,
                growth -> checkGrowth(wiki, growth));
        if (saved.created()) {
            counts.update(wiki, store);
        }
        return saved;
    }

    /**
     * Replaces the one occurrence of {@code oldText} in the page with {@code newText}, if the page is still at
     * {@code baseRevision}: the stale check and the match are made under the store's lock against one commit, so
     * nobody's edit slips in between. {@link TextMismatchException} says how often the text occurs otherwise.
     */
    public Saved edit(Caller caller, Wiki wiki, PagePath path, String baseRevision, String oldText, String newText,
                      String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = RevisionId.check(baseRevision);
        PageLimits.requireUnicode(oldText, "The text to replace");
        PageLimits.requireUnicode(newText, "The new text");
        Replacement replacement = new Replacement(oldText, newText);
        String cleanMessage = checks.message(message);
        Saved saved = withStore(wiki, store -> store.edit(path, base, replacement, Writers.author(caller),
                cleanMessage, limits.maxPageBytes(), growth -> checkGrowth(wiki, growth)));
        announce(List.of(PageChange.saved(wiki.id(), path)));
        return saved;
    }

    /** Deletes a page; returns the deleting commit. */
    public String delete(Caller caller, Wiki wiki, PagePath path, String baseRevision, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = blank(baseRevision) ? null : RevisionId.check(baseRevision);
        String cleanMessage = checks.message(message);
        String deleted = withStore(wiki, store -> {
            String revision = store.delete(path, base, Writers.author(caller), cleanMessage,
                    growth -> checkGrowth(wiki, growth));
            counts.update(wiki, store);
            return revision;
        });
        announce(List.of(PageChange.deleted(wiki.id(), path)));
        return deleted;
    }

    /**
     * Moves a page; with {@code relink}, the same commit points every wiki link to the old name, in every page of the
     * wiki, at the new one.
     */
    public Renamed rename(Caller caller, Wiki wiki, PagePath from, PagePath to, String message, boolean relink) {
        permissions.require(caller, wiki, Permission.WRITE);
        String cleanMessage = checks.message(message);
        Renamed renamed = withStore(wiki, store -> store.rename(from, to, Writers.author(caller), cleanMessage, relink,
                limits.maxPageBytes(), growth -> checkGrowth(wiki, growth)));
        List<PageChange> changes = new ArrayList<>(List.of(PageChange.renamed(wiki.id(), from, to)));
        renamed.relinked().forEach(page -> changes.add(PageChange.saved(wiki.id(), page)));
        announce(changes);
        return renamed;
    }

    /** Undoes what {@code revision} did to the page, keeping later edits that do not overlap it. */
    public Reverted revert(Caller caller, Wiki wiki, PagePath path, String revision, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String checked = RevisionId.check(revision);
        String cleanMessage = checks.message(message);
        Reverted reverted = withStore(wiki, store -> {
            Reverted done = store.revert(path, checked, Writers.author(caller), cleanMessage, limits.maxPageBytes(),
                    growth -> checkGrowth(wiki, growth));
            if (done.existed() != done.page().isPresent()) {
                counts.update(wiki, store);
            }
            return done;
        });
        announce(List.of(reverted.page().isPresent() ? PageChange.saved(wiki.id(), path)
                : PageChange.deleted(wiki.id(), path)));
        return reverted;
    }

    /** Brings a deleted page back as it last was, in a new commit; 409 if it exists, 404 if it never did. */
    public Saved restore(Caller caller, Wiki wiki, PagePath path, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String cleanMessage = checks.message(message);
        Saved restored = withStore(wiki, store -> {
            Saved saved = store.restore(path, Writers.author(caller), cleanMessage, limits.maxPageBytes(),
                    growth -> checkGrowth(wiki, growth));
            counts.update(wiki, store);
            return saved;
        });
        announce(List.of(PageChange.saved(wiki.id(), path)));
        return restored;
    }

    /**
     * Makes the commits of a {@code git push} the wiki's, through the same path as a page save: one permission
     * decision (WRITE), the store's write lock and compare-and-set ({@link PageStore#push}; a push that lost a race
     * with a save is refused as not a fast-forward), the pushed files checked as page writes are (paths, kinds, size
     * within {@code maxPageBytes}), the write guards (quota) told the growth before the branch moves, the page
     * count, and every changed page announced (search indexing). {@code receivedBytes} is the size of the pack the
     * push sent. Refusals are {@code WikifarmException}s whose message names the problem (and the file).
     */
    public Pushed push(Caller caller, Wiki wiki, String oldHead, String newHead, long receivedBytes, int maxCommits) {
        permissions.require(caller, wiki, Permission.WRITE);
        String checkedOld = oldHead == null ? null : RevisionId.check(oldHead);
        String checkedNew = RevisionId.check(newHead);
        Pushed pushed = withStore(wiki, store -> {
            Pushed done = store.push(checkedOld, checkedNew, limits.maxPageBytes(), limits.maxAttachmentBytes(),
                    maxCommits,
                    candidate -> checkGrowth(wiki, pushGrowth(candidate, receivedBytes)));
            if (done.pageDelta() != 0) {
                counts.update(wiki, store);
            }
            return done;
        });
        List<PageChange> changes = new ArrayList<>();
        pushed.saved().forEach(page -> changes.add(PageChange.saved(wiki.id(), page)));
        pushed.deleted().forEach(page -> changes.add(PageChange.deleted(wiki.id(), page)));
        announce(changes);
        for (BiConsumer<Wiki, Pushed> listener : pushListeners) {
            try {
                listener.accept(wiki, pushed);
            } catch (RuntimeException e) {
                LOG.error("A push listener failed in wiki {}", wiki.id(), e);
            }
        }
        return pushed;
    }

    /**
     * What a push adds, for the write guards: its pages, and the bytes it brought (the pack), except that a push whose
     * pages hold no more text than before and are no more counts as a clean-up (its content delta), which guards let
     * through so an owner over a limit can clean up by pushing too.
     */
    static WriteGuard.Growth pushGrowth(Pushed pushed, long receivedBytes) {
        if (pushed.pageDelta() <= 0 && pushed.contentBytesDelta() <= 0) {
            return new WriteGuard.Growth(pushed.pageDelta(), pushed.contentBytesDelta());
        }
        return new WriteGuard.Growth(pushed.pageDelta(), Math.max(receivedBytes, pushed.contentBytesDelta()));
    }

    /** Throws the 401/403 a write by this caller would get; for a screen that asks before anything is written. */
    public void requireWrite(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.WRITE);
    }

    // ---- files attached to pages

    /** The page's files and what the caller may do, for the attachments screen, with the sidebar. */
    public record AttachmentList(PagePath page, List<Attachment> files, Set<Permission> granted) {
        public boolean canUpload() {
            return granted.contains(Permission.WRITE) && granted.contains(Permission.UPLOAD);
        }
    }

    /** The page's files, sorted by name; 404 if the page does not exist. */
    public List<Attachment> attachments(Caller caller, Wiki wiki, PagePath page) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> store.attachments(page));
    }

    /** The attachments screen: the page's files, what the caller may do with them, and the sidebar. */
    public Screen<AttachmentList> attachmentsScreen(Caller caller, Wiki wiki, PagePath page) {
        Set<Permission> granted = granted(caller, wiki, Permission.READ);
        return withStore(wiki, store -> new Screen<>(new AttachmentList(page, store.attachments(page), granted),
                new Sidebar(store.list(null), granted)));
    }

    /**
     * One of the page's files with its detected type; when {@code knownId} (an {@code If-None-Match}) is its current
     * id, the answer has no content and the file is not read (a 304).
     */
    public AttachmentFile attachment(Caller caller, Wiki wiki, PagePath page, String name, String knownId) {
        permissions.require(caller, wiki, Permission.READ);
        AttachmentName file = new AttachmentName(name);
        return withStore(wiki, store -> {
            if (knownId != null && knownId.equals(store.attachmentId(page, file).orElse(null))) {
                return new AttachmentFile(file, knownId, null, null);
            }
            PageStore.StoredFile stored = store.attachment(page, file).orElseThrow(() -> missingFile(page, file));
            return new AttachmentFile(file, stored.id(), stored.content(), ContentTypes.detect(stored.content()));
        });
    }

    /**
     * A thumbnail of one of the page's images, {@code width} pixels wide at most: from the cache when one was made
     * of the same bytes (nothing but the file's id is read), else made now, bounded ({@link Thumbnails}).
     */
    public Thumbnails.Thumbnail thumbnail(Caller caller, Wiki wiki, PagePath page, String name, int width) {
        permissions.require(caller, wiki, Permission.READ);
        AttachmentName file = new AttachmentName(name);
        int checkedWidth = Thumbnails.checkWidth(width);
        return withStore(wiki, store -> {
            String id = store.attachmentId(page, file).orElseThrow(() -> missingFile(page, file));
            Thumbnails.Thumbnail kept = thumbnails.cached(wiki.id(), id, checkedWidth);
            if (kept != null) {
                return kept;
            }
            PageStore.StoredFile stored = store.attachment(page, file).orElseThrow(() -> missingFile(page, file));
            return thumbnails.make(wiki.id(), stored.id(), checkedWidth, stored.content(),
                    ContentTypes.detect(stored.content()));
        });
    }

    /** The commits that changed one of the page's files, newest first. */
    public Changes attachmentHistory(Caller caller, Wiki wiki, PagePath page, String name, int limit) {
        permissions.require(caller, wiki, Permission.READ);
        AttachmentName file = new AttachmentName(name);
        int checkedLimit = checks.checkLimit(Math.min(limit, limits.maxListItems()));
        return withStore(wiki, store -> new Changes(store.attachmentHistory(page, file, checkedLimit,
                limits.maxMessageChars()), false));
    }

    /**
     * Attaches files to a page in one commit: needs WRITE and the wiki's attachment level (UPLOAD). Every name and
     * size is checked before anything is stored (at most {@code maxAttachmentBytes} a file, {@code maxUploadBytes}
     * in all, {@link #MAX_FILES_PER_UPLOAD} files, no name twice), and the write guards (quota) are told the exact
     * growth in bytes under the store's write lock; a refusal stores nothing. A file of the same name is replaced.
     */
    public Uploaded upload(Caller caller, Wiki wiki, PagePath page, List<Upload> files, String message) {
        requireUpload(caller, wiki);
        Map<AttachmentName, byte[]> checked = checkUploads(files);
        String cleanMessage = checks.message(message);
        Uploaded uploaded = withStore(wiki, store -> store.attach(page, checked, Writers.author(caller),
                cleanMessage, growth -> checkGrowth(wiki, growth)));
        attachmentsChanged(wiki);
        return uploaded;
    }

    /** Deletes one of the page's files (WRITE and UPLOAD); returns the deleting commit. */
    public String deleteAttachment(Caller caller, Wiki wiki, PagePath page, String name, String message) {
        requireUpload(caller, wiki);
        AttachmentName file = new AttachmentName(name);
        String cleanMessage = checks.message(message);
        String revision = withStore(wiki, store -> store.detach(page, file, Writers.author(caller), cleanMessage,
                growth -> checkGrowth(wiki, growth)));
        attachmentsChanged(wiki);
        return revision;
    }

    /** Renames one of the page's files (WRITE and UPLOAD); 409 if the new name is taken. */
    public Attachment renameAttachment(Caller caller, Wiki wiki, PagePath page, String from, String to,
                                       String message) {
        requireUpload(caller, wiki);
        AttachmentName source = new AttachmentName(from);
        AttachmentName target = new AttachmentName(to);
        String cleanMessage = checks.message(message);
        return withStore(wiki, store -> store.renameAttachment(page, source, target, Writers.author(caller),
                cleanMessage, growth -> checkGrowth(wiki, growth)));
    }

    /** How many files one upload may carry. */
    public static final int MAX_FILES_PER_UPLOAD = 20;

    private void requireUpload(Caller caller, Wiki wiki) {
        Set<Permission> granted = granted(caller, wiki, Permission.WRITE);
        if (!granted.contains(Permission.UPLOAD)) {
            permissions.require(caller, wiki, Permission.UPLOAD);
        }
    }

    private Map<AttachmentName, byte[]> checkUploads(List<Upload> files) {
        if (files == null || files.isEmpty()) {
            throw new WikifarmException.InvalidInput("no_files", "Choose at least one file to upload.");
        }
        if (files.size() > MAX_FILES_PER_UPLOAD) {
            throw new WikifarmException.InvalidInput("too_many_files", "One upload may carry at most "
                    + MAX_FILES_PER_UPLOAD + " files; upload the others separately.");
        }
        Map<AttachmentName, byte[]> checked = new java.util.LinkedHashMap<>();
        long total = 0;
        for (Upload file : files) {
            AttachmentName name = new AttachmentName(file.name());
            byte[] content = file.content() == null ? new byte[0] : file.content();
            if (content.length > limits.maxAttachmentBytes()) {
                throw new WikifarmException.TooLarge(String.format(java.util.Locale.ROOT,
                        "'%s' has %,d bytes; a file may have at most %,d. Nothing was stored.", name,
                        content.length, limits.maxAttachmentBytes()));
            }
            total += content.length;
            if (checked.put(name, content) != null) {
                throw new WikifarmException.InvalidInput("duplicate_file", "The upload names '" + name
                        + "' twice.");
            }
        }
        if (total > limits.maxUploadBytes()) {
            throw new WikifarmException.TooLarge(String.format(java.util.Locale.ROOT,
                    "The files have %,d bytes together; one upload may have at most %,d. Nothing was stored.",
                    total, limits.maxUploadBytes()));
        }
        return checked;
    }

    private static WikifarmException missingFile(PagePath page, AttachmentName name) {
        return new WikifarmException.NotFound("attachment_not_found", "The page '" + page
                + "' has no file named '" + name + "'.");
    }

    /** Tells the listeners of attachment changes (usage measures the wiki soon: an upload can grow it a lot). */
    private void attachmentsChanged(Wiki wiki) {
        for (Consumer<Wiki> listener : attachmentListeners) {
            try {
                listener.accept(wiki);
            } catch (RuntimeException e) {
                LOG.error("An attachment listener failed in wiki {}", wiki.id(), e);
            }
        }
    }

    /** Adds a listener told after every committed change of attached files (upload, rename, delete). */
    public void onAttachments(Consumer<Wiki> listener) {
        attachmentListeners.add(listener);
    }

    /** The thumbnail cache (its figures, for health and benchmarks). */
    public Thumbnails thumbnails() {
        return thumbnails;
    }

    // ---- drafts

    public Optional<Draft> draft(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        return drafts.find(wiki, path, Writers.draftOwner(caller));
    }

    /** Keeps the caller's draft of a page, within the size of a page and the writer's number of drafts. */
    public Draft saveDraft(Caller caller, Wiki wiki, PagePath path, String content, String baseRevision,
                           Integer line, Integer ch) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = blank(baseRevision) ? null : RevisionId.check(baseRevision);
        return drafts.save(wiki, path, Writers.draftOwner(caller), content, base, line, ch);
    }

    /** Discards the caller's draft; true when there was one. */
    public boolean deleteDraft(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        return drafts.delete(wiki, path, Writers.draftOwner(caller));
    }

    // ---- one decision, one lease

    /**
     * What the caller may do, decided once for the whole operation; a caller without {@code needed} is refused with
     * the 401/403 {@link Permissions#require} words (which decides again, on that path only).
     */
    private Set<Permission> granted(Caller caller, Wiki wiki, Permission needed) {
        Set<Permission> granted = permissions.of(caller, wiki);
        if (!granted.contains(needed)) {
            permissions.require(caller, wiki, needed);
        }
        return granted;
    }

    private <T> T withStore(Wiki wiki, Function<PageStore, T> work) {
        try (WikiLease lease = leases.apply(wiki.id())) {
            return work.apply(stores.of(lease));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
