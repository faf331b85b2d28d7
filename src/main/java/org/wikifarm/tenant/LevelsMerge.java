package org.wikifarm.tenant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiFiles;

/**
 * Finishes the move of the access levels into the platform database (changeset {@code platform-8}): the levels a
 * wiki kept in its own {@code wiki.db} ({@code preferences}: {@code READ_ACCESS}, {@code WRITE_ACCESS},
 * {@code ATTACHMENT_ACCESS}) are merged into its row, then removed from the {@code wiki.db}, for every wiki the
 * changeset listed. Run once at start, before anything opens a wiki or answers a request.
 *
 * <p>Merged so that nobody may do more or less than before: the old check let everyone read a public wiki whatever
 * its {@code READ_ACCESS} said, and otherwise went by the levels. So a wiki whose row already reads ANONYMOUS (it was
 * public) keeps that; otherwise the {@code wiki.db}'s read level is taken; write and upload come from the
 * {@code wiki.db}; a missing or unknown value meant APPROVED. Each step may be repeated after a crash: the row is
 * written first, the {@code wiki.db}'s rows removed next, the wiki's entry in the list last, and a {@code wiki.db}
 * without the rows leaves the row as it is.
 */
public final class LevelsMerge {
    private static final Logger LOG = LoggerFactory.getLogger(LevelsMerge.class);
    private static final List<String> NAMES = List.of("READ_ACCESS", "WRITE_ACCESS", "ATTACHMENT_ACCESS");

    private final PlatformDatabase db;
    private final Path wikisDir;

    public LevelsMerge(PlatformDatabase db, Path wikisDir) {
        this.db = db;
        this.wikisDir = wikisDir;
    }

    /** Merges every listed wiki's levels; returns how many wikis were done. */
    public int run() {
        List<TenantId> pending = db.withConnection(connection -> {
            List<TenantId> ids = new ArrayList<>();
            try (Statement query = connection.createStatement();
                 ResultSet rows = query.executeQuery("SELECT wiki_id FROM wiki_levels_to_merge ORDER BY wiki_id")) {
                while (rows.next()) {
                    ids.add(new TenantId(rows.getString(1)));
                }
            }
            return ids;
        });
        if (pending.isEmpty()) {
            return 0;
        }
        LOG.info("Moving the access levels of {} wikis from their wiki.db into the platform database", pending.size());
        for (TenantId wiki : pending) {
            merge(wiki);
        }
        db.changed();
        return pending.size();
    }

    private void merge(TenantId wiki) {
        Path file = WikiFiles.database(wikisDir.resolve(wiki.value()));
        if (Files.isRegularFile(file)) {
            try (Connection wikiDb = open(file)) {
                Map<String, String> stored = read(wikiDb);
                if (!stored.isEmpty()) {
                    mergeIntoRow(wiki, stored);
                    try (PreparedStatement delete = wikiDb.prepareStatement(
                            "DELETE FROM preferences WHERE name IN (?, ?, ?)")) {
                        for (int i = 0; i < NAMES.size(); i++) {
                            delete.setString(i + 1, NAMES.get(i));
                        }
                        delete.executeUpdate();
                    }
                }
            } catch (SQLException e) {
                // The wiki cannot be opened either; it keeps the levels its row has, which let in nobody new.
                LOG.warn("Could not read the access levels of wiki {} from {}; it keeps members-only levels"
                        + " (or public reading, if it was public)", wiki, file, e);
            }
        }
        db.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM wiki_levels_to_merge WHERE wiki_id = ?")) {
                delete.setString(1, wiki.value());
                return delete.executeUpdate();
            }
        });
    }

    private void mergeIntoRow(TenantId wiki, Map<String, String> stored) {
        db.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE wikis SET"
                    + " read_access = CASE WHEN read_access = 'ANONYMOUS' THEN 'ANONYMOUS' ELSE ? END,"
                    + " write_access = ?, attachment_access = ? WHERE id = ?")) {
                update.setString(1, level(stored.get("READ_ACCESS")).name());
                update.setString(2, level(stored.get("WRITE_ACCESS")).name());
                update.setString(3, level(stored.get("ATTACHMENT_ACCESS")).name());
                update.setString(4, wiki.value());
                return update.executeUpdate();
            }
        });
    }

    private static Map<String, String> read(Connection wikiDb) throws SQLException {
        Map<String, String> stored = new HashMap<>();
        try (Statement tables = wikiDb.createStatement();
             ResultSet table = tables.executeQuery(
                     "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'preferences'")) {
            if (!table.next()) {
                return stored;
            }
        }
        try (PreparedStatement query = wikiDb.prepareStatement(
                "SELECT name, value FROM preferences WHERE name IN (?, ?, ?)")) {
            for (int i = 0; i < NAMES.size(); i++) {
                query.setString(i + 1, NAMES.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return stored;
    }

    /** As the old check read a stored level: anything unknown let in members only. */
    private static AccessLevel level(String value) {
        if (value == null) {
            return AccessLevel.APPROVED;
        }
        try {
            return AccessLevel.valueOf(value);
        } catch (IllegalArgumentException e) {
            return AccessLevel.APPROVED;
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source.getConnection();
    }
}
