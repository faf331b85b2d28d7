package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.ErrorStatus;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.page.PageStore;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.TenantId;

/** A wiki's queue stays bounded: reindex requests coalesce and are refused past the limit; saves never fail. */
class IndexQueueTest {
    private static final int LIMIT = 100;

    @TempDir
    Path dir;

    private IndexerFixture fixture() {
        return new IndexerFixture(dir, IndexerFixture.limits(2L << 20, Duration.ofSeconds(10), 1L << 20, LIMIT),
                SemanticModel.off(), WikiIndexer::document);
    }

    @Test
    void aReindexAskedForWhileOneIsStillQueuedAddsNothing() {
        try (IndexerFixture farm = fixture()) {
            TenantId wiki = farm.wiki();
            for (int i = 0; i < 5; i++) {
                farm.commit(wiki, "page-" + i, "Page " + i);
            }
            assertThat(requestReindex(farm, wiki)).isEqualTo(IndexQueue.ReindexResult.QUEUED);
            assertThat(farm.queue.length(wiki)).isEqualTo(6); // 5 pages and a prune
            assertThat(requestReindex(farm, wiki)).isEqualTo(IndexQueue.ReindexResult.ALREADY_QUEUED);
            assertThat(requestReindex(farm, wiki)).isEqualTo(IndexQueue.ReindexResult.ALREADY_QUEUED);
            assertThat(farm.queue.length(wiki)).isEqualTo(6);
            assertThat(farm.queue.progress(wiki, 10).reindex().orElseThrow().total()).isEqualTo(6);

            farm.drain(wiki);
            assertThat(requestReindex(farm, wiki)).as("the last one is done").isEqualTo(
                    IndexQueue.ReindexResult.QUEUED);
        }
    }

    @Test
    void theProgressIsReadAgainAfterEveryWriteHereAndOnceOldAfterOneElsewhere() {
        try (IndexerFixture farm = fixture()) {
            TenantId wiki = farm.wiki();
            assertThat(farm.queue.progress(wiki, 10).queued()).isZero();
            farm.save(wiki, "a", "A");
            assertThat(farm.queue.progress(wiki, 10).queued()).as("a row added here").isEqualTo(1);
            farm.failures.update(wiki, List.of(new IndexFailures.Failure("b", "too_large", "Too large.")), List.of(),
                    java.time.Instant.now());
            assertThat(farm.queue.progress(wiki, 10).failed().count()).as("a failure recorded here").isEqualTo(1);

            // Written past this server's search tables (as another process would): kept until it is old.
            farm.sessions.inTransaction(wiki, session -> session.doReturningWork(connection -> {
                try (var delete = connection.createStatement()) {
                    return delete.executeUpdate("DELETE FROM index_queue");
                }
            }));
            assertThat(farm.queue.progress(wiki, 10).queued()).as("kept").isEqualTo(1);
            IndexQueue ageless = new IndexQueue(farm.sessions, dir.resolve("wikis"), LIMIT, 8, Duration.ZERO);
            assertThat(ageless.progress(wiki, 10).queued()).as("read again once old").isZero();
            assertThat(ageless.progress(wiki, 10).failed().count()).isEqualTo(1);
        }
    }

    @Test
    void aReindexThatWouldPassTheLimitIsRefusedWithA429() {
        try (IndexerFixture farm = fixture()) {
            TenantId wiki = farm.wiki();
            for (int i = 0; i < LIMIT; i++) {
                farm.commit(wiki, "page-" + i, "Page " + i);
            }
            assertThat(requestReindex(farm, wiki)).isEqualTo(IndexQueue.ReindexResult.NO_ROOM);
            assertThat(farm.queue.length(wiki)).isZero();
            WikifarmException refused = farm.queue.full(farm.queue.length(wiki), LIMIT + 1);
            assertThat(ErrorStatus.of(refused)).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("search_queue_full");
            assertThat(refused.getMessage()).contains("limit of " + LIMIT);
        }
    }

    @Test
    void aSaveIntoAFullQueueStillSucceedsAndIsCaughtUpFromGit() {
        try (IndexerFixture farm = fixture()) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "first", "The first page.");
            farm.drain(wiki);
            for (int i = 0; i < LIMIT; i++) {
                farm.save(wiki, "filler-" + i, "Filler " + i);
            }
            assertThat(farm.queue.length(wiki)).isEqualTo(LIMIT);
            farm.commit(wiki, "overflow", "The page that found the queue full: an albatross.");
            assertThat(farm.queue.add(wiki, List.of(new IndexQueue.Request("overflow", IndexQueue.Op.SAVE))))
                    .isFalse();
            assertThat(farm.queue.length(wiki)).isEqualTo(LIMIT);

            farm.drain(wiki);
            assertThat(farm.find(wiki, "albatross")).containsExactly("overflow");
            assertThat(farm.<Integer>index(wiki, index -> index.pageCount())).isEqualTo(LIMIT + 2);
        }
    }

    @Test
    void failedPagesAreQueuedAgainOnceAndOnlyIfTheyFit() {
        try (IndexerFixture farm = fixture()) {
            TenantId wiki = farm.wiki();
            farm.failures.update(wiki, List.of(new IndexFailures.Failure("a", "unreadable", "x"),
                    new IndexFailures.Failure("b", "unreadable", "x")), List.of(), java.time.Instant.EPOCH);
            farm.queue.add(wiki, List.of(new IndexQueue.Request("a", IndexQueue.Op.SAVE)));

            assertThat(farm.queue.requeue(wiki, farm.failures.paths(wiki))).as("a already waits").isEqualTo(1);
            assertThat(farm.queue.requeue(wiki, farm.failures.paths(wiki))).isZero();
            assertThat(farm.queue.length(wiki)).isEqualTo(2);

            TenantId full = farm.wiki();
            for (int i = 0; i < LIMIT; i++) {
                farm.queue.add(full, List.of(new IndexQueue.Request("filler-" + i, IndexQueue.Op.SAVE)));
            }
            farm.failures.update(full, List.of(new IndexFailures.Failure("c", "unreadable", "x")), List.of(),
                    java.time.Instant.EPOCH);
            Throwable refused = catchThrowable(() -> farm.queue.requeue(full, farm.failures.paths(full)));
            assertThat(refused).isInstanceOf(WikifarmException.TooManyRequests.class);
            assertThat(farm.queue.length(full)).isEqualTo(LIMIT);
            assertThat(farm.queue.length(wiki)).as("each wiki has its own queue").isEqualTo(2);
        }
    }

    private static IndexQueue.ReindexResult requestReindex(IndexerFixture farm, TenantId wiki) {
        try (WikiLease lease = farm.wikis.acquire(wiki)) {
            PageStore store = farm.indexes.store(lease);
            return farm.indexes.requestReindex(wiki, store);
        }
    }
}
