package org.wikifarm.auth;

import java.util.List;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.Wikis;

/**
 * The wikis of the platform as one caller sees them: creating one, and the lists of those they may read and those
 * they belong to. {@link Permissions} decides who may create a wiki, whether it counts against the account's cap,
 * and which wikis a list shows (exactly those the caller may read).
 */
public final class WikiCatalog {
    private final Wikis wikis;
    private final Permissions permissions;
    private final int maxListItems;
    private final java.util.List<java.util.function.Consumer<Wiki>> createListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param maxListItems the most wikis one list answers */
    public WikiCatalog(Wikis wikis, Permissions permissions, int maxListItems) {
        this.wikis = wikis;
        this.permissions = permissions;
        this.maxListItems = maxListItems;
    }

    /** Creates a wiki owned by the caller. */
    public Wiki create(Caller caller, String slug, String displayName, boolean isPublic) {
        permissions.require(caller, PlatformRight.CREATE_WIKI);
        User owner = caller.user();
        Wiki wiki = wikis.create(owner.id(), owner.username(), slug, displayName, isPublic,
                permissions.counted(owner));
        createListeners.forEach(listener -> listener.accept(wiki));
        return wiki;
    }

    /** Told of each wiki created here (its own database keeps its display name too: tenant.WikiNames). */
    public void onCreate(java.util.function.Consumer<Wiki> listener) {
        createListeners.add(listener);
    }

    /**
     * Creates a wiki owned by the caller from files {@code files} makes for its id (a snapshot restored as a copy),
     * holding {@code pageCount} pages; private until its owner opens it.
     */
    public Wiki createCopy(Caller caller, String slug, String displayName, int pageCount,
                           java.util.function.Consumer<org.wikifarm.store.TenantId> files) {
        permissions.require(caller, PlatformRight.CREATE_WIKI);
        User owner = caller.user();
        return wikis.createWith(owner.id(), owner.username(), slug, displayName, permissions.counted(owner),
                pageCount, files);
    }

    /** The wikis the caller may read, newest first. */
    public List<Wiki> readable(Caller caller, int limit, int offset) {
        InvalidInput.requireListPage(limit, offset, maxListItems);
        List<Wiki> found = wikis.list(permissions.readable(caller), limit, offset);
        if (caller.token() != null) {
            // At most the token's own wiki, and only while its creator may still read it.
            return found.stream().filter(wiki -> permissions.of(caller, wiki).contains(Permission.READ)).toList();
        }
        return found;
    }

    /** The newest wikis the caller may read, at most {@code atMost} (and {@code maxListItems}). */
    public List<Wiki> firstReadable(Caller caller, int atMost) {
        return readable(caller, Math.max(1, Math.min(atMost, maxListItems)), 0);
    }

    /** The wikis the caller owns or has a role on, most recently used first; none for anyone not signed in. */
    public List<Wiki> mine(Caller caller, int limit) {
        if (caller.user() == null) {
            return List.of();
        }
        return wikis.listOwnedOrShared(caller.user().id(), Math.min(limit, maxListItems));
    }
}
