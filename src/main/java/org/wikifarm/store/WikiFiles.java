package org.wikifarm.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteDataSource;

/**
 * The layout of one wiki on disk, {@code data/wikis/<id>/{repo.git, wiki.db}}, and its creation: built in a
 * temporary folder and moved into place in one rename, so a crash never leaves a half-made wiki.
 */
public final class WikiFiles {
    private static final Logger LOG = LoggerFactory.getLogger(WikiFiles.class);
    public static final String BRANCH = "main";

    private WikiFiles() {
    }

    public static Path database(Path wikiDir) {
        return wikiDir.resolve("wiki.db");
    }

    public static Path repository(Path wikiDir) {
        return wikiDir.resolve("repo.git");
    }

    /**
     * Creates the wiki's folder from a migrated template database and a bare repository, empty or with
     * {@code first} as its first commit (and the page counted in the database), all before the one rename.
     */
    static void create(Path wikisDir, TenantId id, Path templateDatabase, FirstPage first) {
        Path target = wikisDir.resolve(id.value());
        Path temp = wikisDir.resolve(".new-" + id.value());
        try {
            Files.createDirectories(temp);
            Files.copy(templateDatabase, database(temp), StandardCopyOption.REPLACE_EXISTING);
            createBareRepository(repository(temp));
            if (first != null) {
                commit(repository(temp), first);
                countOnePage(database(temp));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | SQLException | RuntimeException e) {
            deleteRecursively(temp);
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw e instanceof IOException io ? new UncheckedIOException("Cannot create the files of wiki " + id, io)
                    : new IllegalStateException("Cannot create the files of wiki " + id, e);
        }
    }

    /** The first commit of an empty repository: one file, on {@code main}, which must not exist yet. */
    private static void commit(Path dir, FirstPage first) throws IOException {
        if (first.file().isEmpty() || first.file().indexOf('/') >= 0) {
            throw new IllegalArgumentException("A first page is a file at the top of the repository: " + first.file());
        }
        try (Repository repository = FileRepositoryBuilder.create(dir.toFile());
             ObjectInserter inserter = repository.newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, first.content().getBytes(StandardCharsets.UTF_8));
            TreeFormatter tree = new TreeFormatter();
            tree.append(first.file(), FileMode.REGULAR_FILE, blob);
            ObjectId treeId = inserter.insert(tree);
            PersonIdent who = new PersonIdent(first.author(), first.email(), first.when(), ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(treeId);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(first.message());
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + BRANCH);
            update.setNewObjectId(commitId);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.disableRefLog();
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new IOException("Cannot write the first commit of " + dir + ": " + result);
            }
        }
    }

    /** The copied template counts no pages; the first page makes one (as {@code PageService} keeps it after). */
    private static void countOnePage(Path database) throws SQLException {
        SQLiteDataSource source = new SQLiteDataSource(SqliteConnections.config());
        source.setUrl("jdbc:sqlite:" + database);
        try (Connection connection = source.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE stats SET value = 1 WHERE name = 'page_count'")) {
            update.executeUpdate();
        }
    }

    /** An empty bare repository whose HEAD points at {@code refs/heads/main}. */
    public static void createBareRepository(Path dir) throws IOException {
        try (Repository repository = FileRepositoryBuilder.create(dir.toFile())) {
            repository.create(true);
            RefUpdate head = repository.getRefDatabase().newUpdate(Constants.HEAD, false);
            head.disableRefLog();
            head.link(Constants.R_HEADS + BRANCH);
        }
        ensurePackedRefs(dir);
    }

    /**
     * Gives the repository an (empty) {@code packed-refs} file if it has none, as {@code git pack-refs} would. JGit
     * looks for that file on every ref read, and a missing one costs a thrown exception each time: 15–18 µs per read
     * instead of 3 µs, a quarter of a cached page view's CPU. Written aside and linked into place, never over a file.
     */
    static void ensurePackedRefs(Path repositoryDir) {
        Path packedRefs = repositoryDir.resolve(Constants.PACKED_REFS);
        if (Files.exists(packedRefs)) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(repositoryDir, "packed-refs", ".new");
            Files.writeString(temp, "# pack-refs with: peeled fully-peeled sorted \n");
            // A hard link, unlike a rename, never replaces a file that appeared meanwhile (refs packed by git).
            Files.createLink(packedRefs, temp);
        } catch (FileAlreadyExistsException someoneElse) {
            // Another process or thread made it first: theirs is as good.
        } catch (IOException | UnsupportedOperationException e) {
            // Only an optimisation (a file system without hard links, a read-only folder): the wiki works without it.
            LOG.debug("No packed-refs file for {}: {}", repositoryDir, e.toString());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A leftover *.new file in the repository folder is harmless to git and JGit.
                }
            }
        }
    }

    /**
     * Deletes the folder and what it holds, never throwing. A file may vanish while the folder is walked (JGit's
     * background work takes and drops lock files such as {@code gc.log.lock} in a repository being discarded), which
     * makes the walk fail: it is walked again, three times at most. Leftovers are harmless: they are never named like
     * a wiki.
     */
    static void deleteRecursively(Path dir) {
        for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException vanished) {
                // A file went away during the walk: walk again.
            }
        }
    }
}
