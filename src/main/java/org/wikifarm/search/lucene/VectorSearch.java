package org.wikifarm.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.wikifarm.search.lucene.LucenePageIndex.ChunkHit;

/** Nearest chunks by vector: HNSW ({@link KnnFloatVectorQuery}), grouped by page. */
final class VectorSearch {
    private VectorSearch() {
    }

    /**
     * The pages whose chunks are nearest to the vector (HNSW, {@code k} chunks), best page first, each with its best
     * {@code perPage} chunks, without their texts (the view's {@code withText} reads them, on the same searcher).
     */
    static List<List<ChunkHit>> nearestPages(IndexSearcher searcher, float[] vector, int k, int perPage)
            throws IOException {
        TopDocs top = searcher.search(new KnnFloatVectorQuery(LucenePageIndex.VECTOR, vector, k), k);
        List<String> paths = LucenePageIndex.paths(searcher, top.scoreDocs);
        Map<String, List<ScoreDoc>> byPage = new LinkedHashMap<>();
        for (int i = 0; i < top.scoreDocs.length; i++) {
            ScoreDoc doc = top.scoreDocs[i];
            String path = paths.get(i);
            List<ScoreDoc> kept = byPage.computeIfAbsent(path, p -> new ArrayList<>());
            if (kept.size() < perPage) {
                kept.add(doc);
            }
        }
        List<List<ChunkHit>> pages = new ArrayList<>(byPage.size());
        for (Map.Entry<String, List<ScoreDoc>> page : byPage.entrySet()) {
            List<ChunkHit> hits = new ArrayList<>(page.getValue().size());
            for (ScoreDoc doc : page.getValue()) {
                hits.add(new ChunkHit(page.getKey(), -1, null, null, doc.score, doc.doc));
            }
            pages.add(hits);
        }
        return pages;
    }
}
