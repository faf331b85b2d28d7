package org.wikifarm.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Username;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.InstanceSelector;
import org.wikifarm.tenant.ReadableBy;
import org.wikifarm.tenant.RecentWikis;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiChoice;
import org.wikifarm.tenant.Wikis;

/**
 * Choosing a wiki: the "Select wiki" list (exactly the wikis the caller may read, {@link Permissions#readable}; the
 * ones they used last first), remembering which wiki someone used (per user in the platform database; per browser
 * in a cookie the web layer passes in as {@code browser}; per installation in {@link InstanceSelector}), where
 * {@code /} takes a returning visitor, and which wiki to go back to when a chosen one cannot be opened. A wiki named
 * by a cookie or the instance file is only ever shown to someone who may read it.
 */
public final class WikiSelector {
    /** The longest filter text. */
    public static final int MAX_FILTER_CHARS = 100;

    private final Wikis wikis;
    private final RecentWikis recent;
    private final InstanceSelector instance;
    private final Permissions permissions;
    private final int maxListItems;

    public WikiSelector(Wikis wikis, RecentWikis recent, InstanceSelector instance, Permissions permissions,
                        int maxListItems) {
        this.wikis = wikis;
        this.recent = recent;
        this.instance = instance;
        this.permissions = permissions;
        this.maxListItems = maxListItems;
    }

    /**
     * The wikis the caller may read whose name, address or owner contains {@code filter}: the ones they used last
     * first (newest first), then the rest, most recently changed first; at most {@code maxListItems}.
     *
     * @param browser the wikis this browser used, newest first (from its cookie; unchecked)
     */
    public List<WikiChoice> choices(Caller caller, String filter, List<TenantId> browser) {
        if (filter != null && filter.length() > MAX_FILTER_CHARS) {
            throw new InvalidInput("invalid_filter", "A filter may have at most " + MAX_FILTER_CHARS + " characters.");
        }
        List<WikiChoice> found = wikis.choices(permissions.readable(caller), filter, usedLast(caller, browser),
                maxListItems);
        if (caller.token() != null) {
            // At most the token's own wiki, and only while its creator may still read it.
            return found.stream().filter(choice -> permissions.of(caller, choice.wiki()).contains(Permission.READ))
                    .toList();
        }
        return found;
    }

    /** The wikis the caller used last, newest first (those they may no longer read among them). */
    public List<TenantId> usedLast(Caller caller, List<TenantId> browser) {
        LinkedHashSet<TenantId> ids = new LinkedHashSet<>();
        if (caller.user() != null && caller.token() == null) {
            ids.addAll(recent.of(caller.user().id()));
        }
        browser.stream().limit(RecentWikis.KEPT).forEach(ids::add);
        if (caller.anonymous()) {
            ids.addAll(instance.recent());
        }
        return new ArrayList<>(ids);
    }

    /**
     * Where {@code /} takes a returning visitor: the wiki they (or this browser) used last that they may still read,
     * else the installation's default wiki if they may read it.
     */
    public Optional<Wiki> returnTo(Caller caller, List<TenantId> browser) {
        LinkedHashSet<TenantId> ids = new LinkedHashSet<>();
        if (caller.user() != null && caller.token() == null) {
            ids.addAll(recent.of(caller.user().id()));
        }
        browser.stream().limit(RecentWikis.KEPT).forEach(ids::add);
        instance.defaultWiki().ifPresent(ids::add);
        return firstReadable(caller, List.copyOf(ids), null);
    }

    /**
     * The wiki to take a reader back to when {@code failed} cannot be opened: the one they used last before it that
     * they may still read, if any.
     */
    public Optional<Wiki> revertFrom(Caller caller, TenantId failed, List<TenantId> browser) {
        return firstReadable(caller, usedLast(caller, browser), failed);
    }

    /** Records that the caller used the wiki (signed-in people only; a browser's cookie is the web layer's). */
    public void used(Caller caller, Wiki wiki) {
        if (caller.user() != null && caller.token() == null) {
            recent.used(caller.user().id(), wiki.id());
        }
        instance.used(wiki.id());
    }

    /** The installation's default wiki, if one is set and the caller may read it. */
    public Optional<Wiki> defaultWiki(Caller caller) {
        return instance.defaultWiki().flatMap(id -> firstReadable(caller, List.of(id), null));
    }

    /**
     * Sets the wiki {@code /} takes visitors to who have none of their own, by its address {@code owner/slug} (blank:
     * none); platform admins only.
     */
    public void setDefault(Caller caller, String address) {
        permissions.require(caller, PlatformRight.SET_DEFAULT_WIKI);
        if (address == null || address.isBlank()) {
            instance.setDefault(null);
            return;
        }
        String trimmed = address.strip();
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            throw new InvalidInput("invalid_wiki_address", "Name the wiki as owner/name, e.g. alice/notes.");
        }
        Wiki wiki = wikis.findByOwnerAndSlug(new Username(trimmed.substring(0, slash)),
                        new Slug(trimmed.substring(slash + 1)))
                .orElseThrow(() -> new WikifarmException.NotFound("wiki_not_found", "There is no wiki " + trimmed + "."));
        instance.setDefault(wiki.id());
    }

    /** The installation's default wiki, whoever may read it (for the admin area). */
    public Optional<Wiki> defaultWikiForAdmin(Caller caller) {
        permissions.require(caller, PlatformRight.SET_DEFAULT_WIKI);
        return instance.defaultWiki().flatMap(wikis::findById);
    }

    private Optional<Wiki> firstReadable(Caller caller, List<TenantId> ids, TenantId except) {
        List<TenantId> candidates = ids.stream().filter(id -> !id.equals(except)).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        ReadableBy readable = permissions.readable(caller);
        return wikis.choices(readable, null, candidates, 1).stream().map(WikiChoice::wiki)
                .filter(wiki -> candidates.contains(wiki.id()))
                .filter(wiki -> caller.token() == null || permissions.of(caller, wiki).contains(Permission.READ))
                .findFirst();
    }
}
