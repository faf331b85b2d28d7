package org.wikifarm.search;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.wikifarm.config.Settings;
import org.wikifarm.page.Author;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.LastChangeTable;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.git.GitPageStores;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.WikiStat;
import org.wikifarm.store.TenantId;

/**
 * The indexing stack on real SQLite, JGit and Lucene in a temporary folder, without worker threads: a test runs each
 * batch itself ({@link #batch}), so what one batch does is exact. Text extraction, the model, the per-page ticker and
 * the limits are the test's to choose.
 */
final class IndexerFixture implements AutoCloseable {
    static final Author ALICE = new Author("Alice", "alice@example.org");

    final OpenWikis wikis;
    final WikiSessions sessions;
    final IndexQueue queue;
    final IndexFailures failures;
    final SearchIndexes indexes;
    final WikiIndexer indexer;
    /** The fake nanosecond ticker each page's time budget runs on. */
    final AtomicLong ticker = new AtomicLong();

    IndexerFixture(Path dir, Settings.Search limits, SemanticModel model, PageDocuments.Extractor extractor) {
        wikis = new OpenWikis(dir.resolve("wikis"), 8);
        sessions = new WikiSessions(wikis, List.of(WikiStat.class));
        queue = new IndexQueue(sessions, dir.resolve("wikis"), limits.maxQueuedRows(), 8);
        failures = new IndexFailures(sessions);
        indexes = new SearchIndexes(queue, model, new GitPageStores(id -> new LastChangeTable(sessions, id), Clock.systemUTC()),
                wiki -> { });
        indexer = new WikiIndexer(wikis, queue, failures, new EmbeddingCache(sessions), model, indexes,
                WikiIndexer.Limits.of(limits), extractor, ticker::get,
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    static Settings.Search limits(long maxPageBytes, Duration pageBudget, long batchBytes, int maxQueuedRows) {
        return new Settings.Search(1, "off", Path.of("cache"), maxPageBytes, pageBudget.toMillis(), batchBytes,
                maxQueuedRows);
    }

    TenantId wiki() {
        TenantId id = TenantId.generate();
        wikis.create(id);
        return id;
    }

    /** Saves a page and queues it as {@code PageService}'s listener would. */
    void save(TenantId wiki, String path, String content) {
        commit(wiki, path, content);
        queue.add(wiki, List.of(new IndexQueue.Request(path, IndexQueue.Op.SAVE)));
    }

    /** Saves a page without queueing it (a lost row, a full queue, a push). */
    void commit(TenantId wiki, String path, String content) {
        try (WikiLease lease = wikis.acquire(wiki)) {
            PageStore store = indexes.store(lease);
            PagePath page = new PagePath(path);
            store.save(page, content, store.lastChange(page), ALICE, null);
        }
    }

    boolean batch(TenantId wiki) {
        try {
            return indexer.indexBatch(wiki);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs batches until the wiki has nothing left; returns how many it took. */
    int drain(TenantId wiki) {
        int batches = 1;
        while (batch(wiki)) {
            batches++;
            if (batches > 1000) {
                throw new AssertionError("indexing does not end");
            }
        }
        return batches;
    }

    <T> T index(TenantId wiki, java.util.function.Function<LucenePageIndex, T> read) {
        try (WikiLease lease = wikis.acquire(wiki)) {
            return read.apply(indexes.of(lease));
        }
    }

    /** The paths of the pages a full-text search finds. */
    List<String> find(TenantId wiki, String words) {
        return index(wiki, index -> index.read(view -> view.searchText(words, 20)).stream()
                .map(org.wikifarm.search.lucene.TextSearch.Hit::path).toList());
    }

    @Override
    public void close() {
        sessions.close();
        wikis.close();
    }
}
