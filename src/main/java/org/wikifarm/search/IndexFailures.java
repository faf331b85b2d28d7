package org.wikifarm.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;

/**
 * Pages the indexer set aside, in the wiki's {@code index_failures} table: one row per page with why, when and how
 * many times in a row. A page leaves the table when it is indexed or gone.
 */
final class IndexFailures {
    /** Why a page was set aside: {@code code} for programs, {@code message} for people. */
    record Failure(String path, String code, String message) {
    }

    private final WikiSql sql;

    IndexFailures(WikiSessions sessions) {
        this.sql = new WikiSql(sessions);
    }

    /** Records these failures and forgets the pages in {@code settled} (indexed or gone), in one transaction. */
    void update(TenantId wiki, List<Failure> failed, Collection<String> settled, Instant now) {
        if (failed.isEmpty() && settled.isEmpty()) {
            return;
        }
        sql.inTransaction(wiki, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM index_failures WHERE page_path = ?")) {
                for (String path : settled) {
                    delete.setString(1, path);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO index_failures (page_path, reason, message, failed_at, attempts)"
                            + " VALUES (?, ?, ?, ?, 1) ON CONFLICT (page_path) DO UPDATE SET reason = excluded.reason,"
                            + " message = excluded.message, failed_at = excluded.failed_at, attempts = attempts + 1")) {
                for (Failure failure : failed) {
                    upsert.setString(1, failure.path());
                    upsert.setString(2, failure.code());
                    upsert.setString(3, failure.message());
                    upsert.setString(4, now.toString());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
    }

    /** Forgets every failed page not in {@code pages} (after a full pass over the wiki). */
    void retainOnly(TenantId wiki, Collection<String> pages) {
        sql.inTransaction(wiki, connection -> {
            List<String> gone = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT page_path FROM index_failures")) {
                while (rows.next()) {
                    gone.add(rows.getString(1));
                }
            }
            gone.removeAll(pages instanceof java.util.Set<?> ? pages : new java.util.HashSet<>(pages));
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM index_failures WHERE page_path = ?")) {
                for (String path : gone) {
                    delete.setString(1, path);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    /** How many pages failed, and the most recent {@code limit} of them (newest first), read together. */
    record Summary(int count, List<SearchStatus.FailedPage> recent) {
    }

    static Summary summary(Connection connection, int limit) throws SQLException {
        return new Summary(count(connection), List.copyOf(recent(connection, limit)));
    }

    int count(TenantId wiki) {
        return sql.inTransaction(wiki, IndexFailures::count);
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("SELECT count(*) FROM index_failures")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** The most recent {@code limit} failures, newest first. */
    List<SearchStatus.FailedPage> recent(TenantId wiki, int limit) {
        return sql.inTransaction(wiki, connection -> recent(connection, limit));
    }

    private static List<SearchStatus.FailedPage> recent(Connection connection, int limit) throws SQLException {
        List<SearchStatus.FailedPage> pages = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT page_path, reason, message, failed_at,"
                + " attempts FROM index_failures ORDER BY failed_at DESC, page_path LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    pages.add(new SearchStatus.FailedPage(rows.getString(1), rows.getString(2), rows.getString(3),
                            Instant.parse(rows.getString(4)), rows.getInt(5)));
                }
            }
        }
        return pages;
    }

    /** Every failed page's path, to queue them again. */
    List<String> paths(TenantId wiki) {
        return sql.inTransaction(wiki, connection -> {
            List<String> paths = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT page_path FROM index_failures ORDER BY page_path")) {
                while (rows.next()) {
                    paths.add(rows.getString(1));
                }
            }
            return paths;
        });
    }
}
