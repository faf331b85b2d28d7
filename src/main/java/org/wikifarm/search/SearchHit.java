package org.wikifarm.search;

import java.util.List;

/**
 * A page that matched. {@code snippet} is HTML (escaped text with {@code <mark>}s) from the full-text side, or null;
 * {@code chunks} are the best matching passages from the semantic side (plain text), best first.
 *
 * @param score     text: the page's and its best section's BM25 mixed ({@link SectionRanking}: 0–1 for the first
 *                  50, below 0 after them); semantic: the best chunk's cosine similarity; hybrid: the two lists'
 *                  scores fused ({@link Fusion})
 * @param matchedBy {@code text}, {@code semantic} or both
 */
public record SearchHit(String path, double score, String snippet, List<MatchedChunk> chunks, List<String> matchedBy) {
    /** A passage of the page and how close it is to the query (cosine similarity). */
    public record MatchedChunk(String breadcrumb, String text, double similarity) {
    }
}
