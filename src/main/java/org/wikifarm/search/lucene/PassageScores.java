package org.wikifarm.search.lucene;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's passage score (BM25 over the passage's matches, times a preference for passages near the start), the
 * same figure computed without the hash table Lucene's own scorer builds for every passage: that table allocates a
 * 32 KB block each time, and on long pages with many matches it was a tenth of a search's time (docs/search.md,
 * "Where the time goes"). A passage's distinct words are found by comparing with those seen so far, which is linear in
 * its matches times the search's distinct words (a bounded number). Stateless: one instance serves every search.
 */
final class PassageScores extends PassageScorer {
    static final PassageScores INSTANCE = new PassageScores();

    @Override
    public float score(Passage passage, int contentLength) {
        int matches = passage.getNumMatches();
        BytesRef[] terms = passage.getMatchTerms();
        int[] inDoc = passage.getMatchTermFreqsInDoc();
        BytesRef[] distinct = new BytesRef[matches];
        int[] freqInPassage = new int[matches];
        int[] freqInDoc = new int[matches];
        int count = 0;
        for (int i = 0; i < matches; i++) {
            int at = 0;
            while (at < count && !distinct[at].bytesEquals(terms[i])) {
                at++;
            }
            if (at == count) {
                distinct[count] = terms[i];
                freqInDoc[count] = inDoc[i];
                count++;
            }
            freqInPassage[at]++;
        }
        // Summed in the order the words were first seen, in double, as Lucene's scorer does: the same float.
        double score = 0;
        for (int i = 0; i < count; i++) {
            score += tf(freqInPassage[i], passage.getLength()) * weight(contentLength, freqInDoc[i]);
        }
        score *= norm(passage.getStartOffset());
        return (float) score;
    }
}
