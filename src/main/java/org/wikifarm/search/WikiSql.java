package org.wikifarm.search;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/** Plain JDBC on a wiki's database, in one transaction of its Hibernate session (the queue and cache are rows, not entities). */
final class WikiSql {
    /**
     * Transactions ended in this class loader, but for {@link #read}s: a value read before has not changed while it
     * stays the same (by this server; other processes are not counted).
     */
    private static final AtomicLong ENDED = new AtomicLong();

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final WikiSessions sessions;

    WikiSql(WikiSessions sessions) {
        this.sessions = sessions;
    }

    /** A transaction that may write: {@link #writes} moves on when it ends, committed or not. */
    <T> T inTransaction(TenantId wiki, Work<T> work) {
        try {
            return read(wiki, work);
        } finally {
            ENDED.incrementAndGet();
        }
    }

    /** A transaction that only reads. */
    <T> T read(TenantId wiki, Work<T> work) {
        try {
            return sessions.inTransaction(wiki, session -> session.doReturningWork(work::run));
        } catch (org.hibernate.JDBCException e) {
            throw new WikifarmException.Unavailable("search_database", "The wiki's search queue cannot be reached.", e);
        }
    }

    /** How many transactions that may write have ended here: equal before and after a read, nothing was written. */
    static long writes() {
        return ENDED.get();
    }
}
