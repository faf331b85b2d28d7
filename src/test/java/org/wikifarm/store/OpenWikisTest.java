package org.wikifarm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.wikifarm.store.SqliteMigratorTest.execute;
import static org.wikifarm.store.SqliteMigratorTest.query;
import static org.wikifarm.store.SqliteMigratorTest.stats;
import static org.wikifarm.store.SqliteMigratorTest.userVersion;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;

class OpenWikisTest {
    static final List<Class<?>> ENTITIES = List.of(WikiStat.class, WikiPreference.class);

    @TempDir
    Path dir;

    @Test
    void createdWikiOpensWithABareRepositoryOnMain() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            assertThat(wikis.exists(id)).isFalse();
            wikis.create(id);
            assertThat(wikis.exists(id)).isTrue();
            assertThat(wikis.openCount()).isZero();

            try (WikiLease lease = wikis.acquire(id)) {
                Repository repository = lease.repository();
                assertThat(lease.id()).isEqualTo(id);
                assertThat(repository.isBare()).isTrue();
                assertThat(repository.getFullBranch()).isEqualTo("refs/heads/main");
                assertThat(repository.exactRef("HEAD").getTarget().getName()).isEqualTo("refs/heads/main");
                assertThat(repository.getDirectory().toPath()).isEqualTo(dir.resolve(id.value()).resolve("repo.git"));
                assertThat(wikis.openCount()).isEqualTo(1);
            }
            Path db = dir.resolve(id.value()).resolve("wiki.db");
            assertThat(userVersion(db)).isEqualTo(OpenWikis.SCHEMA_VERSION);
            assertThat(stats(db)).containsExactly("attachment_count=0", "disk_usage_bytes=0", "page_count=0");
        }
    }

    @Test
    void aWikiCanStartWithItsFirstPageAsItsFirstCommit() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            Instant when = Instant.parse("2026-01-02T03:04:05Z");
            wikis.create(id, new FirstPage("Home.md", "# Hello\n", "Wikifarm", "", "A new wiki", when));
            try (WikiLease lease = wikis.acquire(id);
                 RevWalk walk = new RevWalk(lease.repository())) {
                RevCommit first = walk.parseCommit(lease.repository().resolve("refs/heads/main"));
                assertThat(first.getParentCount()).isZero();
                assertThat(first.getAuthorIdent().getName()).isEqualTo("Wikifarm");
                assertThat(first.getAuthorIdent().getWhenAsInstant()).isEqualTo(when);
                assertThat(first.getFullMessage()).isEqualTo("A new wiki");
                try (TreeWalk files = TreeWalk.forPath(lease.repository(), "Home.md", first.getTree())) {
                    assertThat(new String(lease.repository().open(files.getObjectId(0)).getBytes(),
                            StandardCharsets.UTF_8)).isEqualTo("# Hello\n");
                }
            }
            assertThat(stats(dir.resolve(id.value()).resolve("wiki.db")))
                    .containsExactly("attachment_count=0", "disk_usage_bytes=0", "page_count=1");
        }
    }

    @Test
    void aFirstPageThatCannotBeWrittenLeavesNoWikiBehind() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            // Refused while the repository is being written, after the database was copied: nothing may stay.
            Throwable failure = catchThrowable(() -> wikis.create(id,
                    new FirstPage("", "x", "Wikifarm", "", "A new wiki", Instant.EPOCH)));
            assertThat(failure).isNotNull();
            assertThat(wikis.exists(id)).isFalse();
            try (Stream<Path> left = Files.list(dir)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                        .noneMatch(name -> name.contains(id.value()));
            }
        }
    }

    @Test
    void everyRepositoryGetsAPackedRefsFileAndGitStillReadsIt() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId fresh = TenantId.generate();
            wikis.create(fresh);
            Path repo = dir.resolve(fresh.value()).resolve("repo.git");
            assertThat(repo.resolve("packed-refs")).exists();

            // A wiki made before this existed gets one when it is opened; one that git wrote is left alone.
            TenantId older = TenantId.generate();
            wikis.create(older);
            Path olderRepo = dir.resolve(older.value()).resolve("repo.git");
            Files.delete(olderRepo.resolve("packed-refs"));
            try (WikiLease lease = wikis.acquire(older)) {
                assertThat(olderRepo.resolve("packed-refs")).exists();
                assertThat(lease.repository().exactRef("refs/heads/main")).isNull();
            }
            String packedByGit = "# pack-refs with: peeled fully-peeled sorted \n"
                    + "0123456789012345678901234567890123456789 refs/heads/kept\n";
            Files.writeString(repo.resolve("packed-refs"), packedByGit);
            WikiFiles.ensurePackedRefs(repo);
            assertThat(repo.resolve("packed-refs")).hasContent(packedByGit.strip());
            try (Stream<Path> files = Files.list(repo)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".new"));
            }

            Process fsck = new ProcessBuilder("git", "--git-dir", olderRepo.toString(), "fsck", "--strict")
                    .redirectErrorStream(true).start();
            String output = new String(fsck.getInputStream().readAllBytes());
            assertThat(fsck.waitFor()).as(output).isZero();
        }
    }

    @Test
    void acquiringAWikiWithoutFilesIsNotFound() {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            Throwable thrown = catchThrowable(() -> wikis.acquire(TenantId.generate()));

            assertThat(thrown).isInstanceOf(WikifarmException.NotFound.class);
            assertThat(((WikifarmException) thrown).code()).isEqualTo("wiki_not_found");
            assertThat(wikis.openCount()).isZero();
        }
    }

    @Test
    void creatingAnExistingIdIsAConflict() {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            Throwable thrown = catchThrowable(() -> wikis.create(id));
            assertThat(thrown).isInstanceOf(WikifarmException.Conflict.class);
            assertThat(((WikifarmException) thrown).code()).isEqualTo("wiki_exists");
        }
    }

    @Test
    void aDamagedDatabaseFailsToOpenAndIsNotKeptOpen() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            Files.writeString(dir.resolve(id.value()).resolve("wiki.db"), "not a database\n".repeat(300));

            for (int attempt = 0; attempt < 2; attempt++) {
                Throwable thrown = catchThrowable(() -> wikis.acquire(id));
                assertThat(thrown).isInstanceOf(WikifarmException.Unavailable.class);
                assertThat(((WikifarmException) thrown).code()).isEqualTo("database_unreadable");
                assertThat(wikis.openCount()).isZero();
            }
        }
    }

    @Test
    void leastRecentlyUsedIdleWikisAreClosedAboveCapacity() {
        try (OpenWikis wikis = new OpenWikis(dir, 2)) {
            List<TenantId> ids = create(wikis, 5);
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                try (WikiLease lease = wikis.acquire(ids.get(i))) {
                    probes.add(lease.component(Probe.class, wiki -> new Probe()));
                }
                assertThat(wikis.openCount()).isEqualTo(Math.min(i + 1, 2));
            }
            assertThat(probes).extracting(probe -> probe.closed)
                    .containsExactly(true, true, true, false, false);

            // Using wiki 3 makes wiki 4 the eldest: opening wiki 0 again closes 4, not 3.
            try (WikiLease lease = wikis.acquire(ids.get(3))) {
                assertThat(lease.component(Probe.class, wiki -> new Probe())).isSameAs(probes.get(3));
            }
            try (WikiLease ignored = wikis.acquire(ids.get(0))) {
                assertThat(wikis.openCount()).isEqualTo(3);
            }
            assertThat(wikis.openCount()).isEqualTo(2);
            assertThat(probes.get(3).closed).isFalse();
            assertThat(probes.get(4).closed).isTrue();
        }
    }

    @Test
    void busyWikisAreNeverEvictedTheMapShrinksWhenLeasesEnd() {
        try (OpenWikis wikis = new OpenWikis(dir, 2)) {
            List<TenantId> ids = create(wikis, 4);
            List<WikiLease> held = new ArrayList<>();
            List<Probe> probes = new ArrayList<>();
            for (TenantId id : ids) {
                WikiLease lease = wikis.acquire(id);
                held.add(lease);
                probes.add(lease.component(Probe.class, wiki -> new Probe()));
            }
            assertThat(wikis.openCount()).isEqualTo(4);
            assertThat(probes).noneMatch(probe -> probe.closed);

            held.get(0).close();
            held.get(0).close(); // a second close is harmless
            assertThat(wikis.openCount()).isEqualTo(3);
            assertThat(probes.get(0).closed).isTrue();
            held.get(1).close();
            assertThat(wikis.openCount()).isEqualTo(2);
            held.get(2).close();
            held.get(3).close();
            assertThat(wikis.openCount()).isEqualTo(2);
            assertThat(probes).extracting(probe -> probe.closed).containsExactly(true, true, false, false);
        }
    }

    /** The Hibernate session's own lease must keep its wiki (and connection) open while others come and go. */
    @Test
    void evictionNeverClosesTheConnectionOfAnOpenSession() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 1); WikiSessions sessions = new WikiSessions(wikis, ENTITIES)) {
            List<TenantId> ids = create(wikis, 4);
            TenantId a = ids.get(0);
            Probe probeA;
            try (WikiLease lease = wikis.acquire(a)) {
                probeA = lease.component(Probe.class, wiki -> new Probe());
            }

            long written = sessions.inTransaction(a, session -> {
                assertThat(session.find(WikiStat.class, WikiStat.DISK_USAGE_BYTES).value()).isZero();
                onAnotherThread(() -> churn(wikis, ids.subList(1, 4)));

                assertThat(probeA.closed).as("A was evicted while its session was open").isFalse();
                assertThat(wikis.openCount()).isEqualTo(1);
                WikiStat pageCount = session.find(WikiStat.class, WikiStat.PAGE_COUNT);
                assertThat(pageCount.value()).isZero();
                pageCount.set(42);
                return pageCount.value();
            });

            assertThat(written).isEqualTo(42);
            assertThat(wikis.openCount()).isEqualTo(1);
            assertThat(new WikiStats(sessions).get(a, WikiStat.PAGE_COUNT)).isEqualTo(42);

            // Once idle, A is evicted like any other wiki: the probe does notice eviction.
            churn(wikis, ids.subList(1, 2));
            assertThat(probeA.closed).isTrue();
            assertThat(wikis.openCount()).isEqualTo(1);
        }
    }

    @Test
    void evictionNeverClosesAWikiHeldByALeaseAndASession() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 1); WikiSessions sessions = new WikiSessions(wikis, ENTITIES)) {
            List<TenantId> ids = create(wikis, 4);
            TenantId a = ids.get(0);
            try (WikiLease held = wikis.acquire(a)) {
                Repository repositoryA = held.repository();
                Probe probeA = held.component(Probe.class, wiki -> new Probe());

                sessions.inTransaction(a, session -> {
                    session.find(WikiStat.class, WikiStat.DISK_USAGE_BYTES);
                    onAnotherThread(() -> churn(wikis, ids.subList(1, 4)));

                    WikiStat stat = session.find(WikiStat.class, WikiStat.PAGE_COUNT);
                    assertThat(stat.value()).isZero();
                    stat.set(7);
                    session.persist(new WikiStat("edits", 3));
                    return null;
                });

                assertThat(probeA.closed).isFalse();
                try (WikiLease again = wikis.acquire(a)) {
                    assertThat(again.repository()).isSameAs(repositoryA);
                }
            }
            assertThat(wikis.openCount()).isEqualTo(1);
            WikiStats stats = new WikiStats(sessions);
            assertThat(stats.get(a, WikiStat.PAGE_COUNT)).isEqualTo(7);
            assertThat(stats.get(a, "edits")).isEqualTo(3);
            assertThat(wikis.openCount()).isEqualTo(1);
        }
    }

    @Test
    void creationIsBuiltAsideAndMovedIntoPlace() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);

            assertThat(names(dir)).containsExactly(".template-v" + OpenWikis.SCHEMA_VERSION + ".db", id.value());
            assertThat(names(dir.resolve(id.value()))).containsExactly("repo.git", "wiki.db");
        }
    }

    @Test
    void newWikisCopyTheMigratedTemplate() throws Exception {
        Path template = dir.resolve(".template-v" + OpenWikis.SCHEMA_VERSION + ".db");
        TenantId first = TenantId.generate();
        TenantId second = TenantId.generate();
        TenantId third = TenantId.generate();
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            wikis.create(first);
            assertThat(userVersion(template)).isEqualTo(OpenWikis.SCHEMA_VERSION);
            // Mark the template: a wiki made from a copy of it carries the mark, one migrated afresh would not.
            execute(template, "INSERT INTO preferences (name, value) VALUES ('made-from', 'template')");
            wikis.create(second);
        }
        try (OpenWikis restarted = new OpenWikis(dir, 4)) {
            restarted.create(third);
        }

        assertThat(query(dir.resolve(first.value()).resolve("wiki.db"), "SELECT count(*) FROM preferences"))
                .isEqualTo("0");
        for (TenantId id : List.of(second, third)) {
            assertThat(query(dir.resolve(id.value()).resolve("wiki.db"),
                    "SELECT value FROM preferences WHERE name = 'made-from'")).isEqualTo("template");
        }
        assertThat(names(dir)).filteredOn(name -> name.startsWith(".")).containsExactly(template.getFileName()
                .toString());
    }

    @Test
    void twoThreadsOpeningTheSameNewWikiShareOneRepository() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch bothAcquired = new CountDownLatch(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<Repository> task = () -> {
                    ready.countDown();
                    go.await();
                    try (WikiLease lease = wikis.acquire(id)) {
                        bothAcquired.countDown();
                        bothAcquired.await();
                        assertThat(lease.repository().getFullBranch()).isEqualTo("refs/heads/main");
                        return lease.repository();
                    }
                };
                Future<Repository> one = pool.submit(task);
                Future<Repository> two = pool.submit(task);
                ready.await();
                go.countDown();
                assertThat(one.get()).isNotNull().isSameAs(two.get());
            } finally {
                pool.shutdownNow();
            }
            assertThat(wikis.openCount()).isEqualTo(1);
        }
    }

    @Test
    void closeClosesEveryOpenWiki() {
        OpenWikis wikis = new OpenWikis(dir, 4);
        List<TenantId> ids = create(wikis, 3);
        List<Probe> probes = new ArrayList<>();
        for (TenantId id : ids) {
            try (WikiLease lease = wikis.acquire(id)) {
                probes.add(lease.component(Probe.class, wiki -> new Probe()));
            }
        }
        assertThat(wikis.openCount()).isEqualTo(3);

        wikis.close();

        assertThat(wikis.openCount()).isZero();
        assertThat(probes).allMatch(probe -> probe.closed);
    }

    @Test
    void deleteRemovesTheFilesOfAClosedWikiButRefusesAnOpenOne() {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            try (WikiLease ignored = wikis.acquire(id)) {
                Throwable thrown = catchThrowable(() -> wikis.delete(id));
                assertThat(thrown).isInstanceOf(WikifarmException.Conflict.class);
                assertThat(((WikifarmException) thrown).code()).isEqualTo("wiki_open");
            }
            assertThat(wikis.exists(id)).isTrue();

            wikis.close();
            wikis.delete(id);

            assertThat(wikis.exists(id)).isFalse();
            assertThat(Files.exists(dir.resolve(id.value()))).isFalse();
        }
    }

    static List<TenantId> create(OpenWikis wikis, int count) {
        List<TenantId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void theListShowsEachOpenWikiWithItsTimesLeasesAndComponents() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        try (OpenWikis wikis = new OpenWikis(dir, 4, clock)) {
            TenantId a = TenantId.generate();
            TenantId b = TenantId.generate();
            wikis.create(a);
            wikis.create(b);
            assertThat(wikis.list()).isEmpty();
            try (WikiLease lease = wikis.acquire(a)) {
                lease.component(Probe.class, wiki -> new Probe());
            }
            clock.now = Instant.parse("2026-01-01T10:05:00Z");
            try (WikiLease held = wikis.acquire(b)) {
                clock.now = Instant.parse("2026-01-01T10:07:00Z");
                try (WikiLease again = wikis.acquire(a)) {
                    assertThat(wikis.list()).extracting(OpenWikis.Info::id).containsExactly(a, b);
                    OpenWikis.Info infoA = wikis.list().get(0);
                    assertThat(infoA.openedAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
                    assertThat(infoA.lastUsed()).isEqualTo(Instant.parse("2026-01-01T10:07:00Z"));
                    assertThat(infoA.leases()).isEqualTo(1);
                    assertThat(infoA.has(Probe.class)).isTrue();
                    OpenWikis.Info infoB = wikis.list().get(1);
                    assertThat(infoB.openedAt()).isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));
                    assertThat(infoB.leases()).isEqualTo(1);
                    assertThat(infoB.has(Probe.class)).isFalse();
                }
            }
            assertThat(wikis.list()).extracting(OpenWikis.Info::leases).containsExactly(0, 0);
            assertThat(wikis.list()).noneMatch(OpenWikis.Info::inUse);
        }
    }

    @Test
    void closingAWikiClosesItsComponentsAndItReopensOnNextUse() throws Exception {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            Probe probe;
            Repository repository;
            try (WikiLease lease = wikis.acquire(id)) {
                probe = lease.component(Probe.class, wiki -> new Probe());
                repository = lease.repository();
            }
            wikis.close(id);
            assertThat(probe.closed).isTrue();
            assertThat(wikis.openCount()).isZero();
            assertThat(wikis.list()).isEmpty();

            try (WikiLease lease = wikis.acquire(id)) {
                assertThat(wikis.openCount()).isEqualTo(1);
                assertThat(lease.repository()).isNotSameAs(repository);
                assertThat(lease.repository().exactRef("HEAD")).isNotNull();
                Probe fresh = lease.component(Probe.class, wiki -> new Probe());
                assertThat(fresh).isNotSameAs(probe);
                assertThat(fresh.closed).isFalse();
            }
        }
    }

    @Test
    void aWikiInUseIsNeverClosedAndOneNotOpenIsNotFound() {
        try (OpenWikis wikis = new OpenWikis(dir, 4)) {
            TenantId id = TenantId.generate();
            wikis.create(id);
            assertThat(catchThrowable(() -> wikis.close(id))).isInstanceOf(WikifarmException.NotFound.class);
            try (WikiLease lease = wikis.acquire(id)) {
                Probe probe = lease.component(Probe.class, wiki -> new Probe());
                Throwable busy = catchThrowable(() -> wikis.close(id));
                assertThat(busy).isInstanceOf(WikifarmException.Conflict.class).hasMessageContaining("in use");
                assertThat(((WikifarmException) busy).code()).isEqualTo("wiki_in_use");
                assertThat(probe.closed).isFalse();
                assertThat(wikis.closeIdle()).isZero();
                assertThat(probe.closed).isFalse();
                assertThat(wikis.list()).extracting(OpenWikis.Info::id).containsExactly(id);
            }
            wikis.close(id);
            assertThat(catchThrowable(() -> wikis.close(id))).isInstanceOf(WikifarmException.NotFound.class);
        }
    }

    @Test
    void closeIdleClosesEveryIdleWikiAndNoneInUse() {
        try (OpenWikis wikis = new OpenWikis(dir, 8)) {
            List<TenantId> ids = new ArrayList<>();
            List<Probe> probes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TenantId id = TenantId.generate();
                wikis.create(id);
                ids.add(id);
                try (WikiLease lease = wikis.acquire(id)) {
                    probes.add(lease.component(Probe.class, wiki -> new Probe()));
                }
            }
            try (WikiLease held = wikis.acquire(ids.get(2))) {
                assertThat(wikis.closeIdle()).isEqualTo(3);
                assertThat(probes).extracting(probe -> probe.closed).containsExactly(true, true, false, true);
                assertThat(wikis.list()).extracting(OpenWikis.Info::id).containsExactly(ids.get(2));
                assertThat(held.repository().exactRef("HEAD")).isNotNull();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(wikis.closeIdle()).isEqualTo(1);
            assertThat(probes.get(2).closed).isTrue();
            assertThat(wikis.closeIdle()).isZero();
            try (WikiLease again = wikis.acquire(ids.get(0))) {
                assertThat(wikis.openCount()).isEqualTo(1);
            }
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends java.time.Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static void churn(OpenWikis wikis, List<TenantId> ids) {
        for (TenantId id : ids) {
            try (WikiLease lease = wikis.acquire(id)) {
                assertThat(lease.repository()).isNotNull();
            }
        }
    }

    private static void onAnotherThread(Runnable work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "churn");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new AssertionError("the other thread failed", failure.get());
        }
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    /** A component that records whether its wiki was closed. */
    static final class Probe implements AutoCloseable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
