package org.wikifarm.auth;

import org.wikifarm.error.WikifarmException;
import org.wikifarm.error.WikifarmException.InvalidInput;
import org.wikifarm.limit.Text;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.store.PlatformDatabase.PlatformSqlException;
import org.wikifarm.tenant.AccessLevel;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.LinkOrders;
import org.wikifarm.tenant.Slug;
import org.wikifarm.tenant.Wiki;
import org.wikifarm.tenant.WikiRepository;

/**
 * A wiki's settings: display name, its access levels, its custom slug and its wiki links' order
 * ({@code wiki_link_order}: {@code page_first} reads {@code [[Page|Label]]}, {@code label_first} An Otter Wiki's
 * {@code [[Label|Page]]}; kept in the wiki's own database by {@link LinkOrders}). The levels are stored once, in the wiki's
 * row of the platform database; "public" is not stored but read from them (a public wiki is one everyone may read),
 * and setting it sets the read level. A custom slug is a farm-wide name ({@code <custom-slug>.<base>} in host mode)
 * from the namespace usernames use too: one a user or another wiki holds is a 409, decided by the platform database,
 * so two owners can never get one host.
 */
public final class WikiSettings {
    private final WikiRepository wikis;
    private final Permissions permissions;
    private final int maxNameChars;
    private final LinkOrders linkOrders;
    private final java.util.List<java.util.function.BiConsumer<org.wikifarm.store.TenantId, String>> nameListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.Consumer<org.wikifarm.store.TenantId>> linkOrderListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param maxNameChars the longest display name */
    public WikiSettings(WikiRepository wikis, Permissions permissions, int maxNameChars) {
        this(wikis, permissions, maxNameChars, null);
    }

    /**
     * @param maxNameChars the longest display name
     * @param linkOrders where each wiki's link order is kept (null: the setting is not offered)
     */
    public WikiSettings(WikiRepository wikis, Permissions permissions, int maxNameChars, LinkOrders linkOrders) {
        this.wikis = wikis;
        this.permissions = permissions;
        this.maxNameChars = maxNameChars;
        this.linkOrders = linkOrders;
    }

    /** The settings as the API and the settings screen show them. */
    public record View(String displayName, boolean isPublic, AccessLevel readAccess, AccessLevel writeAccess,
                       AccessLevel attachmentAccess, String paymentStatus, String customSlug, String wikiLinkOrder) {
        public View(String displayName, boolean isPublic, AccessLevel readAccess, AccessLevel writeAccess,
                    AccessLevel attachmentAccess, String paymentStatus, String customSlug) {
            this(displayName, isPublic, readAccess, writeAccess, attachmentAccess, paymentStatus, customSlug,
                    WikiLinkOrder.DEFAULT.wireName());
        }

        /** For a form that does not show the custom slug. */
        public View(String displayName, boolean isPublic, AccessLevel readAccess, AccessLevel writeAccess,
                    AccessLevel attachmentAccess, String paymentStatus) {
            this(displayName, isPublic, readAccess, writeAccess, attachmentAccess, paymentStatus, null);
        }
    }

    /** A change; a null field stays as it is, and an empty custom slug removes it. */
    public record Change(String displayName, Boolean isPublic, String readAccess, String writeAccess,
                         String attachmentAccess, String customSlug, String wikiLinkOrder) {
        /** A change that leaves the link order as it is. */
        public Change(String displayName, Boolean isPublic, String readAccess, String writeAccess,
                      String attachmentAccess, String customSlug) {
            this(displayName, isPublic, readAccess, writeAccess, attachmentAccess, customSlug, null);
        }

        /** A change that leaves the custom slug as it is. */
        public Change(String displayName, Boolean isPublic, String readAccess, String writeAccess,
                      String attachmentAccess) {
            this(displayName, isPublic, readAccess, writeAccess, attachmentAccess, null);
        }
    }

    public View get(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        return view(wiki);
    }

    /** The wiki's link order, for every reader of its pages (no decision: the reader has made its own). */
    public WikiLinkOrder linkOrder(org.wikifarm.store.TenantId wiki) {
        return linkOrders == null ? WikiLinkOrder.DEFAULT : linkOrders.of(wiki);
    }

    /**
     * Changes what the change names. {@code is_public} and {@code read_access} are two views of one level: either
     * sets it, and both at once must agree. Making a wiki not public lets in members only to read, unless a read
     * level is given.
     */
    public View update(Caller caller, Wiki wiki, Change change) {
        permissions.require(caller, wiki, Permission.ADMIN);
        // Read afresh: the request's record of the wiki may be remembered from a moment ago.
        AccessLevels current = wikis.findById(wiki.id()).orElse(wiki).access();
        String name = change.displayName() == null ? wiki.displayName() : checkName(change.displayName());
        AccessLevel read = change.readAccess() == null ? current.read()
                : AccessLevel.parse("read_access", change.readAccess());
        AccessLevel write = change.writeAccess() == null ? current.write()
                : AccessLevel.parse("write_access", change.writeAccess());
        AccessLevel attachment = change.attachmentAccess() == null ? current.attachment()
                : AccessLevel.parse("attachment_access", change.attachmentAccess());
        if (change.isPublic() != null) {
            boolean isPublic = change.isPublic();
            if (change.readAccess() == null) {
                read = isPublic ? AccessLevel.ANONYMOUS
                        : read == AccessLevel.ANONYMOUS ? AccessLevel.APPROVED : read;
            } else if (isPublic != (read == AccessLevel.ANONYMOUS)) {
                throw new InvalidInput("inconsistent_settings",
                        "is_public and read_access disagree: a public wiki has read_access ANONYMOUS.");
            }
        }
        WikiLinkOrder order = change.wikiLinkOrder() == null ? null : linkOrder(change.wikiLinkOrder());
        Slug customSlug = change.customSlug() == null || change.customSlug().isEmpty() ? null
                : new Slug(change.customSlug());
        if (change.customSlug() != null) {
            // First: it is the only change that can be refused by the database, and then nothing else is changed.
            setCustomSlug(wiki, customSlug);
        }
        wikis.updateSettings(wiki.id(), name, new AccessLevels(read, write, attachment));
        if (!name.equals(wiki.displayName())) {
            nameListeners.forEach(listener -> listener.accept(wiki.id(), name));
        }
        if (order != null && linkOrders.set(wiki.id(), order)) {
            linkOrderListeners.forEach(listener -> listener.accept(wiki.id()));
        }
        return view(wikis.findById(wiki.id()).orElse(wiki));
    }

    /** Told each wiki whose display name a change set (the wiki's own database keeps it too: tenant.WikiNames). */
    public void onNameChange(java.util.function.BiConsumer<org.wikifarm.store.TenantId, String> listener) {
        nameListeners.add(listener);
    }

    /** Told each wiki whose link order a change changed (its link graph and search index read links anew). */
    public void onLinkOrderChange(java.util.function.Consumer<org.wikifarm.store.TenantId> listener) {
        linkOrderListeners.add(listener);
    }

    private WikiLinkOrder linkOrder(String value) {
        WikiLinkOrder order = WikiLinkOrder.parse(value);
        if (order == null || linkOrders == null) {
            throw new InvalidInput("invalid_wiki_link_order", "wiki_link_order is page_first ([[Page|Label]]) or"
                    + " label_first ([[Label|Page]], as An Otter Wiki writes links).");
        }
        return order;
    }

    private void setCustomSlug(Wiki wiki, Slug customSlug) {
        try {
            wikis.setCustomSlug(wiki.id(), customSlug);
        } catch (PlatformSqlException e) {
            if (e.isUniqueViolation()) {
                throw new WikifarmException.Conflict("name_taken", "'" + customSlug + "' is taken: a user or another"
                        + " wiki already has that name, and usernames and custom slugs share one namespace.");
            }
            throw e;
        }
    }

    private View view(Wiki wiki) {
        AccessLevels levels = wiki.access();
        return new View(wiki.displayName(), wiki.isPublic(), levels.read(), levels.write(), levels.attachment(),
                wiki.paymentStatus().dbValue(), wiki.customSlug() == null ? null : wiki.customSlug().value(),
                linkOrder(wiki.id()).wireName());
    }

    private String checkName(String name) {
        String clean = name.strip();
        if (clean.isEmpty() || Text.chars(clean) > maxNameChars || Text.controlAt(clean, false) >= 0) {
            throw new InvalidInput("invalid_display_name",
                    "A display name needs 1 to " + maxNameChars + " characters and no control characters.");
        }
        return clean;
    }
}
