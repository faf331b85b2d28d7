package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.wikifarm.error.WikifarmException;
import org.wikifarm.auth.Caller;
import org.wikifarm.page.PagePath;
import org.wikifarm.tenant.Wiki;

/**
 * Search end to end below HTTP: real SQLite, JGit, Lucene and the int8 model, on {@link Corpus}. One App for the
 * class (the model loads once); every test makes its own wikis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceTest {
    private static final int MAX_CHARS = org.wikifarm.config.Settings.Search.DEFAULT_MAX_QUERY_CHARS;
    private SearchFixture farm;
    private Caller alice;
    private Wiki corpus;

    @BeforeAll
    void setUp(@TempDir Path dir) {
        farm = new SearchFixture(dir, "int8");
        alice = farm.signUp("alice");
        corpus = farm.wiki(alice, "corpus", false);
        Corpus.PAGES.forEach((path, text) -> farm.save(alice, corpus, path, text));
        farm.awaitModel();
        farm.awaitIndexed(alice, corpus);
    }

    @AfterAll
    void tearDown() {
        farm.close();
    }

    @Test
    void everySavedPageIsIndexedWithChunksAndTheLastCommit() {
        SearchStatus status = farm.awaitIndexed(alice, corpus);
        assertThat(status.indexedPages()).isEqualTo(Corpus.PAGES.size());
        assertThat(status.indexedChunks()).isGreaterThanOrEqualTo(Corpus.PAGES.size());
        assertThat(status.lastIndexedCommit()).isEqualTo(status.headCommit()).isNotNull();
        assertThat(status.model()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(status.semantic()).isEqualTo("ready");
    }

    @Test
    void fullTextFindsWordsPhrasesAndPrefixesWithMarkedSnippets() {
        SearchResults found = farm.app.search().search(alice, corpus, "shinkansen", "text", 10);
        assertThat(found.hits()).extracting(SearchHit::path).containsExactly("travel/japan");
        assertThat(found.hits().get(0).snippet()).contains("<mark>shinkansen</mark>");
        assertThat(farm.paths(alice, corpus, "\"cast-iron pot\"", "text")).containsExactly("cooking/bread");
        assertThat(farm.paths(alice, corpus, "\"pot cast-iron\"", "text")).isEmpty();
        assertThat(farm.paths(alice, corpus, "sourd*", "text")).containsExactly("cooking/bread");
        assertThat(farm.paths(alice, corpus, "Problems", "text")).as("headings are indexed")
                .containsExactly("garden/tomatoes");
        assertThat(farm.paths(alice, corpus, "cats", "text")).as("the title (path) counts").first()
                .isEqualTo("pets/cats");
    }

    @Test
    void snippetsEscapePageText() {
        Wiki wiki = farm.wiki(alice, "escapes", false);
        farm.save(alice, wiki, "html", "Watch out for <script>alert('x')</script> & other zebra tags.");
        farm.awaitIndexed(alice, wiki);
        String snippet = farm.app.search().search(alice, wiki, "zebra", "text", 5).hits().get(0).snippet();
        assertThat(snippet).contains("<mark>zebra</mark>").doesNotContain("<script>");
    }

    @Test
    void luceneSyntaxIsSearchedForNotAnError() {
        for (String query : List.of("\"", ":", "(", ")", "*", "\\", "title:bread", "a AND (b", "\"unclosed phrase",
                "x^2 ~ [1 TO 5] {a} ? + - ! / &&", "*:*", "\\\\\\", "()", "\"\"", "-", "+")) {
            for (String mode : List.of("text", "semantic", "hybrid")) {
                Throwable failure = catchThrowable(() -> farm.app.search().search(alice, corpus, query, mode, 10));
                assertThat(failure).as("%s search for %s", mode, query).isNull();
            }
        }
        assertThat(farm.paths(alice, corpus, "title:bread", "text")).contains("cooking/bread");
    }

    @Test
    void badModesLimitsAndLongQueriesAreInvalidInput() {
        assertThat(catchThrowable(() -> farm.app.search().search(alice, corpus, "x", "fuzzy", 10)))
                .isInstanceOf(WikifarmException.InvalidInput.class);
        assertThat(catchThrowable(() -> farm.app.search().search(alice, corpus, "x", "text", 0)))
                .isInstanceOf(WikifarmException.InvalidInput.class);
        assertThat(catchThrowable(() -> farm.app.search().search(alice, corpus, "x".repeat(MAX_CHARS + 1), "text", 10)))
                .isInstanceOf(WikifarmException.InvalidInput.class);
        assertThat(farm.app.search().search(alice, corpus, "   ", "hybrid", 10).hits()).isEmpty();
    }

    @Test
    void offsetsOutsideTheHundredRankedAreInvalidInput() {
        SearchService search = farm.app.search();
        SearchService.Passages all = SearchService.Passages.ALL;
        for (int[] window : new int[][] {{-1, 10}, {91, 10}, {100, 1}, {0, 101}, {Integer.MAX_VALUE, 10}}) {
            assertThat(catchThrowable(() -> search.search(alice, corpus, "bread", "text", window[0], window[1], all)))
                    .as("offset %d, limit %d", window[0], window[1])
                    .isInstanceOfSatisfying(WikifarmException.InvalidInput.class,
                            e -> assertThat(e.code()).isIn("invalid_offset", "invalid_limit"));
        }
        assertThat(search.search(alice, corpus, "bread", "text", 90, 10, all).hasMore()).isFalse();
    }

    @Test
    void windowsOfASearchContinueEachOtherInEveryMode() {
        Wiki wiki = farm.wiki(alice, "lanterns", false);
        for (int i = 1; i <= 25; i++) {
            farm.save(alice, wiki, "lantern-" + i, "# Lantern " + i + "\n\nThe lantern number " + i + " lights the "
                    + List.of("harbour", "garden", "attic", "cellar", "bridge").get(i % 5) + " path at night.");
        }
        farm.awaitIndexed(alice, wiki);
        SearchService search = farm.app.search();
        for (String mode : List.of("text", "semantic", "hybrid")) {
            SearchResults whole = search.search(alice, wiki, "lantern lights the path", mode, 0, 30,
                    SearchService.Passages.ALL);
            assertThat(whole.hits()).as(mode).hasSize(25);
            assertThat(whole.hasMore()).as(mode).isFalse();
            List<SearchHit> paged = new ArrayList<>();
            for (int offset = 0; offset < 30; offset += 10) {
                SearchResults window = search.search(alice, wiki, "lantern lights the path", mode, offset, 10,
                        SearchService.Passages.ALL);
                assertThat(window.offset()).isEqualTo(offset);
                assertThat(window.hasMore()).as("%s after %d", mode, offset).isEqualTo(offset + 10 < 25);
                paged.addAll(window.hits());
            }
            SearchResults toTheEnd = search.search(alice, wiki, "lantern lights the path", mode, 15, 10,
                    SearchService.Passages.ALL);
            assertThat(toTheEnd.hits()).as(mode).hasSize(10);
            assertThat(toTheEnd.hasMore()).as("%s: the window ends with the last hit", mode).isFalse();
            assertThat(paged).as(mode).extracting(SearchHit::path)
                    .containsExactlyElementsOf(whole.hits().stream().map(SearchHit::path).toList());
            assertThat(paged).as(mode).extracting(SearchHit::snippet)
                    .containsExactlyElementsOf(whole.hits().stream().map(SearchHit::snippet).toList());
        }
    }

    /** Sixty words about nothing searched for, a different mix for each {@code seed}. */
    private static String filler(int seed) {
        List<String> words = List.of("meadow", "orchard", "hedge", "road", "mill", "stream", "barn", "fence", "field",
                "gate", "cart", "well", "oak", "pond", "path");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            text.append(words.get((seed * 7 + i * 3) % words.size())).append(i % 12 == 11 ? ". " : " ");
        }
        return text.toString().strip();
    }

    @Test
    void aLongPageWithASectionAboutTheWordsRanksAboveOneThatScattersThemAndWindowsStillContinue() {
        Wiki wiki = farm.wiki(alice, "sections", false);
        StringBuilder dense = new StringBuilder("# Dense\n");
        for (int s = 0; s < 5; s++) {
            dense.append("\n## Part ").append(s).append("\n\n").append(filler(s)).append(s == 3
                    ? " The lantern repair: lantern glass, lantern wick and the repair of the repair kit." : "")
                    .append('\n');
        }
        farm.save(alice, wiki, "dense", dense.toString());
        farm.save(alice, wiki, "scattered", "# Scattered\n\n## One\n\n" + filler(7) + " A lantern. A repair.\n\n"
                + "## Two\n\n" + filler(8) + " A lantern. A repair.\n\n## Three\n\n" + filler(9)
                + " A lantern. A repair.\n");
        for (int i = 0; i < 12; i++) {
            farm.save(alice, wiki, "short-" + i, "# Short " + i + "\n\n" + filler(10 + i) + " Once a lantern.");
        }
        farm.awaitIndexed(alice, wiki);
        SearchService search = farm.app.search();

        SearchResults whole = search.search(alice, wiki, "lantern repair", "text", 0, 20, SearchService.Passages.ALL);

        assertThat(whole.hits()).extracting(SearchHit::path).hasSize(14).startsWith("dense", "scattered");
        assertThat(whole.hits().get(0).score()).isLessThanOrEqualTo(1.0);
        List<SearchHit> paged = new ArrayList<>();
        for (int offset = 0; offset < 20; offset += 5) {
            paged.addAll(search.search(alice, wiki, "lantern repair", "text", offset, 5, SearchService.Passages.ALL)
                    .hits());
        }
        assertThat(paged).extracting(SearchHit::path)
                .containsExactlyElementsOf(whole.hits().stream().map(SearchHit::path).toList());
    }

    @Test
    void fullTextWindowsPastTheSectionRankedPagesContinueThemWithTheSameScores() {
        Wiki wiki = farm.wiki(alice, "lamps", false);
        int pages = SearchService.TEXT_REORDERED + 20;
        for (int i = 0; i < pages; i++) {
            StringBuilder page = new StringBuilder("# Lamp " + i + "\n");
            for (int s = 0; s < 2 + i % 3; s++) {
                page.append("\n## Part ").append(s).append("\n\n").append(filler(i + s))
                        .append(" lamp".repeat(1 + (i * 7 + s) % 5)).append(s == i % 4 ? " wick repair" : "")
                        .append(".\n");
            }
            farm.save(alice, wiki, "lamp-" + i, page.toString());
        }
        farm.awaitIndexed(alice, wiki);
        SearchService search = farm.app.search();
        SearchService.Passages all = SearchService.Passages.ALL;

        SearchResults whole = search.search(alice, wiki, "lamp wick repair", "text", 0, 100, all);

        assertThat(whole.hits()).hasSize(pages);
        assertThat(whole.hits().subList(0, SearchService.TEXT_REORDERED)).allSatisfy(hit -> assertThat(hit.score())
                .isBetween(0.0, 1.0));
        assertThat(whole.hits().subList(SearchService.TEXT_REORDERED, pages)).allSatisfy(hit ->
                assertThat(hit.score()).isNotPositive());
        List<SearchHit> paged = new ArrayList<>();
        for (int offset = 0; offset < pages; offset += 10) { // the first windows rank BM25's best 50, the later 100
            paged.addAll(search.search(alice, wiki, "lamp wick repair", "text", offset, 10, all).hits());
        }
        assertThat(paged).extracting(SearchHit::path)
                .containsExactlyElementsOf(whole.hits().stream().map(SearchHit::path).toList());
        assertThat(paged).extracting(SearchHit::score)
                .containsExactlyElementsOf(whole.hits().stream().map(SearchHit::score).toList());
    }

    @Test
    void aParaphraseIsFoundSemanticallyWhereBm25MissesAndHybridIsAtLeastAsGoodAsEither() {
        Map<String, Integer> top1 = new java.util.HashMap<>();
        List<String> report = new ArrayList<>();
        for (Corpus.Query query : Corpus.QUERIES) {
            for (String mode : List.of("text", "semantic", "hybrid")) {
                List<String> paths = farm.paths(alice, corpus, query.text(), mode);
                boolean hit = !paths.isEmpty() && paths.get(0).equals(query.expected());
                top1.merge(mode, hit ? 1 : 0, Integer::sum);
                report.add(mode + " '" + query.text() + "' -> " + paths.stream().limit(3).toList());
                if (query.paraphrase() && mode.equals("text")) {
                    assertThat(paths).as("BM25 misses the paraphrase '%s'", query.text())
                            .doesNotContain(query.expected());
                }
                if (query.paraphrase() && mode.equals("semantic")) {
                    assertThat(paths).as("the vectors find the paraphrase '%s'", query.text()).first()
                            .isEqualTo(query.expected());
                }
            }
        }
        assertThat(top1.get("hybrid")).as("hybrid top-1 vs text: %s", report).isGreaterThanOrEqualTo(top1.get("text"));
        assertThat(top1.get("hybrid")).as("hybrid top-1 vs semantic: %s", report)
                .isGreaterThanOrEqualTo(top1.get("semantic"));
        assertThat(top1.get("hybrid")).isEqualTo(Corpus.QUERIES.size());
    }

    @Test
    void semanticHitsCarryTheirBestChunksAndEachPageOnce() {
        SearchResults found = farm.app.search().search(alice, corpus, "safeguarding data against a drive failure",
                "semantic", 10);
        assertThat(found.mode()).isEqualTo("semantic");
        assertThat(found.hits()).extracting(SearchHit::path).doesNotHaveDuplicates();
        SearchHit best = found.hits().get(0);
        assertThat(best.chunks()).isNotEmpty();
        assertThat(best.chunks().get(0).breadcrumb()).isEqualTo("tech/backups > Backups");
        assertThat(best.chunks().get(0).text()).contains("restic");
        assertThat(best.matchedBy()).containsExactly("semantic");
    }

    @Test
    void theScreenGetsOneChunkBelowASnippetAndTheApiEvery() {
        Wiki wiki = farm.wiki(alice, "passages", false);
        // Over 300 words: a chunk per section (Chunker).
        String lamp = "The lighthouse lamp turns all night and warns ships away from the rocks of the coast. ".repeat(12);
        String keeper = "The lighthouse keeper climbs the tower each evening to light the lamp for the ships. ".repeat(12);
        farm.save(alice, wiki, "coast/lighthouse", "# Lighthouse\n\n## The lamp\n\n" + lamp + "\n\n## The keeper\n\n"
                + keeper + "\n");
        farm.save(alice, wiki, "coast/harbour", "# Harbour\n\nFishing boats shelter in the harbour when storms come.");
        farm.awaitIndexed(alice, wiki);
        String query = "lighthouse lamp for ships";
        SearchResults all = farm.app.search().search(alice, wiki, query, "hybrid", 20);
        SearchResults shown = farm.app.search().search(alice, wiki, query, "hybrid", 0, 20,
                SearchService.Passages.ONE_BESIDE_A_SNIPPET);
        assertThat(shown.hits()).extracting(SearchHit::path).containsExactlyElementsOf(
                all.hits().stream().map(SearchHit::path).toList());
        SearchHit every = all.hits().get(0);
        assertThat(every.path()).isEqualTo("coast/lighthouse");
        assertThat(every.snippet()).contains("<mark>");
        assertThat(every.chunks()).hasSize(2);
        SearchHit screen = shown.hits().get(0);
        assertThat(screen.snippet()).isEqualTo(every.snippet());
        assertThat(screen.chunks()).containsExactly(every.chunks().get(0));
        // Found by meaning alone: no snippet, so the screen shows its chunks as the API does.
        SearchResults meaning = farm.app.search().search(alice, wiki, "beacon guiding vessels at night", "semantic",
                0, 20, SearchService.Passages.ONE_BESIDE_A_SNIPPET);
        assertThat(meaning.hits().get(0).snippet()).isNull();
        assertThat(meaning.hits().get(0).chunks()).hasSize(2);
    }

    @Test
    void aSearchInOneThreadFindsAndHighlightsWhatASplitOneDoes() {
        Wiki wiki = farm.wiki(alice, "one-thread", false);
        String[] birds = {"heron", "kingfisher", "cormorant", "osprey", "egret", "puffin", "gannet"};
        for (int i = 0; i < birds.length; i++) {
            farm.save(alice, wiki, "birds/" + birds[i], "# " + birds[i] + "\n\nThe " + birds[i]
                    + " fishes along the river bank" + " and the estuary".repeat(i) + ". It nests in the reeds.");
        }
        farm.save(alice, wiki, "boats", "# Boats\n\nA fishing boat returns to the harbour with its catch.");
        farm.awaitIndexed(alice, wiki);
        for (String mode : List.of("text", "semantic", "hybrid")) {
            for (String query : List.of("fishes river", "bird catching fish", "estuary")) {
                SearchResults split = farm.app.search().search(alice, wiki, query, mode, 5,
                        SearchService.Passages.ALL, SearchService.Split.WHEN_A_CORE_IS_FREE);
                SearchResults one = farm.app.search().search(alice, wiki, query, mode, 5,
                        SearchService.Passages.ALL, SearchService.Split.NEVER);
                assertThat(one.hits()).as(mode + " " + query).isNotEmpty().isEqualTo(split.hits());
            }
        }
        assertThat(farm.app.search().search(alice, wiki, "estuary", "hybrid", 5, SearchService.Passages.ALL,
                SearchService.Split.NEVER).hits().get(0).snippet()).contains("<mark>estuary</mark>");
    }

    @Test
    void deletingOrRenamingRemovesTheOldPathFromBothIndexes() {
        Wiki wiki = farm.wiki(alice, "moving", false);
        farm.save(alice, wiki, "old/name", "# Walrus\n\nThe walrus sleeps on the ice floe near the harbour.");
        farm.save(alice, wiki, "doomed", "# Narwhal\n\nThe narwhal has a long spiral tusk.");
        farm.awaitIndexed(alice, wiki);
        assertThat(farm.paths(alice, wiki, "walrus", "text")).containsExactly("old/name");

        farm.app.pages().rename(alice, wiki, new PagePath("old/name"), new PagePath("new/name"), null, false);
        farm.app.pages().delete(alice, wiki, new PagePath("doomed"), null, null);
        SearchStatus status = farm.awaitIndexed(alice, wiki);
        for (String mode : List.of("text", "semantic", "hybrid")) {
            assertThat(farm.paths(alice, wiki, "walrus on the ice", mode)).as(mode).containsExactly("new/name");
            assertThat(farm.paths(alice, wiki, "narwhal tusk", mode)).as(mode).doesNotContain("doomed");
        }
        assertThat(status.indexedPages()).isEqualTo(1);
        assertThat(status.lastIndexedCommit()).isEqualTo(status.headCommit());
    }

    @Test
    void searchesNeverCrossWikisAndNeedRead() {
        Caller bob = farm.signUp("bob");
        Wiki bobs = farm.wiki(bob, "corpus", false);
        farm.save(bob, bobs, "secret", "# Plans\n\nThe sourdough starter recipe is secret: rye flour and honey.");
        farm.awaitIndexed(bob, bobs);
        for (String mode : List.of("text", "semantic", "hybrid")) {
            assertThat(farm.paths(alice, corpus, "sourdough starter recipe rye honey", mode)).as(mode)
                    .doesNotContain("secret");
            assertThat(farm.paths(bob, bobs, "sourdough starter", mode)).as(mode).containsExactly("secret");
        }
        assertThat(catchThrowable(() -> farm.app.search().search(bob, corpus, "bread", "text", 10)))
                .isInstanceOf(WikifarmException.Forbidden.class);
        assertThat(catchThrowable(() -> farm.app.search().search(Caller.ANONYMOUS, corpus, "bread", "text", 10)))
                .isInstanceOf(WikifarmException.Unauthenticated.class);
        assertThat(catchThrowable(() -> farm.app.search().status(bob, corpus)))
                .isInstanceOf(WikifarmException.Forbidden.class);
        assertThat(catchThrowable(() -> farm.app.search().reindex(bob, corpus)))
                .isInstanceOf(WikifarmException.Forbidden.class);
    }

    @Test
    void unchangedChunksAreNeverEmbeddedAgain() {
        Wiki wiki = farm.wiki(alice, "cached", false);
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            paragraphs.add(("Paragraph " + i + " talks about the history of lighthouse number " + i
                    + ", its keepers, its lamp and the storms it has seen over the years. ").repeat(3).strip());
        }
        farm.save(alice, wiki, "lighthouses", "# Lighthouses\n\n" + String.join("\n\n", paragraphs));
        farm.awaitIndexed(alice, wiki);
        long before = farm.app.search().status(alice, wiki).embeddedChunks();

        paragraphs.set(5, paragraphs.get(5).replace("storms", "gales"));
        farm.save(alice, wiki, "lighthouses", "# Lighthouses\n\n" + String.join("\n\n", paragraphs));
        long afterEdit = farm.awaitIndexed(alice, wiki).embeddedChunks();
        assertThat(afterEdit - before).as("chunks embedded after changing one paragraph").isBetween(1L, 2L);

        SearchStatus reindexed = farm.app.search().reindex(alice, wiki).status();
        assertThat(reindexed.reindex().total()).isEqualTo(2);
        SearchStatus done = farm.awaitIndexed(alice, wiki);
        assertThat(done.embeddedChunks() - afterEdit).as("chunks embedded by reindexing an unchanged wiki").isZero();
        assertThat(done.reindex().done()).isEqualTo(done.reindex().total());
        assertThat(done.reindex().queued()).isZero();
    }

    @Test
    void aFullReindexDropsCachedVectorsNoChunkUsesAnyMore() {
        Wiki wiki = farm.wiki(alice, "pruned", false);
        farm.save(alice, wiki, "kept", "# Kept\n\nThe lighthouse keeper trims the wick every evening.");
        farm.save(alice, wiki, "doomed", "# Doomed\n\nThe old pier collapsed in the winter storm.");
        farm.awaitIndexed(alice, wiki);
        farm.save(alice, wiki, "kept", "# Kept\n\nThe lighthouse keeper polishes the lens every morning.");
        farm.app.pages().delete(alice, wiki, new PagePath("doomed"), null, null);
        SearchStatus edited = farm.awaitIndexed(alice, wiki);
        assertThat(edited.indexedChunks()).isEqualTo(1);
        assertThat(edited.cachedVectors()).as("the old text of kept and the deleted page are still cached")
                .isEqualTo(3);
        SearchStatus brief = farm.app.search().briefStatus(alice, wiki);
        assertThat(brief.cachedVectors()).as("the search screen's status does not count the cache").isEqualTo(-1);
        assertThat(brief).usingRecursiveComparison().ignoringFields("cachedVectors").isEqualTo(edited);

        farm.app.search().reindex(alice, wiki);
        SearchStatus reindexed = farm.awaitIndexed(alice, wiki);
        assertThat(reindexed.cachedVectors()).isEqualTo(reindexed.indexedChunks()).isEqualTo(1);
        assertThat(reindexed.embeddedChunks()).as("nothing embedded again").isEqualTo(edited.embeddedChunks());
        assertThat(farm.paths(alice, wiki, "polishing the lens", "semantic")).containsExactly("kept");
    }
}
