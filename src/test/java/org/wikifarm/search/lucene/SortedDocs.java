package org.wikifarm.search.lucene;

import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;

/** An iterator over these document numbers in ascending order, repeats kept (as the highlighter hands pages over). */
final class SortedDocs {
    private SortedDocs() {
    }

    static DocIdSetIterator of(int... docs) {
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        return new DocIdSetIterator() {
            private int at = -1;

            @Override
            public int docID() {
                return at < 0 ? -1 : at >= sorted.length ? NO_MORE_DOCS : sorted[at];
            }

            @Override
            public int nextDoc() {
                at++;
                return docID();
            }

            @Override
            public int advance(int target) {
                throw new UnsupportedOperationException("only nextDoc");
            }

            @Override
            public long cost() {
                return sorted.length;
            }
        };
    }
}
