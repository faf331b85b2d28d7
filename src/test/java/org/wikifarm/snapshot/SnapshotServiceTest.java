package org.wikifarm.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.app.TestFarm;
import org.wikifarm.auth.Caller;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PageNotFoundException;
import org.wikifarm.page.PagePath;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSnapshots;
import org.wikifarm.tenant.Wiki;

/**
 * Snapshots over real SQLite and JGit: taken while the wiki is open, restored over it (later pages gone, earlier ones
 * back), restored as a copy, downloaded, deleted; damaged, truncated and foreign snapshots and path tricks refused
 * with the wiki untouched; one restore at a time; nobody but the wiki's administrators reaches any of it.
 */
class SnapshotServiceTest {
    private static final PagePath HOME = new PagePath("Home");
    private static final PagePath LATER = new PagePath("Later");

    @TempDir
    Path dir;

    private TestFarm farm;
    private SnapshotService snapshots;
    private Caller alice;
    private Caller bob;
    private Wiki wiki;
    private Wiki other;

    @BeforeEach
    void setUp() {
        farm = new TestFarm(dir, TestFarm.limits().build());
        snapshots = farm.app.snapshots();
        alice = farm.signUp("alice");
        bob = farm.signUp("bob");
        wiki = farm.wiki(alice, "notes");
        other = farm.wiki(bob, "other");
        save(alice, wiki, HOME, "# Home\nversion one");
        save(bob, other, HOME, "# Bob's home");
    }

    @AfterEach
    void tearDown() {
        farm.close();
    }

    private void save(Caller caller, Wiki target, PagePath path, String text) {
        String base;
        try {
            base = farm.app.pages().read(farm.admin, target, path, null).revision();
        } catch (PageNotFoundException missing) {
            base = null;
        }
        farm.app.pages().save(caller, target, path, text, base, "test");
    }

    private String read(Wiki target, PagePath path) {
        return farm.app.pages().read(farm.admin, target, path, null).content();
    }

    private Path wikiDir(Wiki target) {
        return farm.app.settings().wikisDir().resolve(target.id().value());
    }

    private static <T extends Throwable> T refused(Class<T> type, Runnable action) {
        T thrown = catchThrowableOfType(type, action::run);
        assertThat(thrown).as("refused with %s", type.getSimpleName()).isNotNull();
        return thrown;
    }

    @Test
    void aSnapshotHoldsTheDatabaseTheBundleAndAManifestWithChecksums() throws Exception {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);

        Path folder = wikiDir(wiki).resolve("snapshots").resolve(taken.id());
        assertThat(folder.resolve("wiki.db")).isRegularFile();
        assertThat(folder.resolve("repo.bundle")).isRegularFile();
        WikiSnapshots.Manifest manifest = taken.manifest();
        assertThat(manifest.wiki()).isEqualTo(wiki.id().value());
        try (org.eclipse.jgit.lib.Repository repository =
                     new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(
                             farm.repository(wiki).toFile()).build()) {
            assertThat(manifest.commit()).isEqualTo(repository.resolve("refs/heads/main").name());
        }
        assertThat(manifest.schemaVersion()).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(manifest.changesets()).isEqualTo(OpenWikis.SCHEMA_VERSION);
        assertThat(manifest.lastChangeset()).isEqualTo("wiki-" + OpenWikis.SCHEMA_VERSION);
        assertThat(manifest.files().get("wiki.db").bytes()).isEqualTo(Files.size(folder.resolve("wiki.db")));
        assertThat(manifest.files().get("repo.bundle").sha256()).hasSize(64);
        assertThat(snapshots.list(alice, wiki)).extracting(WikiSnapshots.Snapshot::id).containsExactly(taken.id());
        // The wiki stayed open and writable throughout.
        save(alice, wiki, LATER, "written after");
        assertThat(read(wiki, LATER)).isEqualTo("written after");
    }

    @Test
    void restoringBringsBackTheWikiAsItWasAndDropsLaterPages() {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        save(alice, wiki, HOME, "# Home\nversion two");
        save(alice, wiki, LATER, "written after");

        SnapshotService.Restored restored = snapshots.restore(alice, wiki, taken.id());

        assertThat(restored.commit()).isEqualTo(taken.manifest().commit());
        assertThat(read(wiki, HOME)).isEqualTo("# Home\nversion one");
        refused(PageNotFoundException.class, () -> read(wiki, LATER));
        // Writable again, on top of the restored history.
        save(alice, wiki, LATER, "again");
        assertThat(read(wiki, LATER)).isEqualTo("again");
        assertThat(snapshots.list(alice, wiki)).hasSize(1);
    }

    @Test
    void aCopyIsANewWikiOfTheCallerAndTheOriginalIsUntouched() throws Exception {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        save(alice, wiki, LATER, "only in the original");

        Wiki copy = snapshots.restoreAsCopy(alice, wiki, taken.id(), "notes-copy", "Notes copy");

        assertThat(copy.id()).isNotEqualTo(wiki.id());
        assertThat(copy.owner().value()).isEqualTo("alice");
        assertThat(copy.isPublic()).isFalse();
        assertThat(read(copy, HOME)).isEqualTo("# Home\nversion one");
        refused(PageNotFoundException.class, () -> read(copy, LATER));
        assertThat(read(wiki, LATER)).isEqualTo("only in the original");
        WikifarmException taken2 = refused(WikifarmException.Conflict.class,
                () -> snapshots.restoreAsCopy(alice, wiki, taken.id(), "notes-copy", null));
        assertThat(taken2.code()).isEqualTo("slug_taken");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void theDownloadIsOneZipOfTheManifestDatabaseAndBundle() throws Exception {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        SnapshotService.Download download = snapshots.download(alice, wiki, taken.id());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.writeTo(out);

        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        String prefix = wiki.id().value() + "-" + taken.id() + "/";
        assertThat(names).containsExactly(prefix + "manifest.json", prefix + "wiki.db", prefix + "repo.bundle");
        assertThat(download.fileName()).isEqualTo("notes-" + taken.id() + ".zip");
    }

    @Test
    void deletingRemovesTheFolderAndAnUnknownIdIsA404() {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        snapshots.delete(alice, wiki, taken.id());
        assertThat(snapshots.list(alice, wiki)).isEmpty();
        assertThat(wikiDir(wiki).resolve("snapshots").resolve(taken.id())).doesNotExist();
        assertThat(refused(WikifarmException.NotFound.class, () -> snapshots.delete(alice, wiki, taken.id())).code())
                .isEqualTo("snapshot_not_found");
    }

    @Test
    void idsThatAreNotTimesArePathTricksAndRefused() {
        for (String id : List.of("..", "../" + wiki.id().value(), "a/b", "20261206T1/..", "", "x".repeat(41),
                "20261206T101500Z/../../x", "20261206\\x")) {
            assertThat(refused(WikifarmException.InvalidInput.class, () -> snapshots.restore(alice, wiki, id)).code())
                    .as(id).isEqualTo("invalid_snapshot_id");
        }
    }

    @Test
    void onlyTheWikisAdministratorsReachItsSnapshots() {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        refused(WikifarmException.Forbidden.class, () -> snapshots.list(bob, wiki));
        refused(WikifarmException.Forbidden.class, () -> snapshots.take(bob, wiki));
        refused(WikifarmException.Forbidden.class, () -> snapshots.download(bob, wiki, taken.id()));
        refused(WikifarmException.Forbidden.class, () -> snapshots.restore(bob, wiki, taken.id()));
        refused(WikifarmException.Forbidden.class, () -> snapshots.delete(bob, wiki, taken.id()));
        refused(WikifarmException.Forbidden.class, () -> snapshots.restoreAsCopy(bob, wiki, taken.id(), "mine", null));
        refused(WikifarmException.Unauthenticated.class, () -> snapshots.list(Caller.ANONYMOUS, wiki));
        // Through her own wiki, bob cannot name alice's snapshot: ids are looked up in his wiki's folder only.
        refused(WikifarmException.NotFound.class, () -> snapshots.restore(bob, other, taken.id()));
        // A platform admin may.
        assertThat(snapshots.list(farm.admin, wiki)).hasSize(1);
    }

    @Test
    void aSnapshotOfAnotherWikiIsRefusedAndNothingChanges() throws Exception {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        Path foreign = wikiDir(other).resolve("snapshots").resolve(taken.id());
        Files.createDirectories(foreign.getParent());
        copyFolder(wikiDir(wiki).resolve("snapshots").resolve(taken.id()), foreign);

        WikifarmException refusal = refused(WikifarmException.Conflict.class,
                () -> snapshots.restore(bob, other, taken.id()));
        assertThat(refusal.code()).isEqualTo("foreign_snapshot");
        assertThat(farm.app.pages().read(bob, other, HOME, null).content()).isEqualTo("# Bob's home");
        assertThat(refused(WikifarmException.Conflict.class,
                () -> snapshots.restoreAsCopy(bob, other, taken.id(), "stolen", null)).code())
                .isEqualTo("foreign_snapshot");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void truncatedOrDamagedSnapshotsAreRefusedAndNothingChanges() throws Exception {
        for (String file : List.of("wiki.db", "repo.bundle", "manifest.json")) {
            WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
            Path path = wikiDir(wiki).resolve("snapshots").resolve(taken.id()).resolve(file);
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
                raf.setLength(raf.length() / 2);
            }
            save(alice, wiki, LATER, "kept " + file);

            WikifarmException refusal = refused(WikifarmException.InvalidInput.class,
                    () -> snapshots.restore(alice, wiki, taken.id()));
            assertThat(refusal.code()).as(file).isEqualTo("damaged_snapshot");
            assertThat(read(wiki, LATER)).isEqualTo("kept " + file);
            snapshots.delete(alice, wiki, taken.id());
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aBundleThatMatchesItsChecksumButNotItsCommitIsRefused() throws Exception {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        Path manifest = wikiDir(wiki).resolve("snapshots").resolve(taken.id()).resolve("manifest.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replace(taken.manifest().commit(), "0".repeat(40)));

        WikifarmException refusal = refused(WikifarmException.InvalidInput.class,
                () -> snapshots.restore(alice, wiki, taken.id()));
        assertThat(refusal.getMessage()).contains("commit");
    }

    @Test
    void snapshotsCountTowardUsageAndTheQuotaRefusesOneThatWouldNotFit() {
        long before = farm.app.usage().measure(wiki.id()).diskUsageBytes();
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        long after = farm.app.usage().measure(wiki.id()).diskUsageBytes();
        assertThat(after - before).isGreaterThanOrEqualTo(taken.manifest().bytes());

        // A limit the wiki already nearly fills: one more snapshot would take it past it.
        farm.app.usage().setLimits(farm.admin, wiki.id().value(), after + 1024, null);
        WikifarmException refusal = refused(WikifarmException.QuotaExceeded.class, () -> snapshots.take(alice, wiki));
        assertThat(refusal.code()).isEqualTo("quota_exceeded");
        assertThat(snapshots.list(alice, wiki)).hasSize(1);
    }

    @Test
    void theNumberOfSnapshotsPerWikiIsCapped() {
        SnapshotService capped = new SnapshotService(farm.app.openWikis(), farm.app.permissions(),
                farm.app.catalog(), farm.app.usage(), farm.app.search(), 2, Clock.systemUTC());
        capped.take(alice, wiki);
        capped.take(alice, wiki);
        WikifarmException refusal = refused(WikifarmException.Conflict.class, () -> capped.take(alice, wiki));
        assertThat(refusal.code()).isEqualTo("too_many_snapshots");
        assertThat(capped.list(alice, wiki)).hasSize(2);
    }

    @Test
    void oneRestoreAtATimeAndTheWikiIsClosedWhileItRuns() throws Exception {
        WikiSnapshots.Snapshot taken = snapshots.take(alice, wiki);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        snapshots.beforeSwap(() -> {
            inside.countDown();
            try {
                letGo.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<SnapshotService.Restored> first =
                CompletableFuture.supplyAsync(() -> snapshots.restore(alice, wiki, taken.id()));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        WikifarmException second = refused(WikifarmException.Conflict.class,
                () -> snapshots.restore(farm.admin, wiki, taken.id()));
        assertThat(second.code()).isEqualTo("restore_in_progress");

        letGo.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).snapshot()).isEqualTo(taken.id());
        assertThat(read(wiki, HOME)).isEqualTo("# Home\nversion one");
    }

    @Test
    void aHeldWikiRefusesLeasesWith503AndASecondHoldWith409() {
        OpenWikis wikis = farm.app.openWikis();
        try (OpenWikis.Hold hold = wikis.hold(wiki.id(), "wiki_restoring", "being restored",
                java.time.Duration.ofSeconds(5))) {
            assertThat(refused(WikifarmException.Unavailable.class, () -> wikis.acquire(wiki.id())).code())
                    .isEqualTo("wiki_restoring");
            assertThat(refused(WikifarmException.Conflict.class, () -> wikis.hold(wiki.id(), "x", "y",
                    java.time.Duration.ZERO)).code()).isEqualTo("wiki_restoring");
            assertThat(hold.dir()).isEqualTo(wikiDir(wiki));
        }
        try (WikiLease lease = wikis.acquire(wiki.id())) {
            assertThat(lease.id()).isEqualTo(wiki.id());
            // In use: a hold that cannot wait is refused, and nothing is closed.
            assertThat(refused(WikifarmException.Conflict.class, () -> wikis.hold(wiki.id(), "x", "y",
                    java.time.Duration.ZERO)).code()).isEqualTo("wiki_in_use");
        }
        assertThat(read(wiki, HOME)).isEqualTo("# Home\nversion one");
    }

    /** Staging folders left in the wikis folder or in the wiki's folder after a refusal. */
    private List<Path> leftovers() throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(farm.app.settings().wikisDir())) {
            entries.filter(p -> p.getFileName().toString().startsWith(".restore-")
                    || p.getFileName().toString().startsWith(".copy-")).forEach(found::add);
        }
        for (Wiki w : List.of(wiki, other)) {
            try (Stream<Path> entries = Files.list(wikiDir(w))) {
                entries.filter(p -> p.getFileName().toString().startsWith(".before-restore")).forEach(found::add);
            }
        }
        return found;
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
