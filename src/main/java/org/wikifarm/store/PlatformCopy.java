package org.wikifarm.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wikifarm.error.WikifarmException;

/**
 * Copies the embedded platform database ({@code platform.db}) into an empty PostgreSQL platform database, for a farm
 * moving to several nodes ({@code wikifarm platform-db copy}, docs/scale-out.md). Both are first brought to this
 * code's schema; the rows go over in one PostgreSQL transaction, table by table in the order their foreign keys need;
 * {@code host_names} is not copied but made again by PostgreSQL's triggers, then compared; the identity of
 * {@code users.id} continues after the highest id copied. Nothing is written when the target holds any user or wiki,
 * and a failure leaves it empty.
 */
public final class PlatformCopy {
    /** Every platform table but {@code host_names} (the triggers fill it), parents first. */
    static final List<String> TABLES = List.of("users", "wikis", "wiki_domains", "acl", "tokens",
            "platform_settings", "recent_wikis", "wiki_levels_to_merge", "nodes");
    private static final int BATCH = 500;

    private PlatformCopy() {
    }

    /** What was copied: rows per table (with {@code host_names} as the triggers made them). */
    public record Copied(Map<String, Long> rows) {
    }

    public static Copied copy(Path platformDb, PooledConnections target) {
        if (!Files.isRegularFile(platformDb)) {
            throw new WikifarmException.InvalidInput("not_a_data_dir", platformDb + " does not exist.");
        }
        try (PlatformDatabase from = new PlatformDatabase(platformDb);
             PlatformDatabase to = new PlatformDatabase(target, Freshness.none())) {
            long present = to.withConnection(c -> count(c, "users") + count(c, "wikis"));
            if (present > 0) {
                throw new WikifarmException.Conflict("target_not_empty", "The PostgreSQL platform database already"
                        + " holds users or wikis; copy only into a new, empty one.");
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            from.withConnection(source -> to.inTransaction(destination -> {
                for (String table : TABLES) {
                    copied.put(table, copyTable(source, destination, table));
                }
                try (Statement statement = destination.createStatement()) {
                    statement.execute("SELECT setval(pg_get_serial_sequence('users', 'id'),"
                            + " (SELECT coalesce(max(id), 0) + 1 FROM users), false)");
                }
                long sourceNames = count(source, "host_names");
                long madeNames = count(destination, "host_names");
                if (sourceNames != madeNames) {
                    throw new WikifarmException.Conflict("host_names_differ", "platform.db holds " + sourceNames
                            + " host names, PostgreSQL's triggers made " + madeNames + " from the same users and wikis;"
                            + " nothing was copied.");
                }
                copied.put("host_names", madeNames);
                for (String table : TABLES) {
                    long there = count(destination, table);
                    if (there != copied.get(table)) {
                        throw new IllegalStateException(table + ": " + copied.get(table) + " rows read, " + there
                                + " in PostgreSQL");
                    }
                }
                return null;
            }));
            return new Copied(copied);
        }
    }

    private static long copyTable(Connection source, Connection destination, String table) throws SQLException {
        Map<String, Integer> types = columnTypes(destination, table);
        List<String> columns = new ArrayList<>(types.keySet());
        String names = String.join(", ", columns);
        String marks = String.join(", ", java.util.Collections.nCopies(columns.size(), "?"));
        long rows = 0;
        try (Statement read = source.createStatement();
             ResultSet found = read.executeQuery("SELECT " + names + " FROM " + table);
             PreparedStatement insert = destination.prepareStatement(
                     "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
            while (found.next()) {
                for (int i = 0; i < columns.size(); i++) {
                    bind(insert, i + 1, types.get(columns.get(i)), found, i + 1);
                }
                insert.addBatch();
                if (++rows % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return rows;
    }

    private static void bind(PreparedStatement insert, int index, int type, ResultSet found, int column)
            throws SQLException {
        if (type == Types.BIGINT || type == Types.INTEGER) {
            long value = found.getLong(column);
            if (found.wasNull()) {
                insert.setNull(index, type);
            } else if (type == Types.INTEGER) {
                insert.setInt(index, Math.toIntExact(value));
            } else {
                insert.setLong(index, value);
            }
        } else {
            String value = found.getString(column);
            if (value == null) {
                insert.setNull(index, Types.VARCHAR);
            } else {
                insert.setString(index, value);
            }
        }
    }

    /** The table's columns in PostgreSQL, in their order, with their JDBC types. */
    private static Map<String, Integer> columnTypes(Connection destination, String table) throws SQLException {
        Map<String, Integer> types = new LinkedHashMap<>();
        try (PreparedStatement query = destination.prepareStatement("SELECT column_name, data_type"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                + " ORDER BY ordinal_position")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2);
                    types.put(rows.getString(1), switch (type) {
                        case "bigint" -> Types.BIGINT;
                        case "integer" -> Types.INTEGER;
                        default -> Types.VARCHAR;
                    });
                }
            }
        }
        return types;
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
