package org.wikifarm.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.wikifarm.page.PagePath;
import org.wikifarm.page.git.GitPageStore;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkDocument;
import org.wikifarm.search.lucene.LucenePageIndex.PageDocument;
import org.wikifarm.store.OpenWikis;
import org.wikifarm.store.WikiLease;
import org.wikifarm.tenant.TenantId;

/**
 * Works off one batch of a wiki's queue: each queued path is brought in line with HEAD (indexed if the page exists,
 * removed if not), its chunks embedded — only those whose text is not in the embedding cache, across all pages of
 * the batch, shortest first so a model batch wastes little padding — and the index committed before the rows are
 * removed. Called by {@link IndexWorkers}; never by a request.
 */
public final class WikiIndexer {
    static final int ROWS_PER_BATCH = 64;
    static final int EMBED_BATCH = 16;

    private final OpenWikis wikis;
    private final IndexQueue queue;
    private final EmbeddingCache cache;
    private final SemanticModel model;
    private final SearchIndexes indexes;
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong indexedPages = new AtomicLong();

    public WikiIndexer(OpenWikis wikis, IndexQueue queue, EmbeddingCache cache, SemanticModel model,
                       SearchIndexes indexes) {
        this.wikis = wikis;
        this.queue = queue;
        this.cache = cache;
        this.model = model;
        this.indexes = indexes;
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
     * Indexes one batch: the next pages git says changed since the last fully indexed commit (at most half the batch
     * while rows wait) and the oldest queued rows, all read at one HEAD. True when more work may be waiting.
     */
    public boolean indexBatch(TenantId wiki) throws InterruptedException {
        Optional<Embedder> embedder = model.await();
        try (WikiLease lease = wikis.acquire(wiki)) {
            LucenePageIndex index = indexes.of(lease);
            GitPageStore store = indexes.store(lease);
            String head = store.head();
            Optional<IndexCatchUp.Plan> catchUp = head == null ? Optional.empty()
                    : IndexCatchUp.plan(lease.repository(), index.meta(), head);
            int rowLimit = catchUp.isPresent() ? ROWS_PER_BATCH / 2 : ROWS_PER_BATCH;
            List<IndexQueue.Entry> rows = queue.oldest(wiki, rowLimit);
            if (rows.isEmpty() && catchUp.isEmpty()) {
                return false;
            }
            List<String> fromGit = catchUp.map(plan -> plan.next(ROWS_PER_BATCH - rows.size())).orElse(List.of());
            Set<String> paths = new LinkedHashSet<>(fromGit);
            boolean prune = false;
            for (IndexQueue.Entry row : rows) {
                if (row.prune()) {
                    prune = true;
                } else if (PagePath.isValid(row.path())) {
                    paths.add(row.path());
                }
            }
            List<PagePath> wanted = paths.stream().map(PagePath::new).toList();
            Map<PagePath, GitPageStore.Text> texts = head == null ? Map.of() : store.readAt(head, wanted, Long.MAX_VALUE);
            List<PageDocument> documents = new ArrayList<>();
            List<PagePath> gone = new ArrayList<>();
            for (PagePath path : wanted) {
                GitPageStore.Text text = texts.get(path);
                if (text != null) {
                    documents.add(document(path, text.text()));
                } else {
                    gone.add(path);
                }
            }
            String modelId = embedder.map(Embedder::modelId).orElse(SemanticModel.NONE);
            Map<String, float[]> fresh = new HashMap<>();
            if (embedder.isPresent()) {
                documents = withVectors(wiki, embedder.get(), documents, fresh);
            } else {
                documents = documents.stream().map(d -> new PageDocument(d.path(), d.title(), d.headings(), d.body(),
                        List.of())).toList();
            }
            documents.forEach(index::put);
            gone.forEach(index::delete);
            boolean caughtUp = catchUp.map(plan -> plan.finishedAfter(fromGit.size())).orElse(true);
            if (prune || (caughtUp && catchUp.map(IndexCatchUp.Plan::full).orElse(false))) {
                Set<String> keep = head == null ? Set.of()
                        : store.listAt(head).stream().map(PagePath::value).collect(Collectors.toSet());
                index.deleteAllBut(keep);
            }
            Map<String, String> meta = new HashMap<>();
            meta.put(LucenePageIndex.META_MODEL, modelId);
            if (head != null) {
                meta.put(IndexCatchUp.META_SEEN, head);
            }
            catchUp.ifPresent(plan -> meta.putAll(plan.after(fromGit.size())));
            index.commit(meta);
            queue.remove(wiki, rows, EmbeddingCache.store(modelId, fresh));
            if (prune && embedder.isPresent()) {
                // The end of a full reindex: every page is in the index, so what no chunk uses can go.
                cache.retainOnly(wiki, modelId, index.chunks().stream().map(chunk -> EmbeddingCache.hash(
                        embedded(chunk))).collect(Collectors.toSet()));
            }
            indexedPages.addAndGet(documents.size());
            return rows.size() == rowLimit || !caughtUp || !Objects.equals(head, store.head());
        }
    }

    /** A page's text fields and its chunks (vectors still missing). */
    static PageDocument document(PagePath path, String markdown) {
        List<Section> sections = MarkdownText.sections(markdown);
        Set<String> headings = new LinkedHashSet<>();
        List<String> body = new ArrayList<>();
        for (Section section : sections) {
            if (!section.headings().isEmpty()) {
                headings.add(section.headings().get(section.headings().size() - 1));
            }
            body.addAll(section.paragraphs());
        }
        String title = path.value().replace('/', ' ').replace('-', ' ').replace('_', ' ');
        List<ChunkDocument> chunks = Chunker.chunks(path, markdown).stream()
                .map(chunk -> new ChunkDocument(chunk.ordinal(), chunk.breadcrumb(), chunk.text(), null)).toList();
        return new PageDocument(path, title, String.join("\n", headings), String.join("\n\n", body), chunks);
    }

    /** Fills in vectors from the cache, embedding the rest in small batches sorted by length. */
    private List<PageDocument> withVectors(TenantId wiki, Embedder embedder, List<PageDocument> documents,
                                           Map<String, float[]> fresh) {
        Map<String, String> textByHash = new HashMap<>();
        for (PageDocument document : documents) {
            for (ChunkDocument chunk : document.chunks()) {
                String text = embedded(chunk);
                textByHash.putIfAbsent(EmbeddingCache.hash(text), text);
            }
        }
        Map<String, float[]> vectors = new HashMap<>(cache.find(wiki, embedder.modelId(), textByHash.keySet()));
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
