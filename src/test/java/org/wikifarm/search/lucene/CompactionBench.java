package org.wikifarm.search.lucene;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Vector search before and after {@link LucenePageIndex#compact} (docs/search.md, "Compaction"): µs per
 * {@code KnnFloatVectorQuery} (k = 100, as the search screen asks) for 400 queries made of the index's own vectors
 * plus a little noise, four rounds after one of warm-up, then the merge's time, the same rounds again, and how many of
 * each query's top 10 chunks stayed the same. It compacts the index it is given: run it on a copy of a kept one,
 * {@code java -cp … org.wikifarm.search.lucene.CompactionBench <index copy>}.
 */
public final class CompactionBench {
    private static final int QUERIES = 400;
    private static final int K = 100;

    private CompactionBench() {
    }

    public static void main(String[] args) throws IOException {
        Path index = Path.of(args[0]);
        List<float[]> queries = queries(index);
        List<Set<String>> before = measure("as it is", index, queries);
        long start = System.nanoTime();
        try (LucenePageIndex writable = new LucenePageIndex(index)) {
            System.out.printf("compacted: %s in %.1f s%n", writable.compact(Long.MAX_VALUE),
                    (System.nanoTime() - start) / 1e9);
        }
        List<Set<String>> after = measure("compacted", index, queries);
        int same = 0;
        for (int i = 0; i < queries.size(); i++) {
            Set<String> kept = new HashSet<>(before.get(i));
            kept.retainAll(after.get(i));
            same += kept.size();
        }
        System.out.printf("top 10 unchanged: %d of %d%n", same, queries.size() * 10);
    }

    private static List<float[]> queries(Path index) throws IOException {
        List<float[]> vectors = new ArrayList<>();
        try (Directory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                FloatVectorValues values = leaf.reader().getFloatVectorValues(LucenePageIndex.VECTOR);
                while (values != null && values.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
                    vectors.add(values.vectorValue().clone());
                }
            }
        }
        Random random = new Random(3);
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < QUERIES; i++) {
            float[] query = vectors.get(random.nextInt(vectors.size())).clone();
            double norm = 0;
            for (int d = 0; d < query.length; d++) {
                query[d] += (float) (random.nextGaussian() * 0.05);
                norm += query[d] * query[d];
            }
            for (int d = 0; d < query.length; d++) {
                query[d] /= (float) Math.sqrt(norm);
            }
            queries.add(query);
        }
        return queries;
    }

    /** Each query's top 10 as "path#ordinal", which survive a merge (document numbers do not). */
    private static List<Set<String>> measure(String label, Path index, List<float[]> queries) throws IOException {
        try (Directory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            List<Set<String>> tops = new ArrayList<>();
            for (int round = 0; round <= 4; round++) {
                long start = System.nanoTime();
                for (float[] query : queries) {
                    searcher.search(new KnnFloatVectorQuery(LucenePageIndex.VECTOR, query, K), K);
                }
                if (round > 0) {
                    System.out.printf("%s (%d segments, %d deleted documents): %.0f µs per vector search%n", label,
                            reader.leaves().size(), reader.numDeletedDocs(),
                            (System.nanoTime() - start) / 1e3 / queries.size());
                }
            }
            for (float[] query : queries) {
                ScoreDoc[] top = searcher.search(new KnnFloatVectorQuery(LucenePageIndex.VECTOR, query, K), 10)
                        .scoreDocs;
                List<String> paths = LucenePageIndex.paths(searcher, top);
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < top.length; i++) {
                    org.apache.lucene.index.LeafReaderContext leaf = searcher.getIndexReader().leaves().get(
                            org.apache.lucene.index.ReaderUtil.subIndex(top[i].doc, searcher.getIndexReader().leaves()));
                    ids.add(paths.get(i) + "#" + ChunkValues.read(leaf.reader(), top[i].doc - leaf.docBase).ordinal());
                }
                tops.add(ids);
            }
            return tops;
        }
    }
}
