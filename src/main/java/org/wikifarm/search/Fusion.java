package org.wikifarm.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How hybrid search merges its two lists of pages — full text (BM25 scores) and meaning (cosine similarity of the best
 * passage) — into one. The default, {@link #DEFAULT}, is a convex combination of scores normalised per list:
 * {@code w · (s − min) / (max − min)} over each list's candidates, a page missing from a list adding 0 for it. Unlike
 * rank fusion it keeps how far apart the scores are: a page far ahead in one list stays ahead. The weights and the
 * alternatives measured are in docs/search.md and docs/benchmarks.md ("Relevance"). Pure and linear in the lists.
 *
 * @param method    how scores become comparable
 * @param textWeight the full-text side's weight (the semantic side has {@code 1 − textWeight}); unused by RRF
 */
public record Fusion(Method method, double textWeight) {
    /**
     * Min-max normalised scores, full text 0.4 and meaning 0.6: the middle of the range (0.3–0.5) that held on every
     * collection measured (docs/search.md, "Why these settings").
     */
    public static final Fusion DEFAULT = new Fusion(Method.MIN_MAX, 0.4);
    /** Reciprocal-rank fusion's k. */
    static final int RRF_K = 60;

    public enum Method {
        /** {@code Σ 1 / (60 + rank)}: ranks only. */
        RRF,
        /** {@code (s − min) / (max − min)} over the list's candidates. */
        MIN_MAX,
        /** {@code (s − mean) / standard deviation} over the list's candidates, shifted so the list's lowest is 0. */
        Z_SCORE
    }

    public Fusion {
        if (textWeight < 0 || textWeight > 1 || Double.isNaN(textWeight)) {
            throw new IllegalArgumentException("textWeight must be between 0 and 1");
        }
    }

    /** A page of one side's list and its score there (BM25, or cosine similarity). */
    public record Scored(String path, double score) {
    }

    /** A page of the fused list: its fused score and whether each side found it. */
    public record Fused(String path, double score, boolean byText, boolean bySemantic) {
    }

    /** Both lists (best first) fused, best first, at most {@code limit}; ties keep the full-text order. */
    public List<Fused> fuse(List<Scored> text, List<Scored> semantic, int limit) {
        Map<String, Double> textScores = normalised(text);
        Map<String, Double> semanticScores = normalised(semantic);
        double semanticWeight = method == Method.RRF ? 1 : 1 - textWeight;
        double ownTextWeight = method == Method.RRF ? 1 : textWeight;
        Map<String, Double> fused = new LinkedHashMap<>();
        textScores.forEach((path, score) -> fused.merge(path, ownTextWeight * score, Double::sum));
        semanticScores.forEach((path, score) -> fused.merge(path, semanticWeight * score, Double::sum));
        List<Fused> pages = new ArrayList<>(fused.size());
        fused.forEach((path, score) -> pages.add(new Fused(path, score, textScores.containsKey(path),
                semanticScores.containsKey(path))));
        // A stable sort: equal scores stay in insertion order, full-text pages first.
        pages.sort(Comparator.comparingDouble(Fused::score).reversed());
        return pages.size() > limit ? List.copyOf(pages.subList(0, limit)) : pages;
    }

    /**
     * Each page's score in the list, made comparable by this fusion's method (a page listed twice counts once, at its
     * first place); the min-max method is {@link MinMax}'s, which {@link SectionRanking} uses too.
     */
    public Map<String, Double> normalised(List<Scored> list) {
        Map<String, Double> scores = new HashMap<>();
        if (list.isEmpty()) {
            return scores;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (Scored page : list) {
            min = Math.min(min, page.score());
            max = Math.max(max, page.score());
            sum += page.score();
        }
        MinMax range = new MinMax(min, max);
        double mean = sum / list.size();
        double squares = 0;
        for (Scored page : list) {
            squares += (page.score() - mean) * (page.score() - mean);
        }
        double deviation = Math.sqrt(squares / list.size());
        for (int rank = 0; rank < list.size(); rank++) {
            Scored page = list.get(rank);
            double score = switch (method) {
                case RRF -> 1.0 / (RRF_K + rank + 1);
                case MIN_MAX -> range.normalised(page.score());
                case Z_SCORE -> deviation > 0 ? (page.score() - min) / deviation : 1.0;
            };
            scores.putIfAbsent(page.path(), score);
        }
        return scores;
    }
}
