package org.wikifarm.store;

import java.time.Instant;

/** Reads and writes the numbers a wiki keeps about itself. */
public final class WikiStats {
    private final WikiSessions sessions;

    public WikiStats(WikiSessions sessions) {
        this.sessions = sessions;
    }

    /** One update (or an insert when the row is missing), without loading the entity first. */
    public void set(TenantId wiki, String name, long value) {
        sessions.inTransaction(wiki, session -> {
            int updated = session.createMutationQuery(
                            "update WikiStat set value = :value, updatedAt = :now where name = :name")
                    .setParameter("value", value).setParameter("now", Instant.now()).setParameter("name", name)
                    .executeUpdate();
            if (updated == 0) {
                session.persist(new WikiStat(name, value));
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
