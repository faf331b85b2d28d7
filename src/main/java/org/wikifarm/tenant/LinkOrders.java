package org.wikifarm.tenant;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;

/**
 * Which half of {@code [[a|b]]} names the page in each wiki ({@link WikiLinkOrder}). Kept in the wiki's own
 * {@code wiki.db} (preference {@code LINK_ORDER}), so it travels with the wiki. Every page view, link graph question
 * and search indexing reads it, so what was read is remembered per wiki — at most {@value #REMEMBERED} wikis, each for
 * at most {@code rememberFor} (the bound after which another node's change shows here); a change on this node shows
 * at once. Deciding who may change it is {@code auth.WikiSettings}'s job.
 */
public final class LinkOrders {
    static final String PREFERENCE = "LINK_ORDER";
    private static final int REMEMBERED = 10_000;

    private final WikiSessions sessions;
    private final Clock clock;
    private final long rememberMillis;

    private record Remembered(WikiLinkOrder order, long readAt) {
    }

    private final Map<TenantId, Remembered> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TenantId, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    public LinkOrders(WikiSessions sessions, Clock clock, Duration rememberFor) {
        this.sessions = sessions;
        this.clock = clock;
        this.rememberMillis = rememberFor.toMillis();
    }

    /** The wiki's order; a stored value this version cannot read counts as the default. */
    public WikiLinkOrder of(TenantId wiki) {
        long now = clock.millis();
        synchronized (remembered) {
            Remembered known = remembered.get(wiki);
            if (known != null && now - known.readAt() < rememberMillis) {
                return known.order();
            }
        }
        WikiLinkOrder order = sessions.inTransaction(wiki, session -> {
            WikiPreference stored = session.find(WikiPreference.class, PREFERENCE);
            WikiLinkOrder parsed = stored == null ? null : WikiLinkOrder.parse(stored.value());
            return parsed == null ? WikiLinkOrder.DEFAULT : parsed;
        });
        synchronized (remembered) {
            remembered.put(wiki, new Remembered(order, now));
        }
        return order;
    }

    /** Stores the wiki's order; true when it changed. */
    public boolean set(TenantId wiki, WikiLinkOrder order) {
        Objects.requireNonNull(order, "order");
        boolean changed = sessions.inTransaction(wiki, session -> {
            WikiPreference stored = session.find(WikiPreference.class, PREFERENCE);
            WikiLinkOrder before = stored == null ? WikiLinkOrder.DEFAULT : WikiLinkOrder.parse(stored.value());
            if (stored == null) {
                session.persist(new WikiPreference(PREFERENCE, order.wireName()));
            } else {
                stored.set(order.wireName());
            }
            return before != order;
        });
        synchronized (remembered) {
            remembered.put(wiki, new Remembered(order, clock.millis()));
        }
        return changed;
    }
}
