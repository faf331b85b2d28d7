package org.wikifarm.search;

import java.util.function.IntPredicate;

/**
 * The lowest and highest of some scores, and a score min-max normalised over them: {@code (s − min) / (max − min)},
 * or 1 when all are equal (one score, or a tie: each counts fully). {@link Fusion}'s default method and
 * {@link SectionRanking} both normalise so.
 */
record MinMax(double min, double max) {
    /** Over the scores whose index {@code counted} accepts. */
    static MinMax of(double[] scores, IntPredicate counted) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (counted.test(i)) {
                min = Math.min(min, scores[i]);
                max = Math.max(max, scores[i]);
            }
        }
        return new MinMax(min, max);
    }

    double normalised(double score) {
        return max > min ? (score - min) / (max - min) : 1.0;
    }

    /**
     * A score at or under {@link #min} (one of those not counted) on the same scale:
     * {@code (s − min) / (max − min)}, 0 or less; when all counted are equal, {@code s − min}. Lower stays lower.
     */
    double below(double score) {
        return max > min ? (score - min) / (max - min) : score - min;
    }
}
