package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wikifarm.store.TenantId;

/** Wikis take turns: one wiki's backlog never makes another wiki's new page wait for more than one of its batches. */
class IndexWorkersTest {
    private static final TenantId BACKLOG = new TenantId("aaaaaaaaaaaa");
    private static final TenantId NEWCOMER = new TenantId("bbbbbbbbbbbb");

    /** Batches after which the queue is always empty, with no wikis marked from a previous run. */
    private abstract static class Settling implements IndexWorkers.Batches {
        @Override
        public boolean settled(TenantId wiki) {
            return true;
        }

        @Override
        public List<TenantId> marked() {
            return List.of();
        }
    }

    @Test
    void aNewPageOfAnotherWikiWaitsForAtMostOneBatchOfABigBacklog() throws Exception {
        Map<TenantId, AtomicInteger> left = new ConcurrentHashMap<>(Map.of(
                BACKLOG, new AtomicInteger(10_000 / WikiIndexer.ROWS_PER_BATCH), NEWCOMER, new AtomicInteger(1)));
        List<TenantId> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch backlogStarted = new CountDownLatch(1);
        CountDownLatch newcomerQueued = new CountDownLatch(1);
        CountDownLatch newcomerDone = new CountDownLatch(1);
        CountDownLatch backlogGoesOn = new CountDownLatch(1);
        IndexWorkers.Batches batches = new Settling() {
            @Override
            public boolean indexBatch(TenantId wiki) throws InterruptedException {
                if (wiki.equals(BACKLOG) && backlogStarted.getCount() > 0) {
                    backlogStarted.countDown();
                    // The newcomer's save arrives while the backlog's first batch is being indexed.
                    assertThat(newcomerQueued.await(30, TimeUnit.SECONDS)).isTrue();
                }
                order.add(wiki);
                boolean more = left.get(wiki).decrementAndGet() > 0;
                if (wiki.equals(NEWCOMER)) {
                    newcomerDone.countDown();
                } else if (newcomerDone.getCount() == 0) {
                    backlogGoesOn.countDown();
                }
                return more;
            }
        };
        try (IndexWorkers workers = new IndexWorkers(1, batches)) {
            workers.start();
            workers.wake(BACKLOG);
            assertThat(backlogStarted.await(30, TimeUnit.SECONDS)).isTrue();
            workers.wake(NEWCOMER);
            newcomerQueued.countDown();
            assertThat(newcomerDone.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(backlogGoesOn.await(30, TimeUnit.SECONDS)).as("the backlog gets its turn again").isTrue();
        }
        assertThat(order.subList(0, 3)).containsExactly(BACKLOG, NEWCOMER, BACKLOG);
    }

    @Test
    void aWikiWokenWhileItsBatchRunsGoesToTheBackOfTheLine() throws Exception {
        TenantId third = new TenantId("cccccccccccc");
        List<TenantId> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch othersQueued = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(4);
        Map<TenantId, AtomicInteger> left = new ConcurrentHashMap<>(Map.of(
                BACKLOG, new AtomicInteger(1), NEWCOMER, new AtomicInteger(1), third, new AtomicInteger(1)));
        IndexWorkers.Batches batches = new Settling() {
            @Override
            public boolean indexBatch(TenantId wiki) throws InterruptedException {
                if (first.getCount() > 0) {
                    first.countDown();
                    assertThat(othersQueued.await(30, TimeUnit.SECONDS)).isTrue();
                }
                order.add(wiki);
                all.countDown();
                return left.get(wiki).decrementAndGet() > 0;
            }
        };
        try (IndexWorkers workers = new IndexWorkers(1, batches)) {
            workers.start();
            workers.wake(BACKLOG);
            assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
            workers.wake(NEWCOMER);
            workers.wake(BACKLOG); // more work for the wiki being indexed: it waits its turn again
            workers.wake(third);
            left.get(BACKLOG).incrementAndGet();
            othersQueued.countDown();
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).containsExactly(BACKLOG, NEWCOMER, third, BACKLOG);
    }

    @Test
    void aWikiWaitingToBeRetriedCountsAsBusySoAStatusDoesNotWakeItEarly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch retried = new CountDownLatch(1);
        IndexWorkers.Batches batches = new Settling() {
            @Override
            public boolean indexBatch(TenantId wiki) {
                if (calls.incrementAndGet() == 1) {
                    failed.countDown();
                    throw new IllegalStateException("the database is unavailable");
                }
                retried.countDown();
                return false;
            }
        };
        try (IndexWorkers workers = new IndexWorkers(1, batches)) {
            workers.start();
            workers.wake(BACKLOG);
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
            // From the failure until the delayed retry, the wiki is never idle. Busy is read first: idle is right only
            // once the retry has run (it may start and end between the wait and the read).
            while (!retried.await(10, TimeUnit.MILLISECONDS)) {
                boolean busy = workers.busy(BACKLOG);
                assertThat(busy || retried.getCount() == 0).as("idle before the retry").isTrue();
            }
        }
        assertThat(calls.get()).isEqualTo(2);
    }

    /** Batches that each leave the queue empty, and compactions recorded with what the wiki's status said then. */
    private static final class QuietBatches extends Settling {
        /** Read by the test while the worker adds to it. */
        final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch compacted = new CountDownLatch(1);
        volatile IndexWorkers workers;
        volatile boolean failCompaction;

        @Override
        public boolean indexBatch(TenantId wiki) {
            events.add("index " + wiki.value());
            return false;
        }

        @Override
        public void compact(TenantId wiki) {
            events.add("compact " + wiki.value() + (workers.busy(wiki) ? " busy" : " idle"));
            compacted.countDown();
            if (failCompaction) {
                throw new IllegalStateException("the disk is full");
            }
        }
    }

    @Test
    void aQuietWikiIsCompactedOnceWithoutLookingBusy() throws Exception {
        QuietBatches batches = new QuietBatches();
        try (IndexWorkers workers = new IndexWorkers(1, batches, java.time.Duration.ofMillis(300))) {
            batches.workers = workers;
            workers.start();
            workers.wake(BACKLOG);
            assertThat(batches.compacted.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(900);
        }
        assertThat(batches.events).containsExactly("index aaaaaaaaaaaa", "compact aaaaaaaaaaaa idle");
    }

    @Test
    void workArrivingBeforeTheWikiIsQuietPutsTheCompactionOff() throws Exception {
        QuietBatches batches = new QuietBatches();
        try (IndexWorkers workers = new IndexWorkers(1, batches, java.time.Duration.ofMillis(1_500))) {
            batches.workers = workers;
            workers.start();
            for (int edit = 0; edit < 4; edit++) {
                workers.wake(BACKLOG);
                Thread.sleep(300);
            }
            assertThat(batches.compacted.await(30, TimeUnit.SECONDS)).isTrue();
        }
        // However many of the four wakes became batches (two may meet in the queue), one compaction came, at the end.
        assertThat(batches.events).endsWith("compact aaaaaaaaaaaa idle")
                .filteredOn(event -> event.startsWith("compact")).hasSize(1);
        assertThat(batches.events).filteredOn(event -> event.startsWith("index")).hasSizeBetween(1, 4);
    }

    @Test
    void aFailedCompactionLeavesTheWikiIndexable() throws Exception {
        QuietBatches batches = new QuietBatches();
        batches.failCompaction = true;
        try (IndexWorkers workers = new IndexWorkers(1, batches, java.time.Duration.ofMillis(200))) {
            batches.workers = workers;
            workers.start();
            workers.wake(BACKLOG);
            assertThat(batches.compacted.await(30, TimeUnit.SECONDS)).isTrue();
            workers.wake(BACKLOG);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (batches.events.stream().filter(e -> e.startsWith("index")).count() < 2
                    && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
        assertThat(batches.events.subList(0, 3)).containsExactly("index aaaaaaaaaaaa",
                "compact aaaaaaaaaaaa idle", "index aaaaaaaaaaaa");
    }
}
