package org.wikifarm.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wikifarm.store.Freshness;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.AccessLevels;
import org.wikifarm.tenant.PaymentStatus;
import org.wikifarm.tenant.Wiki;

/**
 * What {@link Permissions} decided for one caller, per wiki. A decision is reused while the wiki's facts are the
 * same (owner, access levels, payment status: a wiki record read after a change has others) and while
 * {@link Freshness} says what it was computed from is fresh (no change on this node since, and within
 * {@code authCacheSeconds}). A caller lives for one request, so in practice a decision is made once per request.
 */
final class Decisions {
    private static final int MAX_WIKIS = 64;

    /** The parts of a wiki a decision depends on. */
    private record Facts(long owner, AccessLevels access, PaymentStatus payment) {
        static Facts of(Wiki wiki) {
            return new Facts(wiki.ownerId(), wiki.access(), wiki.paymentStatus());
        }
    }

    private record Decision(Facts facts, Set<Permission> granted, Instant at, long generation) {
    }

    private final Map<TenantId, Decision> byWiki = new ConcurrentHashMap<>(4);

    /** The decision made for this wiki, if it may be reused; null otherwise. */
    Set<Permission> find(Wiki wiki, Freshness freshness) {
        Decision decision = byWiki.get(wiki.id());
        if (decision != null && decision.facts().equals(Facts.of(wiki))
                && freshness.fresh(decision.at(), decision.generation())) {
            return decision.granted();
        }
        return null;
    }

    /** Remembers a decision computed from what was read at {@code at} in {@code generation}. */
    void remember(Wiki wiki, Set<Permission> granted, Instant at, long generation) {
        if (byWiki.size() >= MAX_WIKIS) {
            byWiki.clear();
        }
        byWiki.put(wiki.id(), new Decision(Facts.of(wiki), granted, at, generation));
    }
}
