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
                    2 * 1024, 100_000, 4_000, 0, maxMB, Settings.Search.Concurrency.DEFAULT);
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
