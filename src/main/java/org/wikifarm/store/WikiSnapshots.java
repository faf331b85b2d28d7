package org.wikifarm.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.BundleWriter;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.wikifarm.error.WikifarmException;

/**
 * The files of a wiki's snapshots, {@code data/wikis/<id>/snapshots/<snapshot id>/}: {@code wiki.db} written by
 * SQLite's {@code VACUUM INTO} (a consistent copy of a live WAL database, never a file copy), {@code repo.bundle} (a git
 * bundle of {@code main}, JGit's {@code BundleWriter}) and {@code manifest.json} (wiki, commit, schema version, sizes
 * and SHA-256 checksums). A snapshot is built in a hidden folder and renamed into place, so the list never shows a
 * half-made one. Restoring stages a verified copy beside the wiki ({@link #stage}) and swaps it in by renames
 * ({@link #swapIn}) while {@link OpenWikis#hold} keeps the wiki closed. No permissions here: {@code snapshot.SnapshotService}
 * decides who may do what.
 */
public final class WikiSnapshots {
    public static final String FOLDER = "snapshots";
    public static final String MANIFEST = "manifest.json";
    public static final String DATABASE = "wiki.db";
    public static final String BUNDLE = "repo.bundle";
    private static final int MAX_ID_CHARS = 40;
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private WikiSnapshots() {
    }

    /** A file of a snapshot as its manifest records it. */
    public record FileSum(long bytes, String sha256) {
    }

    /**
     * What {@code manifest.json} holds.
     *
     * @param commit        the commit of {@code main} the bundle holds (null for a wiki without commits)
     * @param schemaVersion the database's {@code PRAGMA user_version}
     * @param changesets    how many Liquibase changesets the database has run, and the last one's id
     */
    public record Manifest(int format, String wiki, String commit, String branch, int schemaVersion, int changesets,
                           String lastChangeset, Instant createdAt, Map<String, FileSum> files) {
        public long bytes() {
            return files == null ? 0 : files.values().stream().mapToLong(FileSum::bytes).sum();
        }
    }

    /** A snapshot in a wiki's list: its id and manifest (null when the manifest is missing or unreadable). */
    public record Snapshot(String id, Manifest manifest) {
        public boolean damaged() {
            return manifest == null;
        }
    }

    /**
     * Where the database is copied before a migration ({@code snapshots/.before-migration/wiki-v<version>.db}, by
     * {@code VACUUM INTO}): not a snapshot of the list (no repository), kept until the next migration replaces it.
     */
    public static Path beforeMigration(Path wikiDir) {
        return folder(wikiDir).resolve(".before-migration");
    }

    /** The snapshots folder of a wiki folder. */
    public static Path folder(Path wikiDir) {
        return wikiDir.resolve(FOLDER);
    }

    /**
     * The folder of one snapshot of this wiki. The id is checked character by character (digits, {@code T},
     * {@code Z}, {@code -}; at most 40), so it can only name a folder directly under this wiki's snapshots folder.
     */
    public static Path of(Path wikiDir, String id) {
        checkId(id);
        return folder(wikiDir).resolve(id);
    }

    static void checkId(String id) {
        boolean ok = id != null && !id.isEmpty() && id.length() <= MAX_ID_CHARS && Character.isDigit(id.charAt(0));
        for (int i = 0; ok && i < id.length(); i++) {
            char c = id.charAt(i);
            ok = (c >= '0' && c <= '9') || c == 'T' || c == 'Z' || c == '-';
        }
        if (!ok) {
            throw new WikifarmException.InvalidInput("invalid_snapshot_id",
                    "A snapshot id is the time it was taken, such as 20261206T101500123Z: digits, T, Z and -.");
        }
    }

    /** Whether {@code name} has the shape of a snapshot id. */
    public static boolean isId(String name) {
        try {
            checkId(name);
            return true;
        } catch (WikifarmException.InvalidInput e) {
            return false;
        }
    }

    /** The snapshots of a wiki, newest first; a folder without a readable manifest is listed as damaged. */
    public static List<Snapshot> list(Path wikiDir) {
        Path folder = folder(wikiDir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Snapshot> snapshots = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(WikiSnapshots::isId)
                    .sorted(Comparator.reverseOrder())
                    .forEach(id -> snapshots.add(new Snapshot(id, readManifest(folder.resolve(id)).orElse(null))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snapshots;
    }

    /** How many snapshots the wiki has (damaged ones included). */
    public static int count(Path wikiDir) {
        return list(wikiDir).size();
    }

    /** One snapshot of the wiki; 404 when there is none of that id. */
    public static Snapshot find(Path wikiDir, String id) {
        Path dir = of(wikiDir, id);
        if (!Files.isDirectory(dir)) {
            throw new WikifarmException.NotFound("snapshot_not_found", "This wiki has no snapshot " + id + ".");
        }
        return new Snapshot(id, readManifest(dir).orElse(null));
    }

    /** What a new snapshot may take on disk, about: the database and the repository as they are now. */
    public static long estimate(Path wikiDir) {
        return sizeOf(WikiFiles.database(wikiDir)) + sizeOf(WikiFiles.repository(wikiDir));
    }

    /**
     * Takes a snapshot of the leased (open, online) wiki: the database first by {@code VACUUM INTO}, then a bundle of
     * exactly the commit {@code main} is at afterwards. The database's rows may lag the repository by the writes in
     * between (as after a crash: the last-change rows catch up by walking the commits after their stamp), never lead it.
     */
    public static Snapshot take(WikiLease lease, Instant now) {
        OpenWiki wiki = lease.wiki();
        Path folder = folder(wiki.dir());
        Path temp = folder.resolve(".new-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            Path database = temp.resolve(DATABASE);
            vacuumInto(wiki, database);
            Repository repository = wiki.repository();
            Ref main = repository.exactRef(Constants.R_HEADS + WikiFiles.BRANCH);
            Map<String, FileSum> files = new LinkedHashMap<>();
            files.put(DATABASE, sum(database));
            String commit = null;
            if (main != null && main.getObjectId() != null) {
                commit = main.getObjectId().name();
                Path bundle = temp.resolve(BUNDLE);
                BundleWriter writer = new BundleWriter(repository);
                writer.include(Constants.R_HEADS + WikiFiles.BRANCH, main.getObjectId());
                try (OutputStream out = Files.newOutputStream(bundle)) {
                    writer.writeBundle(NullProgressMonitor.INSTANCE, out);
                }
                files.put(BUNDLE, sum(bundle));
            }
            Schema schema = schemaOf(database);
            Manifest manifest = new Manifest(1, wiki.id().value(), commit, WikiFiles.BRANCH, schema.version(),
                    schema.changesets(), schema.lastChangeset(), now, files);
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.resolve(MANIFEST).toFile(), manifest);
            String id = freeId(folder, now);
            Files.move(temp, folder.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            return new Snapshot(id, manifest);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot take a snapshot of wiki " + wiki.id() + ": " + e.getMessage(), e);
        } finally {
            WikiFiles.deleteRecursively(temp);
        }
    }

    /** Only the database (before a migration): {@code VACUUM INTO} the given file, which must not exist. */
    static void vacuumInto(Connection connection, Path target) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
    }

    private static void vacuumInto(OpenWiki wiki, Path target) throws SQLException {
        Connection connection = wiki.borrowConnection();
        try {
            vacuumInto(connection, target);
        } finally {
            wiki.giveBack(connection);
        }
    }

    private static String freeId(Path folder, Instant now) {
        String base = ID_TIME.format(now);
        String id = base;
        for (int n = 2; Files.exists(folder.resolve(id)); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** Deletes a snapshot: renamed out of the list first, so it is never listed half-deleted. */
    public static void delete(Path wikiDir, String id) {
        find(wikiDir, id);
        Path dir = of(wikiDir, id);
        Path gone = folder(wikiDir).resolve(".deleted-" + UUID.randomUUID());
        try {
            Files.move(dir, gone, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete snapshot " + id, e);
        }
        WikiFiles.deleteRecursively(gone);
    }

    /** Writes the snapshot as one zip file: {@code <wiki id>-<snapshot id>/} with the manifest and its files. */
    public static void zip(Path wikiDir, String id, OutputStream out) throws IOException {
        Path dir = of(wikiDir, id);
        find(wikiDir, id);
        String prefix = wikiDir.getFileName() + "-" + id + "/";
        ZipOutputStream zip = new ZipOutputStream(out);
        for (String name : List.of(MANIFEST, DATABASE, BUNDLE)) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                zip.putNextEntry(new ZipEntry(prefix + name));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
    }

    /**
     * Checks a snapshot and builds from it, in {@code stage} (which must not exist), the files of a wiki: the manifest
     * readable and of {@code expectedWiki} (null: any wiki, for a copy), every file of its size and checksum, the
     * schema not newer than the code's, {@code PRAGMA integrity_check} ok on the copied database, and the bundle
     * fetched into a new bare repository with every object checked and connected, {@code main} at the manifest's
     * commit. Anything wrong: 400 {@code damaged_snapshot} or 409 {@code foreign_snapshot}/{@code schema_too_new},
     * and {@code stage} is removed again. Nothing of the wiki is touched.
     */
    public static Manifest stage(Path wikiDir, String id, TenantId expectedWiki, Path stage) {
        Path dir = of(wikiDir, id);
        find(wikiDir, id);
        return stageFrom(dir, expectedWiki, stage);
    }

    /**
     * As {@link #stage}, from a snapshot folder anywhere (one of another installation's, for {@code wikifarm import
     * --snapshot}): the same checks, of any wiki. The folder is only read.
     */
    public static Manifest stageFolder(Path snapshotDir, Path stage) {
        if (!Files.isDirectory(snapshotDir) || !Files.isRegularFile(snapshotDir.resolve(MANIFEST))) {
            throw new WikifarmException.InvalidInput("not_a_snapshot", snapshotDir + " is not a Wikifarm snapshot"
                    + " folder (one with " + MANIFEST + ", such as data/wikis/<id>/snapshots/<time>/).");
        }
        return stageFrom(snapshotDir, null, stage);
    }

    private static Manifest stageFrom(Path dir, TenantId expectedWiki, Path stage) {
        Manifest manifest = readManifest(dir).orElseThrow(() -> damaged("its manifest is missing or unreadable"));
        if (manifest.wiki() == null || manifest.files() == null || !manifest.files().containsKey(DATABASE)) {
            throw damaged("its manifest is incomplete");
        }
        if (expectedWiki != null && !expectedWiki.value().equals(manifest.wiki())) {
            throw new WikifarmException.Conflict("foreign_snapshot", "This snapshot was taken of another wiki ("
                    + manifest.wiki() + "), not this one: it cannot be restored here. Nothing was changed.");
        }
        if (manifest.schemaVersion() > OpenWikis.SCHEMA_VERSION) {
            throw new WikifarmException.Conflict("schema_too_new", "This snapshot's database has schema version "
                    + manifest.schemaVersion() + ", newer than this Wikifarm's " + OpenWikis.SCHEMA_VERSION + ".");
        }
        for (Map.Entry<String, FileSum> file : manifest.files().entrySet()) {
            if (!file.getKey().equals(DATABASE) && !file.getKey().equals(BUNDLE)) {
                throw damaged("its manifest names an unknown file");
            }
            Path path = dir.resolve(file.getKey());
            if (!Files.isRegularFile(path) || sizeOf(path) != file.getValue().bytes()
                    || !sum(path).sha256().equals(file.getValue().sha256())) {
                throw damaged(file.getKey() + " is missing, truncated or changed (its size or checksum differs)");
            }
        }
        if ((manifest.commit() == null) != !manifest.files().containsKey(BUNDLE)) {
            throw damaged("its manifest's commit and bundle disagree");
        }
        try {
            Files.createDirectories(stage);
            Path database = WikiFiles.database(stage);
            Files.copy(dir.resolve(DATABASE), database);
            checkDatabase(database, manifest);
            Path repository = WikiFiles.repository(stage);
            WikiFiles.createBareRepository(repository);
            if (manifest.commit() != null) {
                fetchBundle(dir.resolve(BUNDLE), repository, manifest.commit());
            }
            return manifest;
        } catch (IOException | RuntimeException e) {
            WikiFiles.deleteRecursively(stage);
            if (e instanceof WikifarmException known) {
                throw known;
            }
            throw damaged("its files cannot be read back (" + e.getMessage() + ")");
        }
    }

    private static void checkDatabase(Path database, Manifest manifest) {
        try (Connection connection = connect(database, false); Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
                if (!result.next() || !"ok".equals(result.getString(1))) {
                    throw damaged("its database fails SQLite's integrity check");
                }
            }
            try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                if (!result.next() || result.getInt(1) != manifest.schemaVersion()) {
                    throw damaged("its database's schema version is not the manifest's");
                }
            }
            // VACUUM INTO writes a rollback-journal file; a wiki's database runs in WAL mode (set once, here).
            statement.execute("PRAGMA journal_mode=WAL");
        } catch (SQLException e) {
            throw damaged("its database cannot be opened (" + e.getMessage() + ")");
        }
    }

    private static void fetchBundle(Path bundle, Path repositoryDir, String commit) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repositoryDir.toFile()).build()) {
            try (Transport transport = Transport.open(repository, new URIish(bundle.toAbsolutePath().toString()))) {
                transport.setCheckFetchedObjects(true);
                transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec(
                        "+" + Constants.R_HEADS + WikiFiles.BRANCH + ":" + Constants.R_HEADS + WikiFiles.BRANCH)));
            } catch (Exception e) {
                throw damaged("its git bundle cannot be read (" + e.getMessage() + ")");
            }
            Ref main = repository.exactRef(Constants.R_HEADS + WikiFiles.BRANCH);
            if (main == null || !main.getObjectId().name().equals(commit)) {
                throw damaged("its git bundle does not hold the manifest's commit");
            }
            try (ObjectWalk walk = new ObjectWalk(repository)) {
                walk.markStart(walk.parseAny(ObjectId.fromString(commit)));
                walk.checkConnectivity();
            } catch (IOException e) {
                throw damaged("its git bundle is missing objects (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Swaps a staged wiki in for the closed wiki's database, repository and search index: the old ones are moved
     * aside, the staged ones renamed into place, and the old ones deleted only once every rename succeeded (any failure
     * moves everything back). The wiki must be held closed ({@link OpenWikis#hold}). Its snapshots stay.
     */
    public static void swapIn(Path wikiDir, Path stage) {
        Path aside = wikiDir.resolve(".before-restore-" + UUID.randomUUID());
        List<String> movedAside = new ArrayList<>();
        List<String> movedIn = new ArrayList<>();
        try {
            Files.createDirectories(aside);
            for (String name : List.of("wiki.db", "wiki.db-wal", "wiki.db-shm", "repo.git", "index")) {
                if (Files.exists(wikiDir.resolve(name))) {
                    Files.move(wikiDir.resolve(name), aside.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                    movedAside.add(name);
                }
            }
            for (String name : List.of("wiki.db", "repo.git")) {
                Files.move(stage.resolve(name), wikiDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                movedIn.add(name);
            }
        } catch (IOException | RuntimeException e) {
            try {
                for (String name : movedIn) {
                    Files.move(wikiDir.resolve(name), stage.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
                for (String name : movedAside) {
                    Files.move(aside.resolve(name), wikiDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException back) {
                e.addSuppressed(back);
            }
            WikiFiles.deleteRecursively(aside);
            throw new IllegalStateException("Cannot swap the snapshot in; the wiki was left as it was", e);
        }
        WikiFiles.deleteRecursively(aside);
        WikiFiles.deleteRecursively(stage);
    }

    /** Removes the drafts of a staged copy: they belong to people of the wiki it was taken from. */
    public static void forgetPeople(Path stage) {
        try (Connection connection = connect(WikiFiles.database(stage), false);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM drafts");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clear the copy's drafts", e);
        }
    }

    /** How many pages a staged copy holds, as its database counts them. */
    public static int pageCount(Path stage) {
        try (Connection connection = connect(WikiFiles.database(stage), true);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT value FROM stats WHERE name = 'page_count'")) {
            return result.next() ? result.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** The display name a staged wiki's own database holds ({@code tenant.WikiNames}), if any. */
    public static Optional<String> displayName(Path stage) {
        try (Connection connection = connect(WikiFiles.database(stage), true);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT value FROM preferences WHERE name = 'DISPLAY_NAME'")) {
            try (ResultSet result = query.executeQuery()) {
                String name = result.next() ? result.getString(1) : null;
                return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** How many drafts a staged copy holds (a copy keeps none: {@link #forgetPeople}). */
    public static int draftCount(Path stage) {
        try (Connection connection = connect(WikiFiles.database(stage), true);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM drafts")) {
            return result.next() ? result.getInt(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Sets the display name in a staged wiki's own database, so it travels with the wiki. */
    public static void storeDisplayName(Path stage, String name) {
        try (Connection connection = connect(WikiFiles.database(stage), false);
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO preferences (name, value)"
                     + " VALUES ('DISPLAY_NAME', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value")) {
            upsert.setString(1, name);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write the display name into the staged wiki", e);
        }
    }

    /** Removes a staging folder left by a failed or finished restore. */
    public static void discard(Path stage) {
        WikiFiles.deleteRecursively(stage);
    }

    /** A snapshot's manifest, if it has a readable one. */
    static Optional<Manifest> readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file) || sizeOf(file) > 64 * 1024) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Manifest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private record Schema(int version, int changesets, String lastChangeset) {
    }

    private static Schema schemaOf(Path database) throws SQLException {
        try (Connection connection = connect(database, true); Statement statement = connection.createStatement()) {
            int version;
            try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
                version = result.next() ? result.getInt(1) : 0;
            }
            try (ResultSet result = statement.executeQuery(
                    "SELECT (SELECT count(*) FROM DATABASECHANGELOG),"
                            + " (SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED DESC LIMIT 1)")) {
                result.next();
                return new Schema(version, result.getInt(1), result.getString(2));
            } catch (SQLException noChangelog) {
                return new Schema(version, 0, null);
            }
        }
    }

    private static Connection connect(Path database, boolean readOnly) throws SQLException {
        SQLiteConfig config = SqliteConnections.config();
        config.setReadOnly(readOnly);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + database.toAbsolutePath());
        return source.getConnection();
    }

    private static FileSum sum(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                total += n;
            }
            return new FileSum(total, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static long sizeOf(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static WikifarmException damaged(String why) {
        return new WikifarmException.InvalidInput("damaged_snapshot",
                "This snapshot cannot be restored: " + why + ". Nothing was changed.");
    }
}
