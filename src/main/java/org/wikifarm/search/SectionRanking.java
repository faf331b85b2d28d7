package org.wikifarm.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.wikifarm.search.lucene.TextSearch;

/**
 * How full text ranks its candidate pages: by the whole page's BM25 and, for a page of several sections, by its
 * best-matching section's BM25 as well. Each is min-max normalised over the candidates ({@link MinMax}, as
 * {@link Fusion} does) and the two are added, the section at {@link #SECTION_WEIGHT}. The sections are normalised over the best section of
 * every candidate, one section or several (as measured), but a page of one section ranks by its page score alone, so
 * short pages rank as before; a long page whose one section is about the words typed rises above a long page that
 * mentions them here and there. Measured on long pages and on one-document pages (docs/search.md, "Long pages").
 * Pure and linear in the candidates (arrays rather than maps: it runs on every full-text search).
 */
final class SectionRanking {
    /** The best section's share of a page's full-text score; the page's own BM25 has the rest. */
    static final double SECTION_WEIGHT = 0.5;

    private SectionRanking() {
    }

    /**
     * The pages again, best first, each with its mixed score (0–1); ties keep the BM25 order.
     *
     * @param pages    BM25's candidates, best first
     * @param sections each candidate's best section (a candidate without chunks is missing)
     */
    static List<TextSearch.Hit> rank(List<TextSearch.Hit> pages, Map<String, TextSearch.BestSection> sections) {
        int count = pages.size();
        double[] own = new double[count];
        double[] best = new double[count]; // the best section's score; 0 for a page without a matching section
        boolean[] several = new boolean[count];
        for (int i = 0; i < count; i++) {
            TextSearch.Hit hit = pages.get(i);
            TextSearch.BestSection found = sections.get(hit.path());
            own[i] = hit.score();
            best[i] = found == null ? 0 : found.score();
            several[i] = found != null && found.sections() > 1;
        }
        MinMax pageRange = MinMax.of(own, i -> true);
        MinMax sectionRange = MinMax.of(best, i -> best[i] > 0);
        List<TextSearch.Hit> mixed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double page = pageRange.normalised(own[i]);
            double section = !several[i] ? page : best[i] > 0 ? sectionRange.normalised(best[i]) : 0.0;
            TextSearch.Hit hit = pages.get(i);
            mixed.add(new TextSearch.Hit(hit.path(), (float) ((1 - SECTION_WEIGHT) * page + SECTION_WEIGHT * section),
                    hit.snippet(), hit.doc()));
        }
        mixed.sort(Comparator.comparingDouble(TextSearch.Hit::score).reversed());
        return mixed;
    }
}
