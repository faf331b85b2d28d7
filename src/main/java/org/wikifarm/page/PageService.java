package org.wikifarm.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.User;
import org.wikifarm.limit.JsonSize;
import org.wikifarm.limit.ListBudget;
import org.wikifarm.page.git.GitDiff;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.WikiStats;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * The page service every front door uses (REST, web UI, MCP, git): the one write path for pages. Each call checks
 * the caller's permission, leases the wiki from {@link OpenWikis}, and keeps the page counts in step. It also holds
 * every limit on pages ({@link Settings.Limits}): the size of a page and a draft, the commit message, how many drafts
 * one writer keeps, and how much stored history one answer carries, so no door can get around them.
 */
public final class PageService {
    private static final Logger LOG = LoggerFactory.getLogger(PageService.class);

    private final OpenWikis wikis;
    private final Permissions permissions;
    private final WikiSessions sessions;
    private final WikiStats stats;
    private final WikiRepository wikiRepository;
    private final Settings.Limits limits;
    private final PageLimits checks;
    private final Drafts drafts;
    private final PageStores stores;
    private final List<Consumer<PageChange>> listeners = new CopyOnWriteArrayList<>();

    public PageService(OpenWikis wikis, Permissions permissions, WikiSessions sessions, WikiRepository wikiRepository,
                       Settings.Limits limits) {
        this.wikis = wikis;
        this.permissions = permissions;
        this.sessions = sessions;
        this.stats = new WikiStats(sessions);
        this.wikiRepository = wikiRepository;
        this.limits = limits;
        this.checks = new PageLimits(limits);
        this.drafts = new Drafts(sessions, checks);
        this.stores = new PageStores(sessions);
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

    private void announce(PageChange change) {
        for (Consumer<PageChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.error("A listener failed on {} of {} in wiki {}", change.kind(), change.path(), change.wiki(), e);
            }
        }
    }

    /** The result of a save: the page as stored, and whether the save created it. */
    public record Saved(Page page, boolean created) {
    }

    /** Everything a page view shows, read under one lease: the page, the wiki's page list, the backlinks. */
    public record PageView(Page page, List<PagePath> allPages, List<PagePath> backlinks, boolean canWrite) {
    }

    public PageView view(Caller caller, Wiki wiki, PagePath path, String revision) {
        Set<Permission> granted = permissions.of(caller, wiki);
        if (!granted.contains(Permission.READ)) {
            permissions.require(caller, wiki, Permission.READ);
        }
        String checkedRevision = revision == null || revision.isBlank() ? null : RevisionId.check(revision);
        return withStore(wiki, store -> {
            Page page = (checkedRevision == null ? store.read(path) : store.read(path, checkedRevision))
                    .orElseThrow(() -> new PageNotFoundException(path));
            return new PageView(page, store.list(null), store.links(path).backlinks(),
                    granted.contains(Permission.WRITE));
        });
    }

    /** Throws the 401/403 a write by this caller would get; for forms shown before anything is written. */
    public void requireWrite(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.WRITE);
    }

    /** The wiki's current commit (null while it has none): what every page of it depends on. */
    public String head(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, GitPageStore::head);
    }

    /** What the caller may do on the wiki, for screens that show or hide actions. */
    public Set<Permission> permissions(Caller caller, Wiki wiki) {
        return permissions.of(caller, wiki);
    }

    /** A unified diff between two texts of a page, e.g. someone else's version and yours. */
    public static String compare(PagePath path, String before, String after) {
        try {
            return GitDiff.unified(path, before.getBytes(StandardCharsets.UTF_8), after.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Page read(Caller caller, Wiki wiki, PagePath path, String revision) {
        permissions.require(caller, wiki, Permission.READ);
        String checkedRevision = revision == null ? null : RevisionId.check(revision);
        return withStore(wiki, store -> (checkedRevision == null ? store.read(path) : store.read(path, checkedRevision))
                .orElseThrow(() -> new PageNotFoundException(path)));
    }

    public Saved save(Caller caller, Wiki wiki, PagePath path, String content, String baseRevision, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = baseRevision == null || baseRevision.isBlank() ? null : RevisionId.check(baseRevision);
        checks.requireSize(content, "A page");
        String cleanMessage = checks.message(message);
        Saved saved = withStore(wiki, store -> {
            boolean existed = store.lastChange(path) != null;
            store.save(path, content, base, author(caller), cleanMessage);
            if (!existed) {
                updatePageCount(wiki, store);
            }
            return new Saved(store.read(path).orElseThrow(), !existed);
        });
        announce(PageChange.saved(wiki.id(), path));
        return saved;
    }

    /** Deletes a page; returns the deleting commit. */
    public String delete(Caller caller, Wiki wiki, PagePath path, String baseRevision, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = baseRevision == null || baseRevision.isBlank() ? null : RevisionId.check(baseRevision);
        String cleanMessage = checks.message(message);
        String deleted = withStore(wiki, store -> {
            String revision = store.delete(path, base, author(caller), cleanMessage);
            updatePageCount(wiki, store);
            return revision;
        });
        announce(PageChange.deleted(wiki.id(), path));
        return deleted;
    }

    public Page rename(Caller caller, Wiki wiki, PagePath from, PagePath to, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String cleanMessage = checks.message(message);
        Page renamed = withStore(wiki, store -> {
            store.rename(from, to, author(caller), cleanMessage);
            return store.read(to).orElseThrow();
        });
        announce(PageChange.renamed(wiki.id(), from, to));
        return renamed;
    }

    /** The result of a revert: the reverting commit, and the page after it (empty when it left the page deleted). */
    public record Reverted(String revision, Optional<Page> page) {
    }

    /** Undoes what {@code revision} did to the page, keeping later edits that do not overlap it. */
    public Reverted revert(Caller caller, Wiki wiki, PagePath path, String revision, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        String checked = RevisionId.check(revision);
        String cleanMessage = checks.message(message);
        Reverted reverted = withStore(wiki, store -> {
            boolean existed = store.lastChange(path) != null;
            String commit = store.revert(path, checked, author(caller), cleanMessage, limits.maxPageBytes());
            Optional<Page> page = store.read(path);
            if (existed != page.isPresent()) {
                updatePageCount(wiki, store);
            }
            return new Reverted(commit, page);
        });
        announce(reverted.page().isPresent() ? PageChange.saved(wiki.id(), path) : PageChange.deleted(wiki.id(), path));
        return reverted;
    }

    /**
     * Changes in a list, and whether the list stopped early to stay within its byte budget (not merely at
     * {@code limit}): the caller then asks again from the last revision it got.
     */
    public record Changes(List<Change> changes, boolean truncated) {
    }

    /** The page's changes for screens that ask for a fixed number: at most {@code maxListItems} of them. */
    public List<Change> history(Caller caller, Wiki wiki, PagePath path, int limit) {
        return history(caller, wiki, path, Math.min(limit, limits.maxListItems()), limits.maxListBytes()).changes();
    }

    /**
     * The page's changes, newest first: at most {@code limit} of them and {@code maxBytes} (itself at most
     * {@code maxListBytes}) of their JSON, each with the first {@code maxMessageChars} of its message.
     */
    public Changes history(Caller caller, Wiki wiki, PagePath path, int limit, long maxBytes) {
        permissions.require(caller, wiki, Permission.READ);
        int checkedLimit = checks.checkLimit(limit);
        ListBudget budget = checks.budget(maxBytes);
        return withStore(wiki, store -> {
            List<Change> changes = store.history(path, checkedLimit, limits.maxMessageChars(), budget);
            if (changes.isEmpty()) {
                throw new PageNotFoundException(path);
            }
            return new Changes(changes, budget.truncated());
        });
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

    public String diff(Caller caller, Wiki wiki, PagePath path, String from, String to) {
        permissions.require(caller, wiki, Permission.READ);
        String checkedFrom = RevisionId.check(from);
        return withStore(wiki, store -> {
            String checkedTo = to == null || to.isBlank() ? store.lastChange(path) : RevisionId.check(to);
            if (checkedTo == null) {
                throw new PageNotFoundException(path);
            }
            return store.diff(path, checkedFrom, checkedTo);
        });
    }

    /** The revision {@code to} defaults to in {@link #diff}: the page's current one. */
    public String currentRevision(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> store.lastChange(path));
    }

    /** The wiki's changes for screens that ask for a fixed number: at most {@code maxListItems} of them. */
    public List<Change> changelog(Caller caller, Wiki wiki, int limit, String before) {
        return changelog(caller, wiki, Math.min(limit, limits.maxListItems()), before, limits.maxListBytes())
                .changes();
    }

    /** The wiki's changes, newest first, bounded as {@link #history(Caller, Wiki, PagePath, int, long)} is. */
    public Changes changelog(Caller caller, Wiki wiki, int limit, String before, long maxBytes) {
        permissions.require(caller, wiki, Permission.READ);
        String checkedBefore = before == null || before.isBlank() ? null : RevisionId.check(before);
        int checkedLimit = checks.checkLimit(limit);
        ListBudget budget = checks.budget(maxBytes);
        return withStore(wiki, store -> new Changes(
                store.changelog(checkedLimit, checkedBefore, limits.maxMessageChars(), budget), budget.truncated()));
    }

    /**
     * When each page changed last, for the pages changed since {@code from} that were not deleted by that change:
     * the changelog walked back to {@code from} in batches, one lease each.
     */
    public Map<PagePath, Instant> changedSince(Caller caller, Wiki wiki, Instant from) {
        permissions.require(caller, wiki, Permission.READ);
        Map<PagePath, Instant> changed = new HashMap<>();
        int batchSize = Math.min(500, limits.maxListItems());
        String before = null;
        while (true) {
            String after = before;
            List<Change> batch = withStore(wiki, store -> store.changedPages(batchSize, after));
            for (Change change : batch) {
                if (change.date() != null && change.date().isBefore(from)) {
                    return changed;
                }
                for (ChangedFile file : change.pages()) {
                    if (file.kind() != ChangedFile.Kind.DELETED) {
                        changed.putIfAbsent(file.path(), change.date());
                    }
                }
            }
            if (batch.size() < batchSize) {
                return changed;
            }
            before = batch.get(batch.size() - 1).revision();
        }
    }

    /** Every page whose path starts with {@code prefix} (null or empty: all), sorted by path. */
    public List<PagePath> list(Caller caller, Wiki wiki, String prefix) {
        permissions.require(caller, wiki, Permission.READ);
        PageLimits.checkPrefix(prefix);
        return withStore(wiki, store -> store.list(prefix));
    }

    /**
     * One stretch of the page list: the pages after {@code after} (null: from the start) whose path starts with
     * {@code prefix}, at most {@code limit} of them and {@code maxBytes} of their paths as JSON; {@code count} is
     * how many match the prefix in all, {@code next} the {@code after} that continues the list (null at its end).
     */
    public record PageList(List<PagePath> pages, int count, String next) {
    }

    public PageList list(Caller caller, Wiki wiki, String prefix, String after, int limit, long maxBytes) {
        List<PagePath> all = list(caller, wiki, prefix);
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

    public PageLinks links(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> {
            if (store.lastChange(path) == null) {
                throw new PageNotFoundException(path);
            }
            return store.links(path);
        });
    }

    public Optional<Draft> draft(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        return drafts.find(wiki, path, draftOwner(caller));
    }

    /** Keeps the caller's draft of a page, within the size of a page and the writer's number of drafts. */
    public Draft saveDraft(Caller caller, Wiki wiki, PagePath path, String content, String baseRevision,
                           Integer line, Integer ch) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = baseRevision == null || baseRevision.isBlank() ? null : RevisionId.check(baseRevision);
        return drafts.save(wiki, path, draftOwner(caller), content, base, line, ch);
    }

    /** Discards the caller's draft; true when there was one. */
    public boolean deleteDraft(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        return drafts.delete(wiki, path, draftOwner(caller));
    }

    private <T> T withStore(Wiki wiki, Function<GitPageStore, T> work) {
        try (WikiLease lease = wikis.acquire(wiki.id())) {
            return work.apply(stores.of(lease));
        }
    }

    /**
     * Counted under the store's monitor so two concurrent writers cannot store their counts out of order. The count
     * is derived data: if storing it fails, the committed page change stands and the next change counts again.
     */
    private void updatePageCount(Wiki wiki, GitPageStore store) {
        synchronized (store) {
            try {
                int count = store.pageCount();
                stats.set(wiki.id(), WikiStat.PAGE_COUNT, count);
                wikiRepository.setPageCount(wiki.id(), count);
            } catch (RuntimeException e) {
                LOG.warn("Could not store the page count of wiki {}", wiki.id(), e);
            }
        }
    }

    /** Commits carry the person's name, or the token's name for a token (so an assistant's edits are visible). */
    private static Author author(Caller caller) {
        if (caller.token() != null) {
            return new Author(caller.token().name(), "token-" + caller.token().id() + "@tokens.wikifarm.invalid");
        }
        User user = caller.user();
        if (user == null) {
            return new Author("Anonymous", "anonymous@users.wikifarm.invalid");
        }
        String email = user.email() != null ? user.email() : user.username().value() + "@users.wikifarm.invalid";
        return new Author(user.shownName(), email);
    }

    /** Drafts belong to a person or a token; an anonymous writer keeps none. */
    private static String draftOwner(Caller caller) {
        if (caller.token() != null) {
            return "token:" + caller.token().id();
        }
        return caller.asUser().map(user -> user.username().value()).orElseThrow(() ->
                new WikifarmException.Unauthenticated("Sign in to keep drafts."));
    }
}
