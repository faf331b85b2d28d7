package org.wikifarm.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;
import org.wikifarm.error.WikifarmException.InvalidInput;

/**
 * The rows of An Otter Wiki's database that an import carries: preferences, drafts and users (its {@code cache} table
 * is a cache and is left behind). The schema is Otterwiki 2.23's {@code otterwiki/models.py}. The file is opened
 * read-only ({@code SQLITE_OPEN_READONLY}), so the source is never changed. A database of another shape is refused
 * with the table or column it lacks.
 */
public record OtterData(Map<String, String> preferences, List<DraftRow> drafts, List<UserRow> users,
                        boolean usersShared) {

    public record DraftRow(String pagepath, String revision, String authorEmail, String content, Integer cursorLine,
                           Integer cursorCh, String datetime) {
    }

    public record UserRow(long id, String name, String email, String passwordHash, boolean approved, boolean admin,
                          boolean allowRead, boolean allowWrite, boolean allowUpload) {
    }

    static final Map<String, List<String>> REQUIRED = Map.of(
            "preferences", List.of("name", "value"),
            "drafts", List.of("pagepath", "revision", "author_email", "content", "cursor_line", "cursor_ch",
                    "datetime"),
            "user", List.of("id", "name", "email", "password_hash", "is_approved", "is_admin", "allow_read",
                    "allow_write", "allow_upload"));

    /** Reads the source's rows (only its wiki's, for a shared database), after checking the database's shape. */
    public static OtterData read(OtterSource source) {
        try (Connection connection = open(source)) {
            OtterSource.Tenant tenant = source.tenant();
            boolean usersShared = false;
            for (Map.Entry<String, List<String>> table : REQUIRED.entrySet()) {
                Set<String> columns = columns(connection, table.getKey());
                if (columns.isEmpty()) {
                    throw wrongShape(source, "it has no table '" + table.getKey() + "'");
                }
                for (String column : table.getValue()) {
                    if (!columns.contains(column)) {
                        throw wrongShape(source, "its table '" + table.getKey() + "' has no column '" + column + "'");
                    }
                }
                if (tenant != null && !columns.contains(tenant.column())) {
                    if (!table.getKey().equals("user")) {
                        throw wrongShape(source, "its table '" + table.getKey() + "' has no tenant column '"
                                + tenant.column() + "'");
                    }
                    usersShared = true;
                }
            }
            String where = tenant == null ? "" : " WHERE \"" + tenant.column() + "\" = ?";
            Map<String, String> preferences = new LinkedHashMap<>();
            try (PreparedStatement query = prepare(connection, "SELECT name, value FROM preferences" + where
                    + " ORDER BY name", tenant);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    preferences.put(rows.getString(1), rows.getString(2));
                }
            }
            List<DraftRow> drafts = new ArrayList<>();
            try (PreparedStatement query = prepare(connection, "SELECT pagepath, revision, author_email, content,"
                    + " cursor_line, cursor_ch, datetime FROM drafts" + where + " ORDER BY id", tenant);
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    drafts.add(new DraftRow(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), (Integer) rows.getObject(5), (Integer) rows.getObject(6),
                            rows.getString(7)));
                }
            }
            List<UserRow> users = new ArrayList<>();
            // A user table without the tenant column is shared by every wiki: none of it is carried, so no wiki's
            // people become members of another.
            if (!usersShared) {
                try (PreparedStatement query = prepare(connection, "SELECT id, name, email, password_hash,"
                        + " is_approved, is_admin, allow_read, allow_write, allow_upload FROM user" + where
                        + " ORDER BY id", tenant);
                     ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        users.add(new UserRow(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getBoolean(5), rows.getBoolean(6), rows.getBoolean(7),
                                rows.getBoolean(8), rows.getBoolean(9)));
                    }
                }
            }
            return new OtterData(preferences, drafts, users, usersShared);
        } catch (SQLException e) {
            throw unreadable(source, e);
        }
    }

    /** The distinct values of the tenant column in a shared database's preferences and drafts: its wikis. */
    public static List<String> tenants(OtterSource source, String column) {
        new OtterSource.Tenant(column, "");
        try (Connection connection = open(source)) {
            Set<String> values = new LinkedHashSet<>();
            for (String table : List.of("preferences", "drafts")) {
                if (!columns(connection, table).contains(column)) {
                    throw wrongShape(source, "its table '" + table + "' has no tenant column '" + column + "'");
                }
                try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT \"" + column
                        + "\" FROM " + table + " WHERE \"" + column + "\" IS NOT NULL ORDER BY 1");
                     ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return List.copyOf(values);
        } catch (SQLException e) {
            throw unreadable(source, e);
        }
    }

    static Connection open(OtterSource source) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(5000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + source.database());
        return dataSource.getConnection();
    }

    private static PreparedStatement prepare(Connection connection, String sql, OtterSource.Tenant tenant)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (tenant != null) {
            statement.setString(1, tenant.value());
        }
        return statement;
    }

    private static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    private static InvalidInput wrongShape(OtterSource source, String what) {
        return new InvalidInput("wrong_database_shape", source.database()
                + " is not An Otter Wiki database: " + what + ".");
    }

    private static InvalidInput unreadable(OtterSource source, SQLException e) {
        return new InvalidInput("wrong_database_shape", source.database()
                + " cannot be read as An Otter Wiki database: " + e.getMessage());
    }
}
