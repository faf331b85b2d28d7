package org.wikifarm.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageStores;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.store.WikiLease;
import org.wikifarm.tenant.TenantId;

/**
 * Hands out each open wiki's {@link LucenePageIndex} (a component of the open wiki, closed when it is evicted) and,
 * the first time a wiki's index is opened in this JVM, brings it in step: an index of another layout is emptied, one
 * built by another model loses its vectors, and pages changed since the last indexed commit are queued. A wiki that
 * has pages but no index yet (made before search existed) gets a full reindex.
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
        GitPageStore store = store(lease);
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

    GitPageStore store(WikiLease lease) {
        return stores.of(lease);
    }

    private void catchUp(WikiLease lease, LucenePageIndex index, GitPageStore store) {
        TenantId wiki = lease.id();
        Map<String, String> meta = index.meta();
        String head = store.head();
        boolean fresh = meta.isEmpty();
        if (!fresh && !LucenePageIndex.LAYOUT.equals(meta.get(LucenePageIndex.META_LAYOUT))) {
            LOG.info("Search index of wiki {} has an old layout: rebuilding", wiki);
            index.deleteAll();
            index.commit(Map.of(LucenePageIndex.META_MODEL, model.effectiveId(), LucenePageIndex.META_COMMIT, ""));
            fullReindex(wiki, store);
            return;
        }
        String builtBy = meta.get(LucenePageIndex.META_MODEL);
        if (!fresh && builtBy != null && !builtBy.equals(model.effectiveId())) {
            LOG.info("Search index of wiki {} was built by {}, now {}: re-embedding", wiki, builtBy,
                    model.effectiveId());
            index.deleteChunks();
            index.commit(Map.of(LucenePageIndex.META_MODEL, model.effectiveId()));
            fullReindex(wiki, store);
            return;
        }
        String indexed = meta.getOrDefault(LucenePageIndex.META_COMMIT, "");
        if (head == null || head.equals(indexed)) {
            return;
        }
        if (indexed.isEmpty()) {
            if (index.pageCount() == 0 && queue.length(wiki) == 0) {
                fullReindex(wiki, store);
            }
            return;
        }
        Optional<Set<String>> changed = GitChanges.between(lease.repository(), indexed, head);
        if (changed.isEmpty()) {
            fullReindex(wiki, store);
            return;
        }
        List<IndexQueue.Request> requests = new ArrayList<>();
        changed.get().forEach(path -> requests.add(new IndexQueue.Request(path, IndexQueue.Op.CATCH_UP)));
        if (!requests.isEmpty()) {
            LOG.info("Search index of wiki {} is {} pages behind {}: queued", wiki, requests.size(), head);
            queue.add(wiki, requests);
            wake.accept(wiki);
        }
    }

    /** Queues every page at HEAD, then a prune of indexed pages that no longer exist. */
    void fullReindex(TenantId wiki, GitPageStore store) {
        List<String> paths = store.list(null).stream().map(PagePath::value).toList();
        queue.addReindex(wiki, paths);
        wake.accept(wiki);
    }
}
