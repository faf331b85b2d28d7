package org.wikifarm.store;

import org.wikifarm.tenant.TenantId;

/** Reads and writes the numbers a wiki keeps about itself. */
public final class WikiStats {
    private final WikiSessions sessions;

    public WikiStats(WikiSessions sessions) {
        this.sessions = sessions;
    }

    public void set(TenantId wiki, String name, long value) {
        sessions.inTransaction(wiki, session -> {
            WikiStat stat = session.find(WikiStat.class, name);
            if (stat == null) {
                session.persist(new WikiStat(name, value));
            } else {
                stat.set(value);
            }
            return null;
        });
    }

    public long get(TenantId wiki, String name) {
        return sessions.inTransaction(wiki, session -> {
            WikiStat stat = session.find(WikiStat.class, name);
            return stat == null ? 0L : stat.value();
        });
    }
}
