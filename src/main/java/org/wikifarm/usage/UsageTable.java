package org.wikifarm.usage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.TenantId;

/**
 * Each wiki's usage and own limits in its row of the platform database ({@code wikis}): the measured figures are a
 * mirror of its {@code wiki.db} {@code stats}, so lists sort by them without opening any wiki. None of these columns
 * decides who may do what, so writing them leaves remembered permission answers alone.
 */
final class UsageTable {
    /** One wiki's row: {@code measuredAt} null when never measured; own limits null where the default applies. */
    record Row(TenantId id, int pages, int attachments, long bytes, Instant measuredAt, Long ownBytes,
               Integer ownPages) {
    }

    private static final String COLUMNS = "SELECT id, page_count, attachment_count, disk_usage_bytes,"
            + " usage_measured_at, quota_bytes, quota_pages FROM wikis ";

    private final PlatformDatabase db;

    UsageTable(PlatformDatabase db) {
        this.db = db;
    }

    Optional<Row> find(TenantId id) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COLUMNS + "WHERE id = ?")) {
                query.setString(1, id.value());
                List<Row> rows = rows(query);
                return rows.isEmpty() ? Optional.<Row>empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** The rows of these wikis, by id (one statement). */
    Map<TenantId, Row> find(Collection<TenantId> ids) {
        Map<TenantId, Row> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement(COLUMNS + "WHERE id IN (" + marks + ")")) {
                int i = 1;
                for (TenantId id : ids) {
                    query.setString(i++, id.value());
                }
                for (Row row : rows(query)) {
                    found.put(row.id(), row);
                }
                return found;
            }
        });
    }

    /**
     * Wikis never measured, then those measured longest ago, measured before {@code before}; at most {@code limit}.
     * With a {@code node}, only the wikis it holds (and those no node claimed yet): another node's are measured there.
     */
    List<TenantId> stalest(Instant before, int limit, String node) {
        return db.withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT id FROM wikis"
                    + " WHERE (usage_measured_at IS NULL OR usage_measured_at < ?)"
                    + (node == null ? "" : " AND (node IS NULL OR node = ?)")
                    + " ORDER BY usage_measured_at IS NOT NULL, usage_measured_at, id LIMIT ?")) {
                int at = 1;
                query.setString(at++, before.toString());
                if (node != null) {
                    query.setString(at++, node);
                }
                query.setInt(at, limit);
                List<TenantId> ids = new ArrayList<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        ids.add(new TenantId(result.getString(1)));
                    }
                }
                return ids;
            }
        });
    }

    void storeMeasurement(TenantId id, int pages, int attachments, long bytes, Instant at) {
        update("UPDATE wikis SET page_count = ?, attachment_count = ?, disk_usage_bytes = ?, usage_measured_at = ?"
                + " WHERE id = ?", pages, attachments, bytes, at.toString(), id.value());
    }

    /** Sets the wiki's own limits (null: back to the default); false when there is no such wiki. */
    boolean setLimits(TenantId id, Long bytes, Integer pages) {
        return update("UPDATE wikis SET quota_bytes = ?, quota_pages = ? WHERE id = ?", bytes, pages, id.value()) > 0;
    }

    private int update(String sql, Object... parameters) {
        return db.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private static List<Row> rows(PreparedStatement query) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                String measured = row.getString("usage_measured_at");
                long ownBytes = row.getLong("quota_bytes");
                boolean noBytes = row.wasNull();
                int ownPages = row.getInt("quota_pages");
                boolean noPages = row.wasNull();
                rows.add(new Row(new TenantId(row.getString("id")), row.getInt("page_count"),
                        row.getInt("attachment_count"), row.getLong("disk_usage_bytes"),
                        measured == null ? null : Instant.parse(measured), noBytes ? null : ownBytes,
                        noPages ? null : ownPages));
            }
        }
        return rows;
    }
}
