package org.wikifarm.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.wikifarm.store.WikiPreference;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/**
 * A wiki's own access levels, kept in its {@code wiki.db} as the preferences {@code READ_ACCESS},
 * {@code WRITE_ACCESS} and {@code ATTACHMENT_ACCESS}. Permission checks happen on every request, so the levels are
 * cached for a few seconds (changes made on this node are seen at once; another node's after the cache expires).
 */
public final class WikiAccess {
    public static final String READ = "READ_ACCESS";
    public static final String WRITE = "WRITE_ACCESS";
    public static final String ATTACHMENT = "ATTACHMENT_ACCESS";
    private static final long CACHE_MILLIS = 5_000;
    private static final int MAX_CACHED = 10_000;

    /** The three levels of one wiki. A new wiki lets only its members in. */
    public record Levels(AccessLevel read, AccessLevel write, AccessLevel attachment) {
        public static final Levels DEFAULT = new Levels(AccessLevel.APPROVED, AccessLevel.APPROVED,
                AccessLevel.APPROVED);
    }

    private record Cached(Levels levels, long at) {
    }

    private final WikiSessions sessions;
    private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();

    public WikiAccess(WikiSessions sessions) {
        this.sessions = sessions;
    }

    public Levels of(TenantId wiki) {
        long now = System.currentTimeMillis();
        Cached cached = cache.get(wiki);
        if (cached != null && now - cached.at() < CACHE_MILLIS) {
            return cached.levels();
        }
        Levels levels = sessions.inTransaction(wiki, session -> new Levels(
                level(session.find(WikiPreference.class, READ)),
                level(session.find(WikiPreference.class, WRITE)),
                level(session.find(WikiPreference.class, ATTACHMENT))));
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(wiki, new Cached(levels, now));
        return levels;
    }

    public void set(TenantId wiki, Levels levels) {
        sessions.inTransaction(wiki, session -> {
            put(session, READ, levels.read());
            put(session, WRITE, levels.write());
            put(session, ATTACHMENT, levels.attachment());
            return null;
        });
        cache.remove(wiki);
    }

    private static void put(org.hibernate.Session session, String name, AccessLevel level) {
        WikiPreference preference = session.find(WikiPreference.class, name);
        if (preference == null) {
            session.persist(new WikiPreference(name, level.name()));
        } else {
            preference.set(level.name());
        }
    }

    private static AccessLevel level(WikiPreference preference) {
        if (preference == null) {
            return AccessLevel.APPROVED;
        }
        try {
            return AccessLevel.valueOf(preference.value());
        } catch (IllegalArgumentException e) {
            return AccessLevel.APPROVED;
        }
    }
}
