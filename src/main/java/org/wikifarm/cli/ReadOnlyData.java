package org.wikifarm.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;
import org.postgresql.ds.PGSimpleDataSource;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.store.PostgresMigrator;

/**
 * What the reading commands ({@code info}, {@code wikis list}) need, read straight from the files with read-only
 * SQLite connections (and from PostgreSQL, read-only, when the platform database is there): they run beside a live
 * server, and must neither migrate nor lock anything.
 */
final class ReadOnlyData {
    private ReadOnlyData() {
    }

    record WikiRow(String id, String owner, String slug, String displayName, int pages, long diskUsageBytes,
                   String createdAt, String lastAccessed, String readAccess, String writeAccess) {
    }

    static Connection open(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setBusyTimeout(5000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + database);
        return source.getConnection();
    }

    /**
     * The platform database, read-only: the embedded {@code platform.db} of the data folder, or PostgreSQL when the
     * setting {@code platformDbUrl} names it (a JNDI name is Tomcat's only: the command line needs the URL).
     */
    static Connection openPlatform(Path dataDir) throws SQLException {
        Settings.PlatformDb where = Settings.load(key -> null).cluster().platformDb();
        if (where.embedded()) {
            return open(dataDir.resolve("platform.db"));
        }
        if (where.url().isEmpty()) {
            throw new WikifarmException.InvalidInput("invalid_setting", "The platform database is named by"
                    + " platformDbJndi, which only Tomcat can look up: give the command line its URL in"
                    + " WIKIFARM_PLATFORM_DB_URL (with WIKIFARM_PLATFORM_DB_USER and WIKIFARM_PLATFORM_DB_PASSWORD).");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(where.url());
        if (!where.user().isEmpty()) {
            source.setUser(where.user());
        }
        if (!where.password().isEmpty()) {
            source.setPassword(where.password());
        }
        source.setReadOnly(true);
        Connection connection = source.getConnection();
        connection.setReadOnly(true);
        return connection;
    }

    /** The platform database's schema version: {@code PRAGMA user_version} on SQLite, its version row on PostgreSQL. */
    static int platformVersion(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                ? PostgresMigrator.storedVersion(connection) : userVersion(connection);
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    static int userVersion(Connection connection) throws SQLException {
        return (int) count(connection, "PRAGMA user_version");
    }

    static List<WikiRow> wikis(Path dataDir, String owner) throws SQLException {
        List<WikiRow> wikis = new ArrayList<>();
        try (Connection connection = openPlatform(dataDir);
             PreparedStatement query = connection.prepareStatement("SELECT w.id, u.username, w.slug, w.display_name,"
                     + " w.page_count, w.disk_usage_bytes, w.created_at, w.last_accessed, w.read_access,"
                     + " w.write_access FROM wikis w JOIN users u ON u.id = w.owner"
                     + (owner == null ? "" : " WHERE u.username = ?") + " ORDER BY u.username, w.slug")) {
            if (owner != null) {
                query.setString(1, owner);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    wikis.add(new WikiRow(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getInt(5), rows.getLong(6), rows.getString(7),
                            rows.getString(8), rows.getString(9), rows.getString(10)));
                }
            }
        }
        return wikis;
    }

    /** How many wikis are at each schema version ({@code PRAGMA user_version} of each wiki.db); -1: unreadable. */
    static Map<Integer, Integer> wikiSchemas(Path wikisDir) {
        Map<Integer, Integer> versions = new TreeMap<>();
        if (!Files.isDirectory(wikisDir)) {
            return versions;
        }
        try (Stream<Path> dirs = Files.list(wikisDir)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("wiki.db"))).toList()) {
                int version;
                try (Connection connection = open(dir.resolve("wiki.db"))) {
                    version = userVersion(connection);
                } catch (SQLException e) {
                    version = -1;
                }
                versions.merge(version, 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return versions;
    }
}
