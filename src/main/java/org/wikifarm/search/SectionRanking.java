package org.wikifarm.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.wikifarm.search.lucene.TextSearch;

/**
 * How full text ranks its candidate pages: by the whole page's BM25 and, for a page of several sections, by its
 * best-matching section's BM25 as well. Each is min-max normalised over the pages ranked so ({@link MinMax}, as
 * {@link Fusion} does) and the two are added, the section at {@link #SECTION_WEIGHT}. The sections are normalised over
 * the best section of every such page, one section or several (as measured), but a page of one section ranks by its
 * page score alone, so short pages rank as before; a long page whose one section is about the words typed rises above
 * a long page that mentions them here and there. Measured on long pages and on one-document pages (docs/search.md,
 * "Long pages"). Full text ranks BM25's best 50 so and a hybrid search all 100 ("Full text's best 50").
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
        return rank(pages, sections, pages.size());
    }

    /**
     * The first {@code reordered} pages ranked again as {@link #rank(List, Map)} does, normalised over themselves;
     * the pages after them follow in BM25 order, each scored by the same formula with its page score alone and no
     * section, which puts it below 0 (below every page reordered, 0 or more). So the first {@code reordered} pages and
     * their scores are the same whether or not the pages after them were found, and a list of BM25's best 100 and
     * one of its best 50 begin alike.
     *
     * @param sections the best section of each of the first {@code reordered} candidates (the others are not read)
     */
    static List<TextSearch.Hit> rank(List<TextSearch.Hit> pages, Map<String, TextSearch.BestSection> sections,
                                     int reordered) {
        int count = pages.size();
        int first = Math.min(reordered, count);
        double[] own = new double[count];
        double[] best = new double[count]; // the best section's score; 0 for a page without a matching section
        boolean[] several = new boolean[count];
        for (int i = 0; i < count; i++) {
            TextSearch.Hit hit = pages.get(i);
            TextSearch.BestSection found = i < first ? sections.get(hit.path()) : null;
            own[i] = hit.score();
            best[i] = found == null ? 0 : found.score();
            several[i] = found != null && found.sections() > 1;
        }
        MinMax pageRange = MinMax.of(own, i -> i < first);
        MinMax sectionRange = MinMax.of(best, i -> i < first && best[i] > 0);
        List<TextSearch.Hit> mixed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double score;
            if (i < first) {
                double page = pageRange.normalised(own[i]);
                double section = !several[i] ? page : best[i] > 0 ? sectionRange.normalised(best[i]) : 0.0;
                score = (1 - SECTION_WEIGHT) * page + SECTION_WEIGHT * section;
            } else {
                score = (1 - SECTION_WEIGHT) * pageRange.below(own[i]);
            }
            TextSearch.Hit hit = pages.get(i);
            mixed.add(new TextSearch.Hit(hit.path(), (float) score, hit.snippet(), hit.doc()));
        }
        mixed.sort(Comparator.comparingDouble(TextSearch.Hit::score).reversed());
        return mixed;
    }
}
