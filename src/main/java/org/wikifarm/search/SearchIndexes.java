package org.wikifarm.search;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.PageStores;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.TenantId;

/**
 * Hands out each open wiki's {@link LucenePageIndex} (a component of the open wiki, closed when it is evicted) and,
 * the first time a wiki's index is opened in this JVM, brings it in step: an index of another layout is emptied, one
 * built by another model loses its vectors, and if commits came since the last indexed one the workers are woken to
 * catch up on them ({@link IndexCatchUp}). A wiki that has pages but no index yet (made before search existed) gets a
 * full reindex.
 */
public final class SearchIndexes {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndexes.class);
    static final String INDEX_DIR = "index";

    private final IndexQueue queue;
    private final SemanticModel model;
    private final PageStores stores;
    private final Consumer<TenantId> wake;

    /** @param wake tells the workers a wiki has queued work */
    public SearchIndexes(IndexQueue queue, SemanticModel model, PageStores stores, Consumer<TenantId> wake) {
        this.queue = queue;
        this.stores = stores;
        this.model = model;
        this.wake = wake;
    }

    public LucenePageIndex of(WikiLease lease) {
        // Built first: a component factory must not create another component (ConcurrentHashMap forbids it).
        PageStore store = store(lease);
        return lease.component(LucenePageIndex.class, open -> {
            LucenePageIndex index = new LucenePageIndex(open.dir().resolve(INDEX_DIR));
            try {
                catchUp(lease, index, store);
            } catch (RuntimeException e) {
                // The index still answers; the next open tries again.
                LOG.warn("Could not bring the search index of wiki {} in step", lease.id(), e);
            }
            return index;
        });
    }

    PageStore store(WikiLease lease) {
        return stores.of(lease);
    }

    private void catchUp(WikiLease lease, LucenePageIndex index, PageStore store) {
        TenantId wiki = lease.id();
        Map<String, String> meta = index.meta();
        String head = store.head();
        boolean fresh = meta.isEmpty();
        if (!fresh && !LucenePageIndex.LAYOUT.equals(meta.get(LucenePageIndex.META_LAYOUT))) {
            LOG.info("Search index of wiki {} has an old layout: rebuilding", wiki);
            index.deleteAll();
            reindexFromScratch(wiki, index, store, head);
            return;
        }
        String builtBy = meta.get(LucenePageIndex.META_MODEL);
        if (!fresh && builtBy != null && !builtBy.equals(model.effectiveId())) {
            LOG.info("Search index of wiki {} was built by {}, now {}: re-embedding", wiki, builtBy,
                    model.effectiveId());
            index.deleteChunks();
            Map<String, String> reembed = new java.util.HashMap<>();
            reembed.put(LucenePageIndex.META_MODEL, model.effectiveId());
            if (reindex(wiki, store, head) != IndexQueue.ReindexResult.QUEUED) {
                reembed.putAll(fromNothing());
            }
            index.commit(reembed);
            return;
        }
        if (fresh && head != null && index.pageCount() == 0 && queue.length(wiki) == 0) {
            reindexFromScratch(wiki, index, store, head);
            return;
        }
        if (head != null && !head.equals(meta.getOrDefault(LucenePageIndex.META_COMMIT, ""))) {
            // Commits since the last indexed one (some may have lost their rows): the next batch catches up on them.
            wake.accept(wiki);
        }
    }

    /**
     * An empty index: every page at HEAD is queued (with progress), and HEAD is recorded as caught up once those rows
     * are durable, since they cover every page there is. Were the rows lost, the index would still say "nothing".
     */
    private void reindexFromScratch(TenantId wiki, LucenePageIndex index, PageStore store, String head) {
        Map<String, String> meta = new java.util.HashMap<>();
        meta.put(LucenePageIndex.META_MODEL, model.effectiveId());
        if (reindex(wiki, store, head) == IndexQueue.ReindexResult.QUEUED) {
            meta.put(LucenePageIndex.META_COMMIT, head == null ? "" : head);
            meta.put(IndexCatchUp.META_SEEN, head == null ? "" : head);
            meta.put(IndexCatchUp.META_PROGRESS, "");
        } else {
            meta.putAll(fromNothing());
        }
        index.commit(meta);
    }

    /**
     * Queues every page for an index that lost them (never coalesced with a reindex under way, which may have done
     * pages that are gone from the index now).
     */
    private IndexQueue.ReindexResult reindex(TenantId wiki, PageStore store, String head) {
        List<String> paths = head == null ? List.of()
                : store.listAt(head).stream().map(PagePath::value).toList();
        IndexQueue.ReindexResult result = queue.addReindex(wiki, paths, false);
        wake.accept(wiki);
        return result;
    }

    /** Commit data that makes the next batches catch up on every page from git: for a queue with no room left. */
    private static Map<String, String> fromNothing() {
        return Map.of(LucenePageIndex.META_COMMIT, "", IndexCatchUp.META_SEEN, "", IndexCatchUp.META_PROGRESS, "");
    }

    /**
     * Someone asks for a full reindex: every page at HEAD, then a prune of indexed pages that no longer exist, unless
     * one is still queued (answered instead) or its rows would not fit under the queue's limit.
     */
    IndexQueue.ReindexResult requestReindex(TenantId wiki, PageStore store) {
        return requestReindex(wiki, store, true);
    }

    /** @param coalesce whether a reindex still under way stands for this one (false: every page is queued again) */
    IndexQueue.ReindexResult requestReindex(TenantId wiki, PageStore store, boolean coalesce) {
        String head = store.head();
        List<String> paths = head == null ? List.of()
                : store.listAt(head).stream().map(PagePath::value).toList();
        IndexQueue.ReindexResult result = queue.addReindex(wiki, paths, coalesce);
        wake.accept(wiki);
        return result;
    }
}
