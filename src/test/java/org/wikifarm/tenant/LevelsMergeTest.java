package org.wikifarm.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.auth.User;
import org.wikifarm.auth.UserRepository;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.PlatformDatabase;
import org.wikifarm.store.SqliteMigrator;
import org.wikifarm.store.TenantId;
import org.wikifarm.store.WikiFiles;

/**
 * Moving the access levels into the platform database changes what nobody may do. A platform database of schema 7
 * (with {@code is_public}) and wikis whose {@code wiki.db} holds levels (or none, or junk, or no file at all) is
 * migrated and merged; then every wiki answers visitors and signed-in strangers as the old rule did, the levels are
 * in the row only (gone from the {@code wiki.db}, other preferences kept), and a merge interrupted at any step
 * gives the same result when it runs again.
 */
class LevelsMergeTest {
    @TempDir
    Path dir;

    private Path wikisDir;
    private Path platformFile;
    private PlatformDatabase db;
    private final Map<String, Old> before = new LinkedHashMap<>();
    private final Map<String, TenantId> ids = new LinkedHashMap<>();

    /** A wiki as schema 7 stored it: the public flag, and what its wiki.db held (null: no file). */
    private record Old(boolean isPublic, Map<String, String> preferences) {
        /** The old rule: a public wiki is read by everyone; otherwise, and for writing, the stored levels. */
        Set<Permission> forVisitor() {
            return rule(AccessLevel.ANONYMOUS);
        }

        Set<Permission> forStranger() {
            return rule(AccessLevel.REGISTERED);
        }

        private Set<Permission> rule(AccessLevel caller) {
            Set<Permission> granted = EnumSet.noneOf(Permission.class);
            if (isPublic || lets(preferences == null ? null : preferences.get("READ_ACCESS"), caller)) {
                granted.add(Permission.READ);
            }
            if (lets(preferences == null ? null : preferences.get("WRITE_ACCESS"), caller)) {
                granted.add(Permission.WRITE);
            }
            if (lets(preferences == null ? null : preferences.get("ATTACHMENT_ACCESS"), caller)) {
                granted.add(Permission.UPLOAD);
            }
            if (granted.contains(Permission.WRITE) || granted.contains(Permission.UPLOAD)) {
                granted.add(Permission.READ);
            }
            return granted;
        }

        private static boolean lets(String stored, AccessLevel caller) {
            return "ANONYMOUS".equals(stored) || "REGISTERED".equals(stored) && caller == AccessLevel.REGISTERED;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        wikisDir = dir.resolve("wikis");
        platformFile = dir.resolve("platform.db");
        new SqliteMigrator("platform", "db/changelog/platform-v7.sql", 7).migrate(platformFile);
        before.put("public, levels in wiki.db", new Old(true, Map.of("READ_ACCESS", "APPROVED",
                "WRITE_ACCESS", "REGISTERED", "ATTACHMENT_ACCESS", "APPROVED")));
        before.put("signed-in readers, anyone uploads", new Old(false, Map.of("READ_ACCESS", "REGISTERED",
                "WRITE_ACCESS", "APPROVED", "ATTACHMENT_ACCESS", "ANONYMOUS")));
        before.put("open to all", new Old(false, Map.of("READ_ACCESS", "ANONYMOUS", "WRITE_ACCESS", "ANONYMOUS",
                "ATTACHMENT_ACCESS", "ANONYMOUS")));
        before.put("public, nothing in wiki.db", new Old(true, Map.of()));
        before.put("members only, nothing in wiki.db", new Old(false, Map.of()));
        before.put("junk in wiki.db", new Old(false, Map.of("READ_ACCESS", "everyone", "WRITE_ACCESS", "")));
        before.put("no wiki.db at all", new Old(false, null));
        try (Connection platform = open(platformFile); OpenWikis files = new OpenWikis(wikisDir, 4)) {
            execute(platform, "INSERT INTO users (id, username, auth_provider, auth_subject, is_admin, created_at)"
                    + " VALUES (1, 'boss', 'local', 'boss', 1, '2026-01-01T00:00:00Z'),"
                    + " (2, 'alice', 'local', 'alice', 0, '2026-01-01T00:00:00Z'),"
                    + " (3, 'mallory', 'local', 'mallory', 0, '2026-01-01T00:00:00Z')");
            int number = 0;
            for (Map.Entry<String, Old> wiki : before.entrySet()) {
                TenantId id = TenantId.generate();
                ids.put(wiki.getKey(), id);
                try (PreparedStatement insert = platform.prepareStatement("INSERT INTO wikis (id, owner, slug,"
                        + " display_name, is_public, created_at) VALUES (?, 2, ?, ?, ?, '2026-01-01T00:00:00Z')")) {
                    insert.setString(1, id.value());
                    insert.setString(2, "wiki" + number++);
                    insert.setString(3, wiki.getKey());
                    insert.setBoolean(4, wiki.getValue().isPublic());
                    insert.executeUpdate();
                }
                if (wiki.getValue().preferences() != null) {
                    files.create(id);
                    try (Connection wikiDb = open(wikiDb(id))) {
                        wiki.getValue().preferences().forEach((name, value) -> preference(wikiDb, name, value));
                        preference(wikiDb, "THEME", "dark");
                    }
                }
            }
        }
        db = new PlatformDatabase(platformFile);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void nobodyMayDoMoreOrLessThanBefore() {
        assertThat(new LevelsMerge(db, wikisDir).run()).isEqualTo(before.size());

        Permissions permissions = new Permissions(new UserRepository(db));
        WikiRepository wikis = new WikiRepository(db);
        Caller stranger = new Caller(new User(3, new Username("mallory"), null, null, false, false, Instant.now()));
        before.forEach((name, old) -> {
            Wiki wiki = wikis.findById(ids.get(name)).orElseThrow();
            assertThat(permissions.of(Caller.ANONYMOUS, wiki)).as("a visitor on %s", name)
                    .isEqualTo(old.forVisitor());
            assertThat(permissions.of(stranger, wiki)).as("a signed-in stranger on %s", name)
                    .isEqualTo(old.forStranger());
            assertThat(wiki.isPublic()).as("%s is public: everyone may read it by its read level", name)
                    .isEqualTo(old.isPublic() || old.preferences() != null
                            && "ANONYMOUS".equals(old.preferences().get("READ_ACCESS")));
        });
        assertThat(wikis.findById(ids.get("public, levels in wiki.db")).orElseThrow().access())
                .isEqualTo(new AccessLevels(AccessLevel.ANONYMOUS, AccessLevel.REGISTERED, AccessLevel.APPROVED));
    }

    @Test
    void theLevelsAreStoredOnceAfterwards() throws Exception {
        new LevelsMerge(db, wikisDir).run();

        for (Map.Entry<String, TenantId> wiki : ids.entrySet()) {
            if (before.get(wiki.getKey()).preferences() == null) {
                assertThat(Files.exists(wikiDb(wiki.getValue()))).isFalse();
                continue;
            }
            try (Connection wikiDb = open(wikiDb(wiki.getValue()))) {
                assertThat(preferences(wikiDb)).as("the wiki.db of %s", wiki.getKey()).containsOnlyKeys("THEME");
            }
        }
        assertThat(new LevelsMerge(db, wikisDir).run()).as("nothing left to merge").isZero();
        try (Connection platform = open(platformFile); Statement query = platform.createStatement();
             ResultSet columns = query.executeQuery("SELECT name FROM pragma_table_info('wikis')")) {
            while (columns.next()) {
                assertThat(columns.getString(1)).isNotEqualTo("is_public");
            }
        }
    }

    @Test
    void aMergeInterruptedAtAnyStepEndsTheSameWhenItRunsAgain() throws Exception {
        new LevelsMerge(db, wikisDir).run();
        WikiRepository wikis = new WikiRepository(db);
        Map<String, AccessLevels> merged = new LinkedHashMap<>();
        ids.forEach((name, id) -> merged.put(name, wikis.findById(id).orElseThrow().access()));

        // Stopped after the rows were written, before the wiki.db was cleaned: the wiki.db still has its levels.
        for (Map.Entry<String, TenantId> wiki : ids.entrySet()) {
            Map<String, String> preferences = before.get(wiki.getKey()).preferences();
            if (preferences != null) {
                try (Connection wikiDb = open(wikiDb(wiki.getValue()))) {
                    preferences.forEach((name, value) -> preference(wikiDb, name, value));
                }
            }
        }
        relist();
        new LevelsMerge(db, wikisDir).run();
        ids.forEach((name, id) -> assertThat(wikis.findById(id).orElseThrow().access()).as(name)
                .isEqualTo(merged.get(name)));

        // Stopped after the wiki.db was cleaned, before the list was: nothing in the wiki.db changes the row.
        relist();
        new LevelsMerge(db, wikisDir).run();
        ids.forEach((name, id) -> assertThat(wikis.findById(id).orElseThrow().access()).as(name)
                .isEqualTo(merged.get(name)));
    }

    private void relist() {
        db.withConnection(connection -> {
            try (Statement insert = connection.createStatement()) {
                return insert.executeUpdate("INSERT INTO wiki_levels_to_merge (wiki_id) SELECT id FROM wikis");
            }
        });
    }

    private Path wikiDb(TenantId id) {
        return WikiFiles.database(wikisDir.resolve(id.value()));
    }

    private static void preference(Connection wikiDb, String name, String value) {
        try (PreparedStatement insert = wikiDb.prepareStatement(
                "INSERT OR REPLACE INTO preferences (name, value) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, value);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> preferences(Connection wikiDb) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Statement query = wikiDb.createStatement();
             ResultSet rows = query.executeQuery("SELECT name, value FROM preferences")) {
            while (rows.next()) {
                found.put(rows.getString(1), rows.getString(2));
            }
        }
        return found;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source.getConnection();
    }
}
