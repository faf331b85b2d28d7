package org.wikifarm.store;

import java.time.Instant;
import org.wikifarm.tenant.TenantId;

/** Reads and writes the numbers a wiki keeps about itself. */
public final class WikiStats {
    private final WikiSessions sessions;

    public WikiStats(WikiSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * Writes first (an update, then an insert if there was no row): a transaction that reads before it writes fails
     * with SQLITE_BUSY_SNAPSHOT in WAL mode when another writer (the search indexer) commits in between, and the
     * busy timeout cannot help it; a transaction that starts by writing simply waits for the lock.
     */
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
