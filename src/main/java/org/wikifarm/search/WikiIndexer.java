package org.wikifarm.search;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wikifarm.config.Settings;
import org.wikifarm.markdown.WikiLinkOrder;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.PageStore;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.store.TenantId;

/**
 * Works off one batch of a wiki's work (see {@link BatchPlan}): each page is brought in line with HEAD (indexed if the
 * page exists, removed if not), its chunks embedded — only those whose text is not in the embedding cache, across all
 * pages of the batch, shortest first so a model batch wastes little padding — and the index committed before the rows
 * are removed. A page that cannot be indexed is set aside ({@link PageDocuments}, {@link IndexFailures}) and the rest
 * of the batch goes on; a failure that is not one page's (the database, the model) fails the batch, which the workers
 * retry later. Called by {@link IndexWorkers}; never by a request.
 */
public final class WikiIndexer {
    private static final Logger LOG = LoggerFactory.getLogger(WikiIndexer.class);
    static final int ROWS_PER_BATCH = 64;
    static final int EMBED_BATCH = 16;
    /** How far one batch looks ahead in a catch-up for pages it must read itself (see {@link #slice}). */
    static final int CATCH_UP_LOOK_AHEAD = 1024;

    /** What one page and one batch may cost. */
    record Limits(long maxPageBytes, long batchBytes, Duration pageBudget, long compactMaxBytes,
                  int cacheSpareVectors) {
        static Limits of(Settings.Search search) {
            return new Limits(search.maxPageBytes(), search.batchBytes(), Duration.ofMillis(search.pageBudgetMillis()),
                    search.compactMaxMB() << 20, search.cacheSpareVectors());
        }
    }

    private final OpenWikis wikis;
    private final IndexQueue queue;
    private final IndexFailures failures;
    private final EmbeddingCache cache;
    private final SemanticModel model;
    private final SearchIndexes indexes;
    private final Limits limits;
    private final java.util.function.Function<TenantId, WikiLinkOrder> linkOrders;
    private final PageDocuments documents;
    private final Clock clock;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong indexedPages = new AtomicLong();

    WikiIndexer(OpenWikis wikis, IndexQueue queue, IndexFailures failures, EmbeddingCache cache, SemanticModel model,
                SearchIndexes indexes, Limits limits) {
        this(wikis, queue, failures, cache, model, indexes, limits, wiki -> WikiLinkOrder.DEFAULT);
    }

    /** @param linkOrders each wiki's wiki link order, read for each batch */
    WikiIndexer(OpenWikis wikis, IndexQueue queue, IndexFailures failures, EmbeddingCache cache, SemanticModel model,
                SearchIndexes indexes, Limits limits, java.util.function.Function<TenantId, WikiLinkOrder> linkOrders) {
        this(wikis, queue, failures, cache, model, indexes, limits, new PageDocuments.Extractor() {
            @Override
            public PageDocument of(PagePath path, String markdown) {
                return document(path, markdown);
            }

            @Override
            public PageDocument of(PagePath path, String markdown, WikiLinkOrder order) {
                return document(path, markdown, order);
            }
        }, System::nanoTime, Clock.systemUTC(), linkOrders);
    }

    /** With another text extraction and clocks: the ticker times each page's budget, the clock dates failures. */
    WikiIndexer(OpenWikis wikis, IndexQueue queue, IndexFailures failures, EmbeddingCache cache, SemanticModel model,
                SearchIndexes indexes, Limits limits, PageDocuments.Extractor extractor, LongSupplier ticker,
                Clock clock) {
        this(wikis, queue, failures, cache, model, indexes, limits, extractor, ticker, clock,
                wiki -> WikiLinkOrder.DEFAULT);
    }

    private WikiIndexer(OpenWikis wikis, IndexQueue queue, IndexFailures failures, EmbeddingCache cache,
                        SemanticModel model, SearchIndexes indexes, Limits limits, PageDocuments.Extractor extractor,
                        LongSupplier ticker, Clock clock,
                        java.util.function.Function<TenantId, WikiLinkOrder> linkOrders) {
        this.linkOrders = linkOrders;
        this.wikis = wikis;
        this.queue = queue;
        this.failures = failures;
        this.cache = cache;
        this.model = model;
        this.indexes = indexes;
        this.limits = limits;
        this.documents = new PageDocuments(extractor, limits.maxPageBytes(), limits.pageBudget(), ticker);
        this.clock = clock;
    }

    /** Chunks embedded by the model since start (cache hits excluded). */
    public long embeddedChunks() {
        return embedded.get();
    }

    public long indexedPages() {
        return indexedPages.get();
    }

    /** How many vectors the wiki's embedding cache keeps. */
    public int cachedVectors(TenantId wiki) {
        return cache.size(wiki);
    }

    /**
     * Merges the wiki's index into one segment if it has several, or deleted documents, and is no larger than
     * {@code searchCompactMaxMB} ({@link LucenePageIndex#compact}), and is open: the workers ask for it once the wiki
     * has been quiet for a while.
     *
     * @return whether it merged
     */
    public boolean compact(TenantId wiki) {
        // A wiki closed meanwhile (the open-wiki cap, a move away) is not opened again for this: it would push a wiki
        // people are using out of the cap. Its index is compacted after its next edit.
        if (limits.compactMaxBytes() == 0 || !wikis.isOpen(wiki)) {
            return false;
        }
        try (WikiLease lease = wikis.acquire(wiki)) {
            LucenePageIndex index = indexes.of(lease);
            int segments = index.segmentCount();
            long start = System.nanoTime();
            boolean merged = index.compact(limits.compactMaxBytes());
            if (merged) {
                LOG.info("Search index of wiki {} compacted: {} segments into one in {} ms", wiki, segments,
                        (System.nanoTime() - start) / 1_000_000);
            }
            return merged;
        }
    }

    /**
     * Indexes one batch: the next pages git says changed since the last fully indexed commit (at most half the batch
     * while rows wait; a page with a queued row is left to its row) and the oldest queued rows, all read at one HEAD
     * and cut to the batch's byte budget. True when more work may be waiting.
     */
    public boolean indexBatch(TenantId wiki) throws InterruptedException {
        Optional<Embedder> embedder = model.await();
        try (WikiLease lease = wikis.acquire(wiki)) {
            LucenePageIndex index = indexes.of(lease);
            PageStore store = indexes.store(lease);
            String head = store.head();
            Optional<IndexCatchUp.Plan> catchUp = head == null ? Optional.empty()
                    : IndexCatchUp.plan(lease.repository(), index.meta(), head);
            int rowLimit = catchUp.isPresent() ? ROWS_PER_BATCH / 2 : ROWS_PER_BATCH;
            List<IndexQueue.Entry> rows = queue.oldest(wiki, rowLimit);
            if (rows.isEmpty() && catchUp.isEmpty()) {
                return false;
            }
            int room = ROWS_PER_BATCH - rows.size();
            CatchUpSlice slice = catchUp.map(plan -> slice(wiki, plan, room)).orElse(CatchUpSlice.NONE);
            if (rows.size() == rowLimit && rows.size() + slice.toRead() < ROWS_PER_BATCH) {
                // The catch-up left most of its share to queued rows: they may take the room.
                rowLimit = ROWS_PER_BATCH - slice.toRead();
                rows = queue.oldest(wiki, rowLimit);
            }
            BatchPlan batch = BatchPlan.of(slice.pages(), slice.leftToRows(), rows);
            if (head != null) {
                batch = batch.cut(store.sizesAt(head, batch.pages()), limits.maxPageBytes(), limits.batchBytes());
            }
            Map<PagePath, PageStore.Text> texts = head == null ? Map.of()
                    : store.readAt(head, batch.pages(), limits.maxPageBytes());
            PageDocuments.Built built = documents.build(batch.pages(), texts, linkOrders.apply(wiki));
            List<IndexFailures.Failure> failed = new ArrayList<>(built.failed());
            String modelId = embedder.map(Embedder::modelId).orElse(SemanticModel.NONE);
            Map<String, float[]> fresh = new HashMap<>();
            List<PageDocument> indexed = embedder.isPresent()
                    ? withVectors(wiki, embedder.get(), built.documents(), fresh, failed)
                    : built.documents().stream().map(WikiIndexer::withoutPassages).toList();

            // Failures are recorded before the index commits: if we die in between, the work is redone, not lost.
            Set<String> failedPaths = failed.stream().map(IndexFailures.Failure::path).collect(Collectors.toSet());
            List<String> settled = batch.pages().stream().map(PagePath::value)
                    .filter(path -> !failedPaths.contains(path)).toList();
            failures.update(wiki, failed, settled, clock.instant());
            indexed.forEach(index::put);
            built.gone().forEach(index::delete);
            int fromGitDone = batch.fromGit();
            boolean caughtUp = catchUp.map(plan -> plan.finishedAfter(fromGitDone)).orElse(true);
            if (batch.prune() || (caughtUp && catchUp.map(IndexCatchUp.Plan::full).orElse(false))) {
                Set<String> keep = head == null ? Set.of()
                        : store.listAt(head).stream().map(PagePath::value).collect(Collectors.toSet());
                index.deleteAllBut(keep);
                failures.retainOnly(wiki, keep);
            }
            Map<String, String> meta = new HashMap<>();
            meta.put(LucenePageIndex.META_MODEL, modelId);
            if (head != null) {
                meta.put(IndexCatchUp.META_SEEN, head);
            }
            catchUp.ifPresent(plan -> meta.putAll(plan.after(fromGitDone)));
            index.commit(meta);
            queue.remove(wiki, batch.rows(), EmbeddingCache.store(modelId, fresh));
            boolean more = rows.size() == rowLimit || batch.cutShort() || !caughtUp
                    || !Objects.equals(head, store.head());
            // The end of a full reindex, or a wiki in step with HEAD whose cache outgrew its spare room: every page
            // is in the index, so the vectors no chunk uses can go. Not while pages are still to come (a reindex, a
            // catch-up): their vectors would look unused and be embedded again.
            if (embedder.isPresent() && (batch.prune() || !more && !fresh.isEmpty() && cacheOutgrown(wiki, index))) {
                Set<String> used = new HashSet<>();
                index.forEachChunk(chunk -> used.add(EmbeddingCache.hash(embedded(chunk))));
                int dropped = cache.retainOnly(wiki, modelId, used);
                LOG.debug("Wiki {}: {} cached vectors no indexed chunk uses dropped, {} kept", wiki, dropped,
                        used.size());
            }
            indexedPages.addAndGet(indexed.size());
            return more;
        }
    }

    /**
     * Whether the wiki's embedding cache holds more vectors than its indexed chunks use by more than its spare room:
     * {@code searchCacheSpareVectors}, or a quarter of the chunks if that is more (so a large wiki is not scanned
     * for every few edits). The cache keeps the texts edited away so a revert costs no model run; without a bound
     * it would grow with every edit, and it counts towards the wiki's disk quota. A count of each (an upper bound
     * of the distinct texts used), not a scan of texts.
     */
    private boolean cacheOutgrown(TenantId wiki, LucenePageIndex index) {
        int chunks = index.chunkCount();
        return cache.size(wiki) - chunks > Math.max(limits.cacheSpareVectors(), chunks / 4);
    }

    /**
     * The catch-up's next pages: {@code pages} (a prefix of what is left of the plan), of which {@code leftToRows}
     * have a row waiting in the queue and {@code toRead} do not.
     */
    record CatchUpSlice(List<String> pages, Set<String> leftToRows, int toRead) {
        static final CatchUpSlice NONE = new CatchUpSlice(List.of(), Set.of(), 0);
    }

    /**
     * The catch-up's next pages, with at most {@code room} to read here. A page with a row waiting in the queue is
     * passed over, not read: its row indexes it at a HEAD no older (rows leave the queue only once their page is
     * indexed), and reading it here too would index it twice — while a wiki is being filled through the API nearly
     * every page of the catch-up has its row waiting. Passed-over pages cost nothing, so a slice looks ahead at most
     * {@link #CATCH_UP_LOOK_AHEAD} pages of the plan.
     */
    private CatchUpSlice slice(TenantId wiki, IndexCatchUp.Plan plan, int room) {
        List<String> ahead = plan.next(CATCH_UP_LOOK_AHEAD);
        Set<String> waiting = queue.waiting(wiki, ahead);
        int taken = 0;
        int toRead = 0;
        for (String path : ahead) {
            if (!waiting.contains(path)) {
                if (toRead == room) {
                    break;
                }
                toRead++;
            }
            taken++;
        }
        return new CatchUpSlice(ahead.subList(0, taken), waiting, toRead);
    }

    /** The words of a page's path: what a page is found by even when its text cannot be indexed. */
    static String title(PagePath path) {
        return path.value().replace('/', ' ').replace('-', ' ').replace('_', ' ');
    }

    /** A page's text fields and its chunks (vectors still missing). */
    static PageDocument document(PagePath path, String markdown) {
        return document(path, markdown, WikiLinkOrder.DEFAULT);
    }

    /** As {@link #document(PagePath, String)}, in a wiki whose wiki links name their page in {@code order}. */
    static PageDocument document(PagePath path, String markdown, WikiLinkOrder order) {
        List<Section> sections = MarkdownText.sections(markdown, order);
        Set<String> headings = new LinkedHashSet<>();
        List<String> body = new ArrayList<>();
        for (Section section : sections) {
            if (!section.headings().isEmpty()) {
                headings.add(section.headings().get(section.headings().size() - 1));
            }
            body.addAll(section.paragraphs());
        }
        // The title field: the path's words and the title the page gives itself, which then counts as a title, not
        // again as a heading.
        String declared = MarkdownText.title(markdown, sections);
        String title = title(path);
        if (!declared.isEmpty()) {
            title = title + "\n" + declared;
            if (!sections.isEmpty() && sections.get(0).headings().equals(List.of(declared))) {
                headings.remove(declared);
            }
        }
        List<ChunkDocument> chunks = Chunker.chunks(path, sections).stream()
                .map(chunk -> new ChunkDocument(chunk.ordinal(), chunk.breadcrumb(), chunk.text(), null)).toList();
        return new PageDocument(path, title, String.join("\n", headings), String.join("\n\n", body), chunks);
    }

    /**
     * The documents with vectors. If the model fails on them, each page is tried alone: a page the model fails on
     * while it still embeds a plain text is set aside (kept for full text, without passages); if the model fails on
     * everything, the failure is the model's and the batch is retried later.
     */
    private List<PageDocument> withVectors(TenantId wiki, Embedder embedder, List<PageDocument> documents,
                                           Map<String, float[]> fresh, List<IndexFailures.Failure> failed) {
        try {
            return embed(wiki, embedder, documents, fresh);
        } catch (RuntimeException batchFailure) {
            List<PageDocument> result = new ArrayList<>(documents.size());
            for (PageDocument document : documents) {
                try {
                    result.addAll(embed(wiki, embedder, List.of(document), fresh));
                } catch (RuntimeException pageFailure) {
                    if (!stillEmbeds(embedder)) {
                        throw batchFailure;
                    }
                    LOG.warn("The model failed on page {} of wiki {}", document.path(), wiki, pageFailure);
                    failed.add(new IndexFailures.Failure(document.path().value(), "embedding_failed",
                            "The model could not read the page's passages; it is found by its words, not by meaning."));
                    result.add(withoutPassages(document));
                }
            }
            return result;
        }
    }

    private static boolean stillEmbeds(Embedder embedder) {
        try {
            return embedder.embed(List.of("a short plain sentence")).size() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The page for full-text search only: passages exist to carry vectors. */
    private static PageDocument withoutPassages(PageDocument d) {
        return new PageDocument(d.path(), d.title(), d.headings(), d.body(), List.of());
    }

    /** Fills in vectors from the cache, embedding the rest in small batches sorted by length. */
    private List<PageDocument> embed(TenantId wiki, Embedder embedder, List<PageDocument> documents,
                                     Map<String, float[]> fresh) {
        Map<String, String> textByHash = new HashMap<>();
        for (PageDocument document : documents) {
            for (ChunkDocument chunk : document.chunks()) {
                String text = embedded(chunk);
                textByHash.putIfAbsent(EmbeddingCache.hash(text), text);
            }
        }
        Map<String, float[]> vectors = new HashMap<>(cache.find(wiki, embedder.modelId(), textByHash.keySet()));
        textByHash.keySet().forEach(hash -> {
            float[] known = fresh.get(hash);
            if (known != null) {
                vectors.putIfAbsent(hash, known);
            }
        });
        List<Map.Entry<String, String>> missing = textByHash.entrySet().stream()
                .filter(entry -> !vectors.containsKey(entry.getKey()))
                .sorted(Comparator.comparingInt(entry -> entry.getValue().length()))
                .toList();
        for (int from = 0; from < missing.size(); from += EMBED_BATCH) {
            List<Map.Entry<String, String>> batch = missing.subList(from, Math.min(missing.size(), from + EMBED_BATCH));
            List<float[]> computed = embedder.embed(batch.stream().map(Map.Entry::getValue).toList());
            for (int i = 0; i < batch.size(); i++) {
                vectors.put(batch.get(i).getKey(), computed.get(i));
                fresh.put(batch.get(i).getKey(), computed.get(i));
            }
            embedded.addAndGet(batch.size());
        }
        List<PageDocument> result = new ArrayList<>(documents.size());
        for (PageDocument document : documents) {
            List<ChunkDocument> chunks = document.chunks().stream().map(chunk -> new ChunkDocument(chunk.ordinal(),
                    chunk.breadcrumb(), chunk.text(), vectors.get(EmbeddingCache.hash(embedded(chunk))))).toList();
            result.add(new PageDocument(document.path(), document.title(), document.headings(), document.body(),
                    chunks));
        }
        return result;
    }

    private static String embedded(ChunkDocument chunk) {
        return new Chunk(chunk.ordinal(), chunk.breadcrumb(), chunk.text()).embeddedText();
    }
}
