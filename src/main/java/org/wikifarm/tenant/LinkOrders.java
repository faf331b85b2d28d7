package org.wikifarm.tenant;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.store.PerWikiMemory;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;

/**
 * Which half of {@code [[a|b]]} names the page in each wiki ({@link WikiLinkOrder}). Kept in the wiki's own
 * {@code wiki.db} (preference {@code LINK_ORDER}), so it travels with the wiki. Every page view, link graph question
 * and search indexing reads it, so what was read is remembered per wiki ({@link PerWikiMemory}) for
 * at most {@code rememberFor} (the bound after which another node's change shows here); a change on this node shows
 * at once. Deciding who may change it is {@code auth.WikiSettings}'s job.
 */
public final class LinkOrders {
    static final String PREFERENCE = "LINK_ORDER";

    private final WikiSessions sessions;
    private final PerWikiMemory<WikiLinkOrder> remembered;

    public LinkOrders(WikiSessions sessions, Clock clock, Duration rememberFor) {
        this.sessions = sessions;
        this.remembered = new PerWikiMemory<>(clock, rememberFor);
    }

    /** The wiki's order; a stored value this version cannot read counts as the default. */
    public WikiLinkOrder of(TenantId wiki) {
        return remembered.get(wiki, id -> sessions.inTransaction(id, session -> {
            WikiPreference stored = session.find(WikiPreference.class, PREFERENCE);
            WikiLinkOrder parsed = stored == null ? null : WikiLinkOrder.parse(stored.value());
            return parsed == null ? WikiLinkOrder.DEFAULT : parsed;
        }));
    }

    /** Stores the wiki's order; true when it changed. */
    public boolean set(TenantId wiki, WikiLinkOrder order) {
        Objects.requireNonNull(order, "order");
        boolean changed = sessions.inTransaction(wiki, session -> {
            WikiPreference stored = session.find(WikiPreference.class, PREFERENCE);
            WikiLinkOrder before = stored == null ? WikiLinkOrder.DEFAULT : WikiLinkOrder.parse(stored.value());
            WikiPreference.put(session, PREFERENCE, order.wireName());
            return before != order;
        });
        remembered.put(wiki, order);
        return changed;
    }
}
