package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one platform changelog serves SQLite and PostgreSQL: its SQLite changesets carry {@code dbms:sqlite} now, and a
 * platform.db migrated by the changelog as it was before (commits 1e51671, schema 10, and 281f87e, schema 11) must
 * still validate and migrate: the attribute must not change a checksum Liquibase recorded. The changelogs of then are
 * test resources ({@code changelogs/platform-<commit>.sql}), run under the changelog's own path, as Liquibase records
 * changesets by path, id and author.
 */
class PlatformChangelogTest {
    private static final String PATH = "db/changelog/platform/changelog.sql";

    @TempDir
    Path dir;

    @Test
    void aPlatformDbAtSchema10MigratesTo11WithTheDbmsMarkedChangelog() throws Exception {
        Path file = dir.resolve("platform.db");
        liquibase(file, old("platform-1e51671.sql"));
        setUserVersion(file, 10);
        Map<String, String> before = checksums(file);
        assertThat(before).hasSize(10);

        try (PlatformDatabase db = new PlatformDatabase(file)) {
            assertThat(db.dialect()).isEqualTo(PlatformDialect.SQLITE);
        }

        Map<String, String> after = checksums(file);
        assertThat(after).containsAllEntriesOf(before).containsKey("platform-11").hasSize(11);
        assertThat(userVersion(file)).isEqualTo(PlatformDatabase.SCHEMA_VERSION);
        assertThat(columns(file, "wikis")).contains("node", "moving_to", "move_state");
    }

    @Test
    void aPlatformDbAtSchema11ValidatesAgainstTheDbmsMarkedChangelog() throws Exception {
        Path file = dir.resolve("platform.db");
        liquibase(file, old("platform-281f87e.sql"));
        Map<String, String> before = checksums(file);

        // Liquibase itself, not the fast path: it validates every recorded checksum before it updates.
        liquibase(file, current());

        assertThat(checksums(file)).isEqualTo(before).hasSize(11);
    }

    /** The control: a change to a changeset's SQL is refused, so the two tests above can fail. */
    @Test
    void aChangedChangesetIsRefusedByItsChecksum() throws Exception {
        Path file = dir.resolve("platform.db");
        liquibase(file, old("platform-281f87e.sql"));
        String changed = current().replace("CREATE INDEX acl_by_grantee ON acl (grantee);",
                "CREATE INDEX acl_by_grantee ON acl (grantee, wiki);");

        Throwable failure = catchThrowable(() -> liquibase(file, changed));

        assertThat(failure).isNotNull();
        assertThat(rootMessage(failure)).contains("check sum").contains("platform-1::wikifarm");
    }

    @Test
    void noPostgresqlChangesetRunsOnSqlite() throws Exception {
        Path file = dir.resolve("platform.db");
        try (PlatformDatabase ignored = new PlatformDatabase(file)) {
            assertThat(checksums(file).keySet()).allMatch(id -> !id.startsWith("platform-pg"));
        }
    }

    private void liquibase(Path file, String changelogText) throws Exception {
        Path root = Files.createTempDirectory(dir, "changelog");
        Path changelog = root.resolve(PATH);
        Files.createDirectories(changelog.getParent());
        Files.writeString(changelog, changelogText);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(root)),
                    () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, PATH)
                            .execute());
        }
    }

    private static String old(String name) throws IOException {
        try (InputStream in = PlatformChangelogTest.class.getResourceAsStream("/changelogs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String current() throws IOException {
        try (InputStream in = PlatformChangelogTest.class.getResourceAsStream("/" + PATH)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> checksums(Path file) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ID, MD5SUM FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED")) {
            while (rows.next()) {
                sums.put(rows.getString(1), rows.getString(2));
            }
        }
        return sums;
    }

    private static void setUserVersion(Path file, int version) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = " + version);
        }
    }

    private static int userVersion(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            return row.getInt(1);
        }
    }

    private static java.util.List<String> columns(Path file, String table) throws SQLException {
        java.util.List<String> names = new java.util.ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rows.next()) {
                names.add(rows.getString("name"));
            }
        }
        return names;
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString().toLowerCase(java.util.Locale.ROOT);
    }
}
