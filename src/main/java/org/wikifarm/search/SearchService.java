package org.wikifarm.search;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.wikifarm.config.Settings;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.limit.WaitingSlots;
import org.wikifarm.auth.Caller;
import org.wikifarm.auth.Permission;
import org.wikifarm.auth.Permissions;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PageChange;
import org.wikifarm.page.PageStore;
import org.wikifarm.page.PageStores;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.search.lucene.TextSearch;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.WikiSessions;
import org.wikifarm.store.TenantId;
import org.wikifarm.tenant.Wiki;

/**
 * Search for every front door (REST, web UI, MCP). Searching and the status need READ on the wiki, a full reindex
 * ADMIN; each wiki has its own index, so a search can only ever see its own wiki's pages. Page changes arrive through
 * {@link #changed}, which only queues: nobody saving a page waits for indexing.
 */
public final class SearchService implements AutoCloseable {
    public static final int DEFAULT_LIMIT = 10;
    /** Hits one search returns at most (100: enough to measure recall@100, docs/benchmarks.md "Relevance"). */
    public static final int MAX_LIMIT = 100;
    /**
     * Candidates from each side before fusion (at least {@code limit}); k for HNSW (recall@10 ≈ 0.95 at 50,
     * docs/stack.md).
     */
    static final int TEXT_CANDIDATES = 100;
    /**
     * How many of BM25's best pages a full-text search ranks again with their best sections ({@link SectionRanking});
     * the rest follow in BM25 order. Half the candidates: BM25's best 50 and their sections cost ~0.13 ms less than
     * 100, and long pages lose under a point of nDCG@10 (docs/search.md, "Full text's best 50"). A hybrid search
     * ranks all 100 again: fusion reads the whole list, and its model run costs far more.
     */
    static final int TEXT_REORDERED = 50;
    static final int KNN_K = 100;
    static final int CHUNKS_PER_HIT = 2;
    /**
     * Below this cosine similarity a chunk is not a semantic match: with all-MiniLM-L6-v2, unrelated texts score
     * about −0.1 to 0.18 and a real paraphrase 0.3 and up, and without a floor a small wiki would list every page.
     */
    static final double MIN_SIMILARITY = 0.2;
    /** How many failed pages the status lists (it counts them all). */
    static final int FAILURES_SHOWN = 50;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SearchService.class);

    private final OpenWikis wikis;
    private final Permissions permissions;
    private final SearchIndexes indexes;
    private final IndexQueue queue;
    private final IndexFailures failures;
    private final SemanticModel model;
    private final IndexWorkers workers;
    private final WikiIndexer indexer;
    private final QueryThreads queryThreads = new QueryThreads(Runtime.getRuntime().availableProcessors());
    /** {@code searchQueryVectors}: the query vectors kept, so a search asked again skips the model. */
    private final QueryVectors queryVectors;
    /** {@code searchMaxQueryChars}: a longer search is refused with 400 {@code query_too_long}. */
    private final int maxQueryChars;
    /**
     * How many searches of one wiki run at once and wait ({@code searchConcurrencyPerWiki} and the two after it):
     * past that, 429 {@code search_busy}, so one wiki's searches cannot take every core and request thread.
     */
    private final WaitingSlots<TenantId> slots;

    SearchService(OpenWikis wikis, Permissions permissions, SearchIndexes indexes, IndexQueue queue,
                  IndexFailures failures, SemanticModel model, IndexWorkers workers, WikiIndexer indexer,
                  int maxQueryChars, int queryVectors, Settings.Search.Concurrency concurrency) {
        this.maxQueryChars = maxQueryChars;
        this.slots = new WaitingSlots<>(concurrency.perWiki(), concurrency.waitingPerWiki(),
                Duration.ofMillis(concurrency.waitMillis()));
        this.queryVectors = new QueryVectors(queryVectors);
        this.wikis = wikis;
        this.permissions = permissions;
        this.indexes = indexes;
        this.queue = queue;
        this.failures = failures;
        this.model = model;
        this.workers = workers;
        this.indexer = indexer;
    }

    /** Builds search from the settings and starts its workers; the model loads on first need. */
    public static SearchService start(Settings.Search settings, Path wikisDir, OpenWikis wikis, WikiSessions sessions,
                                      Permissions permissions, SemanticModel model, PageStores stores) {
        return start(settings, wikisDir, wikis, sessions, permissions, model, stores, wiki -> WikiLinkOrder.DEFAULT);
    }

    /** @param linkOrders each wiki's wiki link order, which the words of its links depend on */
    public static SearchService start(Settings.Search settings, Path wikisDir, OpenWikis wikis, WikiSessions sessions,
                                      Permissions permissions, SemanticModel model, PageStores stores,
                                      java.util.function.Function<TenantId, WikiLinkOrder> linkOrders) {
        IndexQueue queue = new IndexQueue(sessions, wikisDir, settings.maxQueuedRows(), wikis.capacity());
        IndexFailures failures = new IndexFailures(sessions);
        AtomicReference<IndexWorkers> workers = new AtomicReference<>();
        SearchIndexes indexes = new SearchIndexes(queue, model, stores,
                wiki -> workers.get().wake(wiki));
        WikiIndexer indexer = new WikiIndexer(wikis, queue, failures, new EmbeddingCache(sessions), model, indexes,
                WikiIndexer.Limits.of(settings), linkOrders);
        workers.set(new IndexWorkers(settings.workers(), indexer, queue));
        workers.get().start();
        return new SearchService(wikis, permissions, indexes, queue, failures, model, workers.get(), indexer,
                settings.maxQueryChars(), settings.queryVectors(), settings.concurrency());
    }

    /** Stops the workers; queued rows stay for the next start. */
    @Override
    public void close() {
        workers.close();
        queryThreads.close();
    }

    /** Queues what a committed page change needs; {@link org.wikifarm.page.PageService} calls it after each write. */
    public void changed(PageChange change) {
        List<IndexQueue.Request> requests = new ArrayList<>();
        switch (change.kind()) {
            case SAVED -> requests.add(new IndexQueue.Request(change.path().value(), IndexQueue.Op.SAVE));
            case DELETED -> requests.add(new IndexQueue.Request(change.path().value(), IndexQueue.Op.DELETE));
            case RENAMED -> {
                requests.add(new IndexQueue.Request(change.previousPath().value(), IndexQueue.Op.DELETE));
                requests.add(new IndexQueue.Request(change.path().value(), IndexQueue.Op.RENAME));
            }
        }
        if (!queue.add(change.wiki(), requests)) {
            // Never fails the save: the next batch finds the page in git's changes since the last indexed commit.
            LOG.info("Search queue of wiki {} is full; {} will be caught up from git", change.wiki(), change.path());
        }
        workers.wake(change.wiki());
    }

    /** How many of a hit's matched chunks come with their texts. */
    public enum Passages {
        /** Every chunk that matched (up to two): the API and MCP. */
        ALL,
        /**
         * One below a snippet, two without one: what the search screen shows. Each chunk text is a doc-values read
         * (~1 µs; a stored document read, ~4–10 µs, up to layout 5), and a screen of 20 hits read 40.
         */
        ONE_BESIDE_A_SNIPPET;

        /** How many of a hit's {@code matched} chunks are given, the hit's snippet being {@code snippet}. */
        public int count(String snippet, int matched) {
            if (this == ALL) {
                return matched;
            }
            return Math.min(snippet == null || snippet.isEmpty() ? 2 : 1, matched);
        }
    }

    /** The longest search a request may ask, in characters ({@code searchMaxQueryChars}). */
    public int maxQueryChars() {
        return maxQueryChars;
    }

    public SearchResults search(Caller caller, Wiki wiki, String query, String mode, int limit) {
        return search(caller, wiki, query, mode, 0, limit, Passages.ALL);
    }

    /**
     * The hits ranked {@code offset + 1} to {@code offset + limit}: the best {@code offset + limit} (at most
     * {@link #MAX_LIMIT}) are ranked, and only those after {@code offset} are highlighted and given their passages. A
     * next page asks the same search again with a larger offset; it continues the first as long as the wiki's index
     * has not changed in between.
     */
    public SearchResults search(Caller caller, Wiki wiki, String query, String mode, int offset, int limit,
                                Passages passages) {
        return search(caller, wiki, query, mode, offset, limit, passages, Split.WHEN_A_CORE_IS_FREE);
    }

    SearchResults search(Caller caller, Wiki wiki, String query, String mode, int limit, Passages passages,
                         Split split) {
        return search(caller, wiki, query, mode, 0, limit, passages, split);
    }

    private SearchResults search(Caller caller, Wiki wiki, String query, String mode, int offset, int limit,
                                 Passages passages, Split split) {
        permissions.require(caller, wiki, Permission.READ);
        SearchMode requested = SearchMode.of(mode);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new WikifarmException.InvalidInput("invalid_limit", "limit must be between 1 and " + MAX_LIMIT + ".");
        }
        if (offset < 0 || offset > MAX_LIMIT - limit) { // not offset + limit, which a huge offset overflows
            throw new WikifarmException.InvalidInput("invalid_offset", "offset must be 0 or more, and offset + limit"
                    + " at most " + MAX_LIMIT + ": a search ranks its best " + MAX_LIMIT + " pages.");
        }
        String text = query == null ? "" : query.strip();
        if (text.length() > maxQueryChars) {
            throw new WikifarmException.InvalidInput("query_too_long",
                    "A search may be at most " + maxQueryChars + " characters long.");
        }
        long start = System.nanoTime();
        SemanticModel.State state = model.state();
        Optional<Embedder> embedder = model.ifReady();
        SearchMode used = requested != SearchMode.TEXT && embedder.isEmpty() ? SearchMode.TEXT : requested;
        Found found = text.isEmpty() ? Found.NONE
                : admitted(wiki.id(), text, used, embedder, new Window(offset, limit), passages, split);
        return new SearchResults(text, requested.value(), used.value(), state.value(), offset, found.hits(),
                found.more(), (System.nanoTime() - start) / 1e6);
    }

    /** Which of the ranked hits a search returns: those after the first {@code offset}, at most {@code limit}. */
    private record Window(int offset, int limit) {
        /** How many hits the window reaches down to. */
        private int end() {
            return offset + limit;
        }

        /** How many hits are ranked: to the window's end, and one more to tell whether a next window has any. */
        int depth() {
            return end() < MAX_LIMIT ? end() + 1 : end();
        }

        /** The window's part of a ranking. */
        <T> List<T> of(List<T> ranked) {
            return ranked.subList(Math.min(offset, ranked.size()), Math.min(end(), ranked.size()));
        }

        /**
         * How many nearest chunks the vector half asks for: five per hit, at least {@link #KNN_K}. A semantic search
         * ranks by them alone, so they reach down to the window's end. A hybrid one takes as many for every window
         * of the same size, as it takes BM25's best {@link #TEXT_CANDIDATES} for each: then every window is cut from
         * the same fused list, and the next one neither repeats nor skips a page.
         */
        int nearestChunks(SearchMode mode) {
            return Math.max(KNN_K, (mode == SearchMode.SEMANTIC ? end() : limit) * 5);
        }

        /** Whether the ranking goes on past the window (never past {@link #MAX_LIMIT}). */
        boolean more(List<?> ranked) {
            return ranked.size() > end();
        }
    }

    /** The hits of a search's window, and whether the ranking goes on after them. */
    private record Found(List<SearchHit> hits, boolean more) {
        static final Found NONE = new Found(List.of(), false);
    }

    /** Whether a search may split its work over two threads. */
    enum Split {
        /** When a core is idle ({@link QueryThreads#enter}): what every door gets. */
        WHEN_A_CORE_IS_FREE,
        /** Never: one thread, one pass of highlighting (the same hits, as the tests check). */
        NEVER
    }

    /**
     * The search in one of the wiki's slots; counted as wanting a core ({@link QueryThreads#enter}) while it waits
     * for a slot too, so a search split over two threads only when no other search is running or waiting.
     */
    private Found admitted(TenantId wiki, String text, SearchMode mode, Optional<Embedder> embedder,
                           Window window, Passages passages, Split split) {
        boolean spareCore = queryThreads.enter() && split == Split.WHEN_A_CORE_IS_FREE;
        try {
            return slots.run(wiki, () -> run(wiki, text, mode, embedder, window, passages, spareCore),
                    most -> new WikifarmException.TooManyRequests("search_busy", "This wiki is answering as many"
                            + " searches at once as it may (" + most + "); try again in a moment."));
        } finally {
            queryThreads.leave();
        }
    }

    private Found run(TenantId wiki, String text, SearchMode mode, Optional<Embedder> embedder, Window window,
                      Passages passages, boolean spareCore) {
        try (WikiLease lease = wikis.acquire(wiki)) {
            // One point-in-time view: find cheaply, then read chunk texts and highlight only the hits returned.
            return indexes.of(lease).read(view -> {
                // With a core to spare, the full-text half (BM25 and the snippets of its best pages) runs on it while
                // this thread embeds the query and walks the vector graph. Without one, as under load, the halves
                // run here one after the other and the pages shown are highlighted after fusion, in one pass.
                QueryThreads.Task<TextSide> textSide = new QueryThreads.Task<>(
                        () -> textSide(view, text, mode, window, spareCore));
                if (mode == SearchMode.HYBRID && spareCore) {
                    queryThreads.offer(textSide);
                }
                try {
                    Map<String, List<LucenePageIndex.ChunkHit>> pages = mode == SearchMode.TEXT ? Map.of()
                            : nearestPages(view, queryVectors.of(embedder.orElseThrow(), wiki, text),
                                    window.nearestChunks(mode));
                    TextSide found = QueryThreads.join(textSide);
                    List<Ranked> ranked = rank(mode, found.hits(), pages, window.depth());
                    return new Found(hits(view, text, window.of(ranked), found.snippets(), passages),
                            window.more(ranked));
                } finally {
                    QueryThreads.settle(textSide); // the view must outlive its use on the other thread
                }
            });
        }
    }

    /**
     * BM25 hits and, for those in the window, highlighted snippets (none yet for a hybrid search in one thread).
     */
    private record TextSide(List<TextSearch.Hit> hits, Map<String, String> snippets) {
    }

    private TextSide textSide(LucenePageIndex.View view, String text, SearchMode mode, Window window,
                              boolean spareCore) throws IOException {
        if (mode == SearchMode.SEMANTIC) {
            return new TextSide(List.of(), Map.of());
        }
        // Every window ranks the same candidates, so the next one neither repeats nor skips a page: full text's
        // first TEXT_REORDERED are the same whether BM25 found them alone or with the rest, so a window that ends
        // among them asks for no more.
        int reordered = mode == SearchMode.TEXT ? TEXT_REORDERED : TEXT_CANDIDATES;
        List<TextSearch.Hit> candidates = view.searchText(text, window.depth() <= reordered ? reordered
                : TEXT_CANDIDATES);
        List<TextSearch.Hit> hits = SectionRanking.rank(candidates, view.bestSections(text,
                candidates.subList(0, Math.min(reordered, candidates.size()))), reordered);
        if (mode == SearchMode.HYBRID && !spareCore) {
            return new TextSide(hits, Map.of()); // fusion decides which pages are shown; those are highlighted then
        }
        // The window's snippets, on this thread (a hybrid search's text half already runs beside its vector half).
        // Handing half of the pages to another thread cost more than it saved once ten took ~0.2 ms (docs/search.md,
        // "Full text's best 50").
        return new TextSide(hits, view.snippets(text, window.of(hits).stream().map(TextSearch.Hit::path).toList()));
    }

    /** Pages by their {@code k} nearest chunks, best first, without those below {@link #MIN_SIMILARITY}. */
    private static Map<String, List<LucenePageIndex.ChunkHit>> nearestPages(LucenePageIndex.View view, float[] vector,
                                                                            int k) throws IOException {
        Map<String, List<LucenePageIndex.ChunkHit>> pages = new LinkedHashMap<>();
        view.nearestPages(vector, k, CHUNKS_PER_HIT).stream()
                .filter(chunks -> cosine(chunks.get(0).score()) >= MIN_SIMILARITY)
                .forEach(chunks -> pages.put(chunks.get(0).path(), chunks));
        return pages;
    }

    private static List<Ranked> rank(SearchMode mode, List<TextSearch.Hit> textHits,
                                     Map<String, List<LucenePageIndex.ChunkHit>> pages, int limit) {
        return switch (mode) {
            case TEXT -> textHits.stream().limit(limit).map(hit -> new Ranked(hit.path(), hit.score(), List.of(),
                    List.of("text"))).toList();
            case SEMANTIC -> pages.entrySet().stream().limit(limit).map(page -> new Ranked(page.getKey(),
                    cosine(page.getValue().get(0).score()), page.getValue(), List.of("semantic"))).toList();
            case HYBRID -> fuse(textHits, pages, limit);
        };
    }

    /**
     * The hits as shown: snippets (the few fusion lifted from further down are highlighted now) and the texts of the
     * chunks asked for.
     */
    private List<SearchHit> hits(LucenePageIndex.View view, String text, List<Ranked> ranked,
                                 Map<String, String> snippets, Passages passages)
            throws IOException {
        List<String> unhighlighted = ranked.stream()
                .filter(hit -> hit.matchedBy().contains("text") && !snippets.containsKey(hit.path()))
                .map(Ranked::path).toList();
        Map<String, String> allSnippets = new HashMap<>(snippets);
        allSnippets.putAll(view.snippets(text, unhighlighted));
        List<SearchHit> hits = new ArrayList<>(ranked.size());
        for (Ranked hit : ranked) {
            List<SearchHit.MatchedChunk> chunks = new ArrayList<>();
            String snippet = allSnippets.get(hit.path());
            int given = passages.count(snippet, hit.chunks().size());
            for (LucenePageIndex.ChunkHit chunk : hit.chunks().subList(0, given)) {
                LucenePageIndex.ChunkHit full = view.withText(chunk);
                chunks.add(new SearchHit.MatchedChunk(full.breadcrumb(), full.text(), cosine(full.score())));
            }
            hits.add(new SearchHit(hit.path(), hit.score(), snippet, chunks, hit.matchedBy()));
        }
        return hits;
    }

    /** A hit before its texts are read: page, score, the chunks that matched, which sides matched. */
    record Ranked(String path, double score, List<LucenePageIndex.ChunkHit> chunks, List<String> matchedBy) {
    }

    /** The two lists fused ({@link Fusion#DEFAULT}), each hit with the chunks that matched. */
    static List<Ranked> fuse(List<TextSearch.Hit> textHits, Map<String, List<LucenePageIndex.ChunkHit>> semantic,
                             int limit) {
        List<Fusion.Scored> text = textHits.stream().map(hit -> new Fusion.Scored(hit.path(), hit.score())).toList();
        List<Fusion.Scored> meaning = semantic.entrySet().stream().map(page -> new Fusion.Scored(page.getKey(),
                cosine(page.getValue().get(0).score()))).toList();
        return Fusion.DEFAULT.fuse(text, meaning, limit).stream().map(page -> {
            List<String> by = new ArrayList<>(2);
            if (page.byText()) {
                by.add("text");
            }
            if (page.bySemantic()) {
                by.add("semantic");
            }
            return new Ranked(page.path(), page.score(), semantic.getOrDefault(page.path(), List.of()), by);
        }).toList();
    }

    /** Lucene scores a dot product as (1 + dot) / 2. */
    private static double cosine(float luceneScore) {
        return 2.0 * luceneScore - 1.0;
    }

    public SearchStatus status(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.READ);
        return status(wiki.id(), true);
    }

    /**
     * The status as the search screen shows it under every search: without counting the embedding cache
     * ({@code cachedVectors} −1), whose count grows with the wiki (a scan of its rows, ~0.5 ms at 20,000) while a
     * search must not. The API and the settings screen give the count.
     */
    public SearchStatus briefStatus(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.READ);
        return status(wiki.id(), false);
    }

    SearchStatus status(TenantId wiki) {
        return status(wiki, true);
    }

    private SearchStatus status(TenantId wiki, boolean countCache) {
        try (WikiLease lease = wikis.acquire(wiki)) {
            LucenePageIndex index = indexes.of(lease);
            String head = indexes.store(lease).head();
            String indexed = index.meta().getOrDefault(LucenePageIndex.META_COMMIT, "");
            IndexQueue.Progress progress = queue.progress(wiki, FAILURES_SHOWN);
            // Commits whose pages are not all indexed yet, rows or not: the workers catch up on them from git.
            boolean behind = head != null && !head.equals(indexed);
            if (behind && !workers.busy(wiki)) {
                workers.wake(wiki);
            }
            SearchStatus.Reindex reindex = progress.reindex()
                    .map(r -> new SearchStatus.Reindex(r.total() - r.done(), r.done(), r.total())).orElse(null);
            return new SearchStatus(progress.queued(), indexed.isEmpty() ? null : indexed, head, index.pageCount(),
                    index.chunkCount(), model.modelId(), model.state().value(),
                    workers.busy(wiki) || progress.queued() > 0 || behind,
                    reindex, indexer.embeddedChunks(), countCache ? indexer.cachedVectors(wiki) : -1,
                    progress.failed().count(), progress.failed().recent());
        }
    }

    /** The answer to a request that queues work: whether it added any, and the status after it. */
    public record Queued(boolean added, SearchStatus status) {
    }

    /**
     * Starts a full reindex (administrators only): every page is queued again; unchanged chunks come from the cache.
     * While an earlier one still has rows waiting nothing is added (its progress is in the status); a reindex whose
     * rows would take the queue past {@code searchMaxQueuedRows} is refused with 429.
     */
    public Queued reindex(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        IndexQueue.ReindexResult result;
        try (WikiLease lease = wikis.acquire(wiki.id())) {
            indexes.of(lease);
            PageStore store = indexes.store(lease);
            result = indexes.requestReindex(wiki.id(), store);
            if (result == IndexQueue.ReindexResult.NO_ROOM) {
                throw queue.full(queue.length(wiki.id()), store.pageCount() + 1);
            }
        }
        return new Queued(result == IndexQueue.ReindexResult.QUEUED, status(wiki.id()));
    }

    /**
     * The wiki's files were replaced (a snapshot restored, its index emptied with them): its index is opened again and
     * every page at HEAD queued, as a full reindex. For the operator's services, which decided the permission.
     */
    public void rebuild(TenantId wiki) {
        try (WikiLease lease = wikis.acquire(wiki)) {
            indexes.of(lease);
            indexes.requestReindex(wiki, indexes.store(lease));
        }
    }

    /**
     * Indexes every page of the wiki again after its link order changed (the words of its links differ): as
     * {@link #reindex}, decided by whoever changed the order. A queue with no room is caught up later by the next
     * full reindex; it is logged, never refused, since the order is already changed.
     */
    public void linkOrderChanged(TenantId wiki) {
        try (WikiLease lease = wikis.acquire(wiki)) {
            indexes.of(lease);
            if (indexes.requestReindex(wiki, indexes.store(lease), false) == IndexQueue.ReindexResult.NO_ROOM) {
                LOG.info("Search queue of wiki {} is full; its links are read in the new order at the next reindex",
                        wiki);
            }
        }
    }

    /**
     * Queues the pages that could not be indexed again (administrators only); a page already waiting is not queued
     * twice. An edit of a failed page queues it anyway, like any edit.
     */
    public Queued retryFailed(Caller caller, Wiki wiki) {
        permissions.require(caller, wiki, Permission.ADMIN);
        int added = queue.requeue(wiki.id(), failures.paths(wiki.id()));
        workers.wake(wiki.id());
        return new Queued(added > 0, status(wiki.id()));
    }

    /** Whether the caller may start a reindex (the web UI shows the button only then). */
    public boolean canReindex(Caller caller, Wiki wiki) {
        return permissions.of(caller, wiki).contains(Permission.ADMIN);
    }

    public SemanticModel model() {
        return model;
    }
}
