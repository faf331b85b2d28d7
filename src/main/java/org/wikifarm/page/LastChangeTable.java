package org.wikifarm.page;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/**
 * A wiki's last-change answers in its own {@code wiki.db} (tables {@code page_last_change} and its one-row
 * {@code page_last_change_stamp}). A partial update is written only on top of the stamp it was computed from, in the
 * same transaction that moves the stamp, so the rows always hold for the stamp they carry.
 */
public final class LastChangeTable implements LastChangeRecords {
    private final WikiSessions sessions;
    private final TenantId wiki;

    public LastChangeTable(WikiSessions sessions, TenantId wiki) {
        this.sessions = sessions;
        this.wiki = wiki;
    }

    @Override
    public Stored load() {
        return inTransaction(connection -> {
            String stamp = stamp(connection);
            if (stamp == null) {
                return null;
            }
            Map<String, String> commits = new HashMap<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT page_path, commit_id FROM page_last_change")) {
                while (rows.next()) {
                    commits.put(rows.getString(1), rows.getString(2));
                }
            }
            return new Stored(stamp, commits);
        });
    }

    @Override
    public void store(String from, String stamp, Map<String, String> changed, Supplier<Map<String, String>> all) {
        inTransaction(connection -> {
            String current = stamp(connection);
            if (from != null && from.equals(current)) {
                write(connection, changed);
            } else {
                try (Statement clear = connection.createStatement()) {
                    clear.executeUpdate("DELETE FROM page_last_change");
                }
                write(connection, all.get());
            }
            try (PreparedStatement put = connection.prepareStatement(
                    "INSERT OR REPLACE INTO page_last_change_stamp (id, commit_id) VALUES (1, ?)")) {
                put.setString(1, stamp);
                put.executeUpdate();
            }
            return null;
        });
    }

    private static void write(Connection connection, Map<String, String> commits) throws SQLException {
        try (PreparedStatement put = connection.prepareStatement(
                        "INSERT OR REPLACE INTO page_last_change (page_path, commit_id) VALUES (?, ?)");
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM page_last_change WHERE page_path = ?")) {
            for (Map.Entry<String, String> entry : commits.entrySet()) {
                if (entry.getValue() == null) {
                    delete.setString(1, entry.getKey());
                    delete.addBatch();
                } else {
                    put.setString(1, entry.getKey());
                    put.setString(2, entry.getValue());
                    put.addBatch();
                }
            }
            put.executeBatch();
            delete.executeBatch();
        }
    }

    private static String stamp(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("SELECT commit_id FROM page_last_change_stamp WHERE id = 1")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            return sessions.inTransaction(wiki, session -> session.doReturningWork(work::run));
        } catch (org.hibernate.JDBCException e) {
            throw new WikifarmException.Unavailable("page_database",
                    "The wiki's database cannot be reached.", e);
        }
    }
}
