package org.wikifarm.search;

import java.sql.Connection;
import java.sql.SQLException;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/** Plain JDBC on a wiki's database, in one transaction of its Hibernate session (the queue and cache are rows, not entities). */
final class WikiSql {
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final WikiSessions sessions;

    WikiSql(WikiSessions sessions) {
        this.sessions = sessions;
    }

    <T> T inTransaction(TenantId wiki, Work<T> work) {
        try {
            return sessions.inTransaction(wiki, session -> session.doReturningWork(work::run));
        } catch (org.hibernate.JDBCException e) {
            throw new WikifarmException.Unavailable("search_database", "The wiki's search queue cannot be reached.", e);
        }
    }
}
