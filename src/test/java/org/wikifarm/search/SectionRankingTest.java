package org.wikifarm.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wikifarm.search.lucene.TextSearch;

/** Full text's page and best-section scores mixed: what rises, what stays, and the scores given. */
class SectionRankingTest {
    private static TextSearch.Hit hit(String path, float bm25) {
        return new TextSearch.Hit(path, bm25, null, 0);
    }

    private static TextSearch.BestSection several(float bm25) {
        return new TextSearch.BestSection(bm25, 3);
    }

    private static TextSearch.BestSection one(float bm25) {
        return new TextSearch.BestSection(bm25, 1);
    }

    private static List<String> paths(List<TextSearch.Hit> hits) {
        return hits.stream().map(TextSearch.Hit::path).toList();
    }

    @Test
    void aLongPageWithOneSectionAboutTheWordsRisesAboveOneThatMentionsThemHereAndThere() {
        List<TextSearch.Hit> pages = List.of(hit("scattered", 9f), hit("dense", 8f), hit("low", 1f));
        Map<String, TextSearch.BestSection> sections = Map.of("scattered", several(2f), "dense", several(6f),
                "low", several(1f));

        List<TextSearch.Hit> ranked = SectionRanking.rank(pages, sections);

        assertThat(paths(ranked)).containsExactly("dense", "scattered", "low");
        // page (8 − 1) / (9 − 1) = 0.875 and section (6 − 1) / (6 − 1) = 1, half each
        assertThat(ranked.get(0).score()).isCloseTo(0.9375f, within(1e-6f));
        assertThat(ranked.get(1).score()).isCloseTo(0.6f, within(1e-6f)); // 0.5 · 1 + 0.5 · 0.2
    }

    @Test
    void pagesOfOneSectionRankByTheirPageScoreAlone() {
        List<TextSearch.Hit> pages = List.of(hit("a", 5f), hit("b", 4f), hit("c", 3f));

        List<TextSearch.Hit> ranked = SectionRanking.rank(pages, Map.of("a", one(1f), "b", one(9f), "c", one(2f)));

        assertThat(paths(ranked)).containsExactly("a", "b", "c");
        assertThat(ranked.get(0).score()).isCloseTo(1f, within(1e-6f));
        assertThat(ranked.get(1).score()).isCloseTo(0.5f, within(1e-6f));
        assertThat(ranked.get(2).score()).isZero();
    }

    @Test
    void aPageOfSeveralSectionsNoneOfWhichMatchesHasOnlyItsPageScoreAtHalf() {
        List<TextSearch.Hit> pages = List.of(hit("spread", 6f), hit("one", 5f), hit("sectioned", 2f));
        Map<String, TextSearch.BestSection> sections = Map.of("spread", several(0f), "sectioned", several(4f));

        List<TextSearch.Hit> ranked = SectionRanking.rank(pages, sections);

        // spread: 0.5 · 1 + 0 = 0.5; one: 0.75 (its page twice); sectioned: 0 + 0.5 · 1 (the only matching section)
        assertThat(paths(ranked)).containsExactly("one", "spread", "sectioned");
        assertThat(ranked.get(0).score()).isCloseTo(0.75f, within(1e-6f));
    }

    @Test
    void sectionsAreNormalisedOverEveryCandidatesBestSectionOneOrSeveral() {
        List<TextSearch.Hit> pages = List.of(hit("long", 4f), hit("single", 3f), hit("low", 1f));
        // long's section (5) against the best of all sections (single's 9, unused for single itself) and the least (1)
        Map<String, TextSearch.BestSection> sections = Map.of("long", several(5f), "single", one(9f), "low", one(1f));

        List<TextSearch.Hit> ranked = SectionRanking.rank(pages, sections);

        // long: 0.5 · 1 + 0.5 · (5 − 1) / (9 − 1) = 0.75; single: its page (3 − 1) / 3 twice = 0.667
        assertThat(paths(ranked)).containsExactly("long", "single", "low");
        assertThat(ranked.get(0).score()).isCloseTo(0.75f, within(1e-6f));
        assertThat(ranked.get(1).score()).isCloseTo(2f / 3, within(1e-6f));
    }

    @Test
    void equalScoresKeepTheBm25Order() {
        List<TextSearch.Hit> pages = List.of(hit("first", 3f), hit("second", 3f), hit("third", 3f));

        assertThat(paths(SectionRanking.rank(pages, Map.of("second", several(7f))))).containsExactly("first", "second", "third");
        assertThat(SectionRanking.rank(List.of(), Map.of())).isEmpty();
    }

    @Test
    void onlyTheFirstPagesAreRankedAgainAndTheRestFollowBelowThemInBm25Order() {
        List<TextSearch.Hit> pages = List.of(hit("scattered", 9f), hit("dense", 8f), hit("low", 1f),
                hit("next", 0.9f), hit("last", 0.5f));
        // last's section would top them all, but only the first three are ranked again
        Map<String, TextSearch.BestSection> sections = Map.of("scattered", several(2f), "dense", several(6f),
                "low", several(1f), "last", several(50f));

        List<TextSearch.Hit> ranked = SectionRanking.rank(pages, sections, 3);

        assertThat(paths(ranked)).containsExactly("dense", "scattered", "low", "next", "last");
        assertThat(ranked.subList(0, 3)).as("the first three as if they were all the candidates")
                .isEqualTo(SectionRanking.rank(pages.subList(0, 3), sections));
        assertThat(ranked.get(3).score()).isCloseTo(0.5f * (0.9f - 1) / 8, within(1e-6f));
        assertThat(ranked.get(4).score()).isCloseTo(0.5f * (0.5f - 1) / 8, within(1e-6f));
    }

    @Test
    void whenTheFirstPagesTieThoseAfterThemStillRankBelow() {
        List<TextSearch.Hit> pages = List.of(hit("a", 2f), hit("b", 2f), hit("c", 1.5f), hit("d", 1f));

        List<TextSearch.Hit> ranked = SectionRanking.rank(pages, Map.of("a", one(2f), "b", one(2f)), 2);

        assertThat(paths(ranked)).containsExactly("a", "b", "c", "d");
        assertThat(ranked).extracting(TextSearch.Hit::score).containsExactly(1f, 1f, -0.25f, -0.5f);
    }
}
