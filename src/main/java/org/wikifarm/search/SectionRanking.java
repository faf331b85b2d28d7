package org.wikifarm.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.wikifarm.search.lucene.TextSearch;

/**
 * How full text ranks its candidate pages: by the whole page's BM25 and, for a page of several sections, by its
 * best-matching section's BM25 as well. Each is min-max normalised over the candidates ({@link Fusion}'s method) and
 * the two are added, the section at {@link #SECTION_WEIGHT}. The sections are normalised over the best section of
 * every candidate, one section or several (as measured), but a page of one section ranks by its page score alone, so
 * short pages rank as before; a long page whose one section is about the words typed rises above a long page that
 * mentions them here and there. Measured on long pages and on one-document pages (docs/search.md, "Long pages").
 * Pure and linear in the candidates.
 */
final class SectionRanking {
    /** The best section's share of a page's full-text score; the page's own BM25 has the rest. */
    static final double SECTION_WEIGHT = 0.5;
    private static final Fusion MIN_MAX = new Fusion(Fusion.Method.MIN_MAX, 1 - SECTION_WEIGHT);

    private SectionRanking() {
    }

    /**
     * The pages again, best first, each with its mixed score (0–1); ties keep the BM25 order.
     *
     * @param pages    BM25's candidates, best first
     * @param sections each candidate's best section (a candidate without chunks is missing)
     */
    static List<TextSearch.Hit> rank(List<TextSearch.Hit> pages, Map<String, TextSearch.BestSection> sections) {
        Map<String, Double> page = MIN_MAX.normalised(pages.stream()
                .map(hit -> new Fusion.Scored(hit.path(), hit.score())).toList());
        Map<String, Double> section = MIN_MAX.normalised(pages.stream()
                .filter(hit -> sections.containsKey(hit.path()) && sections.get(hit.path()).score() > 0)
                .map(hit -> new Fusion.Scored(hit.path(), sections.get(hit.path()).score())).toList());
        List<TextSearch.Hit> mixed = new ArrayList<>(pages.size());
        for (TextSearch.Hit hit : pages) {
            double own = page.get(hit.path());
            TextSearch.BestSection found = sections.get(hit.path());
            double best = found != null && found.sections() > 1 ? section.getOrDefault(hit.path(), 0.0) : own;
            mixed.add(new TextSearch.Hit(hit.path(), (float) ((1 - SECTION_WEIGHT) * own + SECTION_WEIGHT * best),
                    hit.snippet(), hit.doc()));
        }
        mixed.sort(Comparator.comparingDouble(TextSearch.Hit::score).reversed());
        return mixed;
    }
}
