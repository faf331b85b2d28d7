package org.wikifarm.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.User;
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
 * the caller's permission, leases the wiki from {@link OpenWikis}, and keeps the page counts in step.
 */
public final class PageService {
    private static final Logger LOG = LoggerFactory.getLogger(PageService.class);
    private static final int MAX_LIMIT = 1000;

    private final OpenWikis wikis;
    private final Permissions permissions;
    private final WikiSessions sessions;
    private final WikiStats stats;
    private final WikiRepository wikiRepository;
    private final PageStores stores;
    private final List<Consumer<PageChange>> listeners = new CopyOnWriteArrayList<>();

    public PageService(OpenWikis wikis, Permissions permissions, WikiSessions sessions, WikiRepository wikiRepository) {
        this.wikis = wikis;
        this.permissions = permissions;
        this.sessions = sessions;
        this.stats = new WikiStats(sessions);
        this.wikiRepository = wikiRepository;
        this.stores = new PageStores(sessions);
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
        Saved saved = withStore(wiki, store -> {
            boolean existed = store.lastChange(path) != null;
            store.save(path, content, base, author(caller), message);
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
        String deleted = withStore(wiki, store -> {
            String revision = store.delete(path, base, author(caller), message);
            updatePageCount(wiki, store);
            return revision;
        });
        announce(PageChange.deleted(wiki.id(), path));
        return deleted;
    }

    public Page rename(Caller caller, Wiki wiki, PagePath from, PagePath to, String message) {
        permissions.require(caller, wiki, Permission.WRITE);
        Page renamed = withStore(wiki, store -> {
            store.rename(from, to, author(caller), message);
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
        Reverted reverted = withStore(wiki, store -> {
            boolean existed = store.lastChange(path) != null;
            String commit = store.revert(path, checked, author(caller), message);
            Optional<Page> page = store.read(path);
            if (existed != page.isPresent()) {
                updatePageCount(wiki, store);
            }
            return new Reverted(commit, page);
        });
        announce(reverted.page().isPresent() ? PageChange.saved(wiki.id(), path) : PageChange.deleted(wiki.id(), path));
        return reverted;
    }

    public List<Change> history(Caller caller, Wiki wiki, PagePath path, int limit) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> {
            List<Change> changes = store.history(path, checkLimit(limit));
            if (changes.isEmpty()) {
                throw new PageNotFoundException(path);
            }
            return changes;
        });
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

    public List<Change> changelog(Caller caller, Wiki wiki, int limit, String before) {
        permissions.require(caller, wiki, Permission.READ);
        String checkedBefore = before == null || before.isBlank() ? null : RevisionId.check(before);
        return withStore(wiki, store -> store.changelog(checkLimit(limit), checkedBefore));
    }

    public List<PagePath> list(Caller caller, Wiki wiki, String prefix) {
        permissions.require(caller, wiki, Permission.READ);
        return withStore(wiki, store -> store.list(prefix));
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
        String author = draftOwner(caller);
        return sessions.inTransaction(wiki.id(), session -> findDraft(session, path, author));
    }

    public Draft saveDraft(Caller caller, Wiki wiki, PagePath path, String content, String baseRevision,
                           Integer line, Integer ch) {
        permissions.require(caller, wiki, Permission.WRITE);
        String base = baseRevision == null || baseRevision.isBlank() ? null : RevisionId.check(baseRevision);
        String author = draftOwner(caller);
        return sessions.inTransaction(wiki.id(), session -> {
            Draft draft = findDraft(session, path, author).orElseGet(() -> new Draft(path, author));
            draft.update(content, base, line, ch);
            session.persist(draft);
            return draft;
        });
    }

    /** Discards the caller's draft; true when there was one. */
    public boolean deleteDraft(Caller caller, Wiki wiki, PagePath path) {
        permissions.require(caller, wiki, Permission.WRITE);
        String author = draftOwner(caller);
        return sessions.inTransaction(wiki.id(), session -> findDraft(session, path, author).map(draft -> {
            session.remove(draft);
            return true;
        }).orElse(false));
    }

    private static Optional<Draft> findDraft(org.hibernate.Session session, PagePath path, String author) {
        return session.createSelectionQuery("from Draft where pagePath = :path and author = :author", Draft.class)
                .setParameter("path", path.value()).setParameter("author", author).uniqueResultOptional();
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
                new org.wikifarm.app.WikifarmException.Unauthenticated("Sign in to keep drafts."));
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new org.wikifarm.app.WikifarmException.InvalidInput("invalid_limit",
                    "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
