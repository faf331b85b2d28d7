package org.wikifarm.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * nDCG@10 (graded gains {@code 2^g − 1}, log2 discount, ideal from the judgements), recall@100 and MRR (reciprocal
 * rank of the first relevant document, 0 when none is returned), each averaged over queries. A ranking lists document
 * ids best first; a document listed twice counts at its first place.
 */
public final class RelevanceMetrics {
    private double ndcg;
    private double recall;
    private double mrr;
    private int queries;

    /** Adds one query's ranking. */
    public void add(List<String> ranking, Map<String, Integer> relevant) {
        List<String> ranked = distinct(ranking);
        ndcg += ndcg(ranked, relevant, 10);
        recall += recall(ranked, relevant, 100);
        mrr += mrr(ranked, relevant);
        queries++;
    }

    public double ndcg10() {
        return queries == 0 ? 0 : ndcg / queries;
    }

    public double recall100() {
        return queries == 0 ? 0 : recall / queries;
    }

    public double mrr() {
        return queries == 0 ? 0 : mrr / queries;
    }

    public int queries() {
        return queries;
    }

    static double ndcg(List<String> ranked, Map<String, Integer> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            dcg += gain(relevant.getOrDefault(ranked.get(i), 0)) / log2(i + 2);
        }
        List<Integer> grades = new ArrayList<>(relevant.values());
        grades.sort((a, b) -> b - a);
        double ideal = 0;
        for (int i = 0; i < Math.min(k, grades.size()); i++) {
            ideal += gain(grades.get(i)) / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    static double recall(List<String> ranked, Map<String, Integer> relevant, int k) {
        long found = ranked.stream().limit(k).filter(d -> relevant.getOrDefault(d, 0) > 0).count();
        long all = relevant.values().stream().filter(g -> g > 0).count();
        return all == 0 ? 0 : (double) found / all;
    }

    static double mrr(List<String> ranked, Map<String, Integer> relevant) {
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.getOrDefault(ranked.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static List<String> distinct(List<String> ranking) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>(ranking.size());
        for (String id : ranking) {
            if (seen.add(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
