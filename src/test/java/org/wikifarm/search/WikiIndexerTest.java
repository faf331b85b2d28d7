package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.config.Settings;
import org.wikifarm.limit.Deadline;
import org.wikifarm.search.lucene.LucenePageIndex;
import org.wikifarm.store.TenantId;

/**
 * One batch of the indexer, run by the test itself: a page that cannot be indexed (its text extraction throws, runs
 * over its time budget, is too large, or the model fails on it) is set aside and the rest of the batch is indexed; a
 * failure that is not one page's fails the batch and keeps its rows; a batch is bounded by the Markdown it reads; a
 * page is indexed once, not again by the catch-up from git while its row waits.
 */
class WikiIndexerTest {
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aPageTheTextExtractionFailsOnIsSetAsideAndTheRestOfTheBatchIsIndexed() {
        PageDocuments.Extractor extractor = (path, markdown) -> {
            if (markdown.contains("POISON")) {
                throw new IllegalStateException("this text breaks the parser");
            }
            return WikiIndexer.document(path, markdown);
        };
        try (IndexerFixture farm = new IndexerFixture(dir, limits(), SemanticModel.off(), extractor)) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "apples", "Apples grow on trees in the orchard.");
            farm.save(wiki, "toadstool", "POISON in the text.");
            farm.save(wiki, "cherries", "Cherries are small and red.");

            assertThat(farm.batch(wiki)).isFalse();
            assertThat(farm.find(wiki, "orchard")).containsExactly("apples");
            assertThat(farm.find(wiki, "cherries")).containsExactly("cherries");
            assertThat(farm.find(wiki, "toadstool")).as("found by its title").containsExactly("toadstool");
            assertThat(farm.queue.length(wiki)).isZero();
            List<SearchStatus.FailedPage> failed = farm.failures.recent(wiki, 10);
            assertThat(failed).singleElement().satisfies(page -> {
                assertThat(page.path()).isEqualTo("toadstool");
                assertThat(page.reason()).isEqualTo("unreadable");
                assertThat(page.attempts()).isEqualTo(1);
                assertThat(page.message()).doesNotContain("IllegalStateException").doesNotContain("parser");
            });

            // Nothing retries it by itself; an edit queues it again, like any edit.
            assertThat(farm.batch(wiki)).isFalse();
            farm.save(wiki, "toadstool", "Now a harmless mushroom.");
            farm.drain(wiki);
            assertThat(farm.find(wiki, "mushroom")).containsExactly("toadstool");
            assertThat(farm.failures.count(wiki)).isZero();
        }
    }

    @Test
    void aPageOverTheSizeLimitIsNeitherReadNorParsedButFoundByItsTitle() {
        Set<String> parsed = ConcurrentHashMap.newKeySet();
        PageDocuments.Extractor extractor = (path, markdown) -> {
            parsed.add(path.value());
            return WikiIndexer.document(path, markdown);
        };
        try (IndexerFixture farm = new IndexerFixture(dir, IndexerFixture.limits(1024, BUDGET, MB, 100_000),
                SemanticModel.off(), extractor)) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "huge-table", "zebra ".repeat(1000));
            farm.save(wiki, "small", "A small page about a zebra.");

            farm.drain(wiki);
            assertThat(parsed).containsExactly("small");
            assertThat(farm.find(wiki, "zebra")).containsExactly("small");
            assertThat(farm.find(wiki, "huge table")).containsExactly("huge-table");
            assertThat(farm.failures.recent(wiki, 10)).singleElement().satisfies(page -> {
                assertThat(page.reason()).isEqualTo("too_large");
                assertThat(page.message()).contains("6 KB").contains("1 KB");
            });
        }
    }

    @Test
    void eachPageHasItsOwnTimeBudgetAndAPageOverItIsSetAside() {
        IndexerFixture[] fixture = new IndexerFixture[1];
        PageDocuments.Extractor extractor = (path, markdown) -> {
            // Every page takes a second; the slow ones take eleven.
            fixture[0].ticker.addAndGet(Duration.ofSeconds(markdown.contains("SLOW") ? 11 : 1).toNanos());
            if (markdown.contains("CHECKS")) {
                Deadline.checkCurrent(); // as the Markdown parser does at each block
            }
            return WikiIndexer.document(path, markdown);
        };
        try (IndexerFixture farm = new IndexerFixture(dir, limits(), SemanticModel.off(), extractor)) {
            fixture[0] = farm;
            TenantId wiki = farm.wiki();
            for (int i = 0; i < 12; i++) {
                farm.save(wiki, "quick-" + i, "A quick page number " + i + " CHECKS.");
            }
            farm.save(wiki, "checked", "SLOW and CHECKS its deadline: walrus.");
            farm.save(wiki, "unchecked", "SLOW but never checks its deadline: narwhal.");

            farm.drain(wiki);
            assertThat(farm.find(wiki, "quick")).as("12 s for the batch, 1 s per page").hasSize(12);
            assertThat(farm.find(wiki, "walrus")).isEmpty();
            assertThat(farm.find(wiki, "narwhal")).isEmpty();
            assertThat(farm.failures.recent(wiki, 10)).extracting(SearchStatus.FailedPage::path,
                    SearchStatus.FailedPage::reason).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("checked", "too_slow"),
                    org.assertj.core.groups.Tuple.tuple("unchecked", "too_slow"));
            assertThat(farm.failures.recent(wiki, 1).get(0).message()).contains("10 s");
        }
    }

    @Test
    void aBatchIsBoundedByTheMarkdownItReadsAndABigPageIsABatchOfItsOwn() {
        try (IndexerFixture farm = new IndexerFixture(dir, IndexerFixture.limits(2 * MB, BUDGET, 10 * 1024, 100_000),
                SemanticModel.off(), WikiIndexer::document)) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "big", "word ".repeat(6000)); // 30 KB: over the batch's budget, under the page limit
            for (int i = 0; i < 6; i++) {
                farm.save(wiki, "page-" + i, ("text " + i + " ").repeat(550)); // ~4 KB each
            }

            assertThat(farm.batch(wiki)).isTrue();
            assertThat(pageCount(farm, wiki)).isEqualTo(1);
            assertThat(farm.queue.length(wiki)).isEqualTo(6);
            assertThat(farm.batch(wiki)).isTrue();
            assertThat(pageCount(farm, wiki)).as("two pages of 4 KB fit in 10 KB").isEqualTo(3);
            assertThat(farm.queue.length(wiki)).isEqualTo(4);
            farm.drain(wiki);
            assertThat(pageCount(farm, wiki)).isEqualTo(7);
            assertThat(farm.failures.count(wiki)).isZero();
        }
    }

    @Test
    void anOpenWikiIndexedInManyBatchesIsCompactedIntoOneSegmentUnlessTheSettingIsZero() {
        for (long maxMB : new long[] {Settings.Search.DEFAULT_COMPACT_MAX_MB, 0}) {
            Settings.Search limits = new Settings.Search(1, "off", Path.of("cache"), 2 * MB, BUDGET.toMillis(),
                    2 * 1024, 100_000, 4_000, 0, maxMB, Settings.Search.Concurrency.DEFAULT,
                    Settings.Search.DEFAULT_CACHE_SPARE_VECTORS);
            try (IndexerFixture farm = new IndexerFixture(dir.resolve("max-" + maxMB), limits, SemanticModel.off(),
                    WikiIndexer::document)) {
                TenantId wiki = farm.wiki();
                for (int i = 0; i < 12; i++) {
                    farm.save(wiki, "page-" + i, ("Words of page " + i + ". ").repeat(60)); // ~1.2 KB: 1 per batch
                }
                farm.drain(wiki);
                int before = farm.index(wiki, LucenePageIndex::segmentCount);
                assertThat(before).isGreaterThan(1);

                farm.wikis.close(wiki);
                assertThat(farm.indexer.compact(wiki)).as("a closed wiki is not opened for it").isFalse();
                assertThat(farm.index(wiki, LucenePageIndex::segmentCount)).isEqualTo(before);
                assertThat(farm.indexer.compact(wiki)).isEqualTo(maxMB > 0);

                assertThat(farm.index(wiki, LucenePageIndex::segmentCount)).isEqualTo(maxMB > 0 ? 1 : before);
                assertThat(farm.find(wiki, "page 7")).contains("page-7");
            }
        }
    }

    @Test
    void whenTheModelFailsOnEverythingTheBatchFailsAndItsRowsStay() {
        SemanticModel broken = new SemanticModel("broken", () -> new FakeEmbedder(text -> true));
        try (IndexerFixture farm = new IndexerFixture(dir, limits(), broken, WikiIndexer::document)) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "one", "The first page.");
            farm.save(wiki, "two", "The second page.");

            Throwable failure = catchThrowable(() -> farm.batch(wiki));
            assertThat(failure).isInstanceOf(IllegalStateException.class);
            assertThat(farm.queue.length(wiki)).isEqualTo(2);
            assertThat(farm.failures.count(wiki)).as("not the pages' fault").isZero();
        }
    }

    @Test
    void aPageTheModelFailsOnAloneIsKeptForFullTextAndListed() {
        SemanticModel picky = new SemanticModel("picky", () -> new FakeEmbedder(text -> text.contains("glitch")));
        try (IndexerFixture farm = new IndexerFixture(dir, limits(), picky, WikiIndexer::document)) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "fine", "An ordinary page about lighthouses.");
            farm.save(wiki, "odd", "A page with a glitch in it, about puffins.");

            assertThat(farm.batch(wiki)).isFalse();
            assertThat(farm.find(wiki, "puffins")).containsExactly("odd");
            assertThat(farm.find(wiki, "lighthouses")).containsExactly("fine");
            assertThat(farm.failures.recent(wiki, 10)).singleElement().satisfies(page -> {
                assertThat(page.path()).isEqualTo("odd");
                assertThat(page.reason()).isEqualTo("embedding_failed");
            });
            assertThat(farm.queue.length(wiki)).isZero();
        }
    }

    @Test
    void aWikiFilledWhileItIsBeingIndexedHasEachPageIndexedOnce() {
        // As the relevance benchmark fills a wiki through the API: saves keep coming while batches run, so each
        // batch's catch-up from git sees pages whose rows still wait in the queue.
        try (IndexerFixture farm = new IndexerFixture(dir, limits(), SemanticModel.off(), WikiIndexer::document)) {
            TenantId wiki = farm.wiki();
            int pages = 0;
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < 40; i++) {
                    farm.save(wiki, "page-" + pages, "Page number " + pages + " about topic " + round + ".");
                    pages++;
                }
                farm.batch(wiki);
            }
            farm.drain(wiki);

            assertThat(pageCount(farm, wiki)).isEqualTo(pages);
            assertThat(farm.indexer.indexedPages()).as("pages written to the index").isEqualTo(pages);
            assertThat(farm.<Integer>index(wiki, index -> index.deletedDocuments()))
                    .as("no replaced versions left for BM25 to count").isZero();
            assertThat(farm.queue.length(wiki)).isZero();
            assertThat(farm.<String>index(wiki, index -> index.meta().get("commit"))).isEqualTo(head(farm, wiki));
        }
    }

    @Test
    void theCatchUpStillReadsThePagesWhoseRowsAreMissingAmongPagesWithRows() {
        try (IndexerFixture farm = new IndexerFixture(dir, limits(), SemanticModel.off(), WikiIndexer::document)) {
            TenantId wiki = farm.wiki();
            farm.save(wiki, "start", "The first page.");
            farm.drain(wiki);
            for (int i = 0; i < 100; i++) {
                if (i % 3 == 0) {
                    farm.commit(wiki, "lost-" + i, "A pushed page, no row: heron " + i + ".");
                } else {
                    farm.save(wiki, "kept-" + i, "A saved page with its row: finch " + i + ".");
                }
            }
            // A page saved, then changed behind the queue: its row waits, so the catch-up leaves it to the row,
            // which reads it at HEAD (the later text).
            farm.save(wiki, "kept-0", "First words.");
            farm.commit(wiki, "kept-0", "Later words: a kingfisher.");
            farm.drain(wiki);

            assertThat(pageCount(farm, wiki)).isEqualTo(1 + 34 + 66 + 1);
            java.util.Set<String> indexed = farm.index(wiki, index -> index.paths());
            for (int i = 0; i < 100; i++) {
                assertThat(indexed).contains(i % 3 == 0 ? "lost-" + i : "kept-" + i);
            }
            assertThat(farm.find(wiki, "heron")).hasSize(20).allMatch(path -> path.startsWith("lost-"));
            assertThat(farm.find(wiki, "kingfisher")).containsExactly("kept-0");
            assertThat(farm.queue.length(wiki)).isZero();
            assertThat(farm.<String>index(wiki, index -> index.meta().get("commit"))).isEqualTo(head(farm, wiki));
        }
    }

    @Test
    void theEmbeddingCacheKeepsAtMostItsSpareRoomOfVectorsNoChunkUses() {
        CountingEmbedder model = new CountingEmbedder();
        try (IndexerFixture farm = new IndexerFixture(dir, spare(3, MB), new SemanticModel("fake", () -> model),
                WikiIndexer::document)) {
            TenantId wiki = farm.wiki();
            TenantId other = farm.wiki();
            farm.save(other, "notes", "Notes on herons.");
            farm.drain(other);
            farm.save(other, "notes", "Notes on egrets.");
            farm.drain(other);
            int otherCached = cached(farm, other);
            assertThat(otherCached).as("the other wiki keeps its edited-away text, within its spare room")
                    .isEqualTo(2);

            farm.save(wiki, "log", "# Log\n\nEntry 0 of the lighthouse log.");
            farm.drain(wiki);
            List<Integer> sizes = new ArrayList<>();
            for (int edit = 1; edit <= 9; edit++) {
                farm.save(wiki, "log", "# Log\n\nEntry " + edit + " of the lighthouse log.");
                farm.drain(wiki);
                int chunks = farm.<Integer>index(wiki, LucenePageIndex::chunkCount);
                assertThat(chunks).isEqualTo(1);
                sizes.add(cached(farm, wiki));
            }
            assertThat(sizes).as("vectors cached after each edit: edited-away texts until more than 3, then only"
                    + " what the index uses").containsExactly(2, 3, 4, 1, 2, 3, 4, 1, 2);
            assertThat(cachedVectorsOf(farm, wiki)).as("the indexed chunk's vector is one of those kept").isTrue();

            long embedded = model.embedded.get();
            farm.save(wiki, "log", "# Log\n\nEntry 8 of the lighthouse log.");
            farm.drain(wiki);
            assertThat(model.embedded.get()).as("a revert to a text still cached costs no model run")
                    .isEqualTo(embedded);
            assertThat(cached(farm, other)).as("another wiki's cache is never touched").isEqualTo(otherCached);
        }
    }

    @Test
    void noCachedVectorIsDroppedWhileTheIndexIsBeingRebuilt() throws Exception {
        CountingEmbedder model = new CountingEmbedder();
        TenantId wiki;
        // Batches of about one page, and no spare room: any vector the index does not use yet would be dropped.
        Settings.Search limits = spare(0, 1024);
        try (IndexerFixture farm = new IndexerFixture(dir, limits, new SemanticModel("fake", () -> model),
                WikiIndexer::document)) {
            wiki = farm.wiki();
            for (int i = 0; i < 8; i++) {
                farm.save(wiki, "page-" + i, "# Page " + i + "\n\n" + ("Shore birds of cove " + i + ". ").repeat(40));
            }
            farm.drain(wiki);
        }
        long before = model.embedded.get();
        // The index lost (an operator removed it, as a new layout empties it): rebuilt from git on the next opening,
        // over several batches, with two pages changed meanwhile, so batches in the middle bring new vectors.
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir.resolve("wikis")
                .resolve(wiki.value()).resolve("index"))) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(file);
            }
        }
        try (IndexerFixture farm = new IndexerFixture(dir, limits, new SemanticModel("fake", () -> model),
                WikiIndexer::document)) {
            farm.commit(wiki, "page-3", "# Page 3\n\nWaders of the third cove.");
            farm.commit(wiki, "page-5", "# Page 5\n\nWaders of the fifth cove.");
            int batches = farm.drain(wiki);
            assertThat(batches).as("the rebuild took several batches").isGreaterThan(2);
            assertThat(farm.<Integer>index(wiki, LucenePageIndex::pageCount)).isEqualTo(8);
            assertThat(model.embedded.get() - before).as("texts embedded: only the edited pages' one chunk each")
                    .isEqualTo(2);
        }
    }

    private static Settings.Search spare(int spareVectors, long batchBytes) {
        Settings.Search base = IndexerFixture.limits(2 * MB, BUDGET, batchBytes, 100_000);
        return new Settings.Search(base.workers(), base.embeddingModel(), base.nativeCacheDir(), base.maxPageBytes(),
                base.pageBudgetMillis(), base.batchBytes(), base.maxQueuedRows(), base.maxQueryChars(),
                base.queryVectors(), base.compactMaxMB(), base.concurrency(), spareVectors);
    }

    private static int cached(IndexerFixture farm, TenantId wiki) {
        return new EmbeddingCache(farm.sessions).size(wiki);
    }

    /** Whether every chunk in the wiki's index has its vector in the cache. */
    private static boolean cachedVectorsOf(IndexerFixture farm, TenantId wiki) {
        Set<String> used = new java.util.HashSet<>();
        farm.index(wiki, index -> {
            index.forEachChunk(chunk -> used.add(EmbeddingCache.hash(
                    new Chunk(chunk.ordinal(), chunk.breadcrumb(), chunk.text()).embeddedText())));
            return null;
        });
        return !used.isEmpty() && new EmbeddingCache(farm.sessions).find(wiki, "fake", used).keySet().equals(used);
    }

    private static String head(IndexerFixture farm, TenantId wiki) {
        try (org.wikifarm.store.WikiLease lease = farm.wikis.acquire(wiki)) {
            return farm.indexes.store(lease).head();
        }
    }

    private static int pageCount(IndexerFixture farm, TenantId wiki) {
        return farm.<Integer>index(wiki, index -> index.pageCount());
    }

    private static org.wikifarm.config.Settings.Search limits() {
        return IndexerFixture.limits(2 * MB, BUDGET, MB, 100_000);
    }

    /** Unit vectors from a text's hash, counting the texts embedded. */
    private static final class CountingEmbedder implements Embedder {
        final java.util.concurrent.atomic.AtomicLong embedded = new java.util.concurrent.atomic.AtomicLong();
        private final FakeEmbedder vectors = new FakeEmbedder(text -> false);

        @Override
        public String modelId() {
            return "fake";
        }

        @Override
        public int dimensions() {
            return vectors.dimensions();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            embedded.addAndGet(texts.size());
            return vectors.embed(texts);
        }
    }

    /** Unit vectors from a text's hash; throws for every batch holding a text {@code fails} picks. */
    private record FakeEmbedder(java.util.function.Predicate<String> fails) implements Embedder {
        @Override
        public String modelId() {
            return "fake";
        }

        @Override
        public int dimensions() {
            return 4;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> vectors = new ArrayList<>();
            for (String text : texts) {
                if (fails.test(text)) {
                    throw new IllegalStateException("the model crashed");
                }
                float angle = (text.hashCode() & 0xffff) / 10_000f;
                vectors.add(new float[] {(float) Math.cos(angle), (float) Math.sin(angle), 0, 0});
            }
            return vectors;
        }
    }
}
